package fr.parcsolidaire.inventory;

import fr.parcsolidaire.platform.http.Labelled;

public enum MachineType implements Labelled {
    LAPTOP("Ordinateur portable"),
    DESKTOP("Ordinateur fixe"),
    SCREEN("Écran"),
    TABLET("Tablette"),
    PHONE("Téléphone"),
    PRINTER("Imprimante"),
    ACCESSORY("Accessoire");

    private final String label;

    MachineType(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /**
     * Types that always hold user data somewhere: with no storage device on record, the erasure gate wants a
     * technician's statement that there is none. A printer is gated only through the disk declared on it.
     */
    public boolean holdsData() {
        return this == LAPTOP || this == DESKTOP || this == TABLET || this == PHONE;
    }
}
