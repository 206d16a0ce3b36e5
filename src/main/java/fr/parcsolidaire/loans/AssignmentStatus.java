package fr.parcsolidaire.loans;

import fr.parcsolidaire.platform.http.Labelled;

/** Where an assignment stands: ACTIVE loan, GIVEN gift, or a loan that ended (RETURNED, LOST). */
enum AssignmentStatus implements Labelled {
    ACTIVE("Prêt en cours"),
    GIVEN("Remis en don"),
    RETURNED("Restitué"),
    LOST("Perdu ou volé");

    private final String label;

    AssignmentStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
