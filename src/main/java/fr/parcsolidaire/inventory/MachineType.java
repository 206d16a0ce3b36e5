package fr.parcsolidaire.inventory;

public enum MachineType {
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

    public String label() {
        return label;
    }
}
