package fr.parcsolidaire.loans;

/** Children in the household, as a category only. */
enum ChildrenAtHome {
    NONE("Aucun enfant"),
    ONE("Un enfant"),
    TWO_OR_MORE("Deux enfants ou plus");

    private final String label;

    ChildrenAtHome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
