package fr.parcsolidaire.loans;

import fr.parcsolidaire.platform.http.Labelled;

/** What can happen to a machine while it is with a beneficiary. */
enum IncidentKind implements Labelled {
    BREAKAGE("Casse"),
    THEFT("Vol"),
    LOSS("Perte"),
    REPAIR("Réparation");

    private final String label;

    IncidentKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
