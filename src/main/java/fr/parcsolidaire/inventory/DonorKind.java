package fr.parcsolidaire.inventory;

import fr.parcsolidaire.platform.http.Labelled;

public enum DonorKind implements Labelled {
    COMPANY("Entreprise"),
    PUBLIC_BODY("Organisme public"),
    ASSOCIATION("Association"),
    RESIDENT("Particulier");

    private final String label;

    DonorKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
