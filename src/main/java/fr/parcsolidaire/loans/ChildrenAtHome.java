package fr.parcsolidaire.loans;

import fr.parcsolidaire.platform.http.Labelled;

/** Children in the household, as a category only. */
enum ChildrenAtHome implements Labelled {
    NONE("Aucun enfant"),
    ONE("Un enfant"),
    TWO_OR_MORE("Deux enfants ou plus");

    private final String label;

    ChildrenAtHome(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
