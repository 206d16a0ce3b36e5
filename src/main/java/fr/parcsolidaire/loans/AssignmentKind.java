package fr.parcsolidaire.loans;

import fr.parcsolidaire.platform.http.Labelled;

/** A loan (prêt à usage, returned at the end) or a gift (final). */
enum AssignmentKind implements Labelled {
    LOAN("Prêt"),
    GIFT("Remise en don");

    private final String label;

    AssignmentKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
