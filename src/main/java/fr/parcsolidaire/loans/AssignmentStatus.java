package fr.parcsolidaire.loans;

/** Where an assignment stands: ACTIVE loan, GIVEN gift, or a loan that ended (RETURNED, LOST). */
enum AssignmentStatus {
    ACTIVE("Prêt en cours"),
    GIVEN("Donné"),
    RETURNED("Restitué"),
    LOST("Perdu ou volé");

    private final String label;

    AssignmentStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
