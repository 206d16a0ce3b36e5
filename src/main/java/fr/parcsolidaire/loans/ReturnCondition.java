package fr.parcsolidaire.loans;

/** The condition check done with the person when a loan comes back. */
enum ReturnCondition {
    GOOD("Bon état"),
    WORN("Usure normale"),
    DAMAGED("Endommagée");

    private final String label;

    ReturnCondition(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
