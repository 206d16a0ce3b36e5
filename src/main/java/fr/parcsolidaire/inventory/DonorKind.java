package fr.parcsolidaire.inventory;

public enum DonorKind {
    COMPANY("Entreprise"),
    PUBLIC_BODY("Organisme public"),
    ASSOCIATION("Association"),
    RESIDENT("Particulier");

    private final String label;

    DonorKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
