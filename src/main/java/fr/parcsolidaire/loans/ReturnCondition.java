package fr.parcsolidaire.loans;

import fr.parcsolidaire.platform.http.Labelled;

/** The condition check done with the person when a loan comes back. */
enum ReturnCondition implements Labelled {
    GOOD("Bon état"),
    WORN("Usure normale"),
    DAMAGED("Endommagée");

    private final String label;

    ReturnCondition(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
