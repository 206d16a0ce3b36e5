package fr.parcsolidaire.inventory;

import java.math.BigDecimal;

/** A machine as listed: enough to recognise it on a shelf. */
public record MachineRow(String tag, MachineType type, String brand, String model, String serial,
                         MachineState state, Grade grade, BigDecimal ramGb, String site, long donationId) {
}
