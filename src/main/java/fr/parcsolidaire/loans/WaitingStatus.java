package fr.parcsolidaire.loans;

/** Where a request on the waiting list stands. */
enum WaitingStatus {
    WAITING("En attente"),
    SERVED("Équipé"),
    WITHDRAWN("Retirée");

    private final String label;

    WaitingStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
