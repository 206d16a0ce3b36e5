package fr.parcsolidaire.loans;

/** What can happen to a machine while it is with a beneficiary. */
enum IncidentKind {
    BREAKAGE("Casse"),
    THEFT("Vol"),
    LOSS("Perte"),
    REPAIR("Réparation");

    private final String label;

    IncidentKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
