package fr.parcsolidaire.loans;

import java.time.LocalDate;

/**
 * One other item of a kit: a tagged machine (tag, type in French, title, serial) or an accessory without a tag
 * (name and quantity); {@code returnedOn} once it came back.
 */
public record KitLine(long id, int position, String tag, String machineType, String title, String serial, String name,
                      int quantity, LocalDate returnedOn) {

    /** The item as a person reads it: "Écran Dell P2217 (PS-2026-00012)" or "Sacoche ×1". */
    public String label() {
        return tag != null ? title + " (" + tag + ")" : name + (quantity > 1 ? " ×" + quantity : "");
    }
}
