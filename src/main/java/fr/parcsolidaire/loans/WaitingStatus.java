package fr.parcsolidaire.loans;

import fr.parcsolidaire.platform.http.Labelled;

/** Where a request on the waiting list stands. */
enum WaitingStatus implements Labelled {
    WAITING("En attente"),
    SERVED("Équipé"),
    WITHDRAWN("Retirée");

    private final String label;

    WaitingStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
