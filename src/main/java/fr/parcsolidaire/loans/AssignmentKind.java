package fr.parcsolidaire.loans;

/** A loan (prêt à usage, returned at the end) or a gift (final). */
enum AssignmentKind {
    LOAN("Prêt"),
    GIFT("Don");

    private final String label;

    AssignmentKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
