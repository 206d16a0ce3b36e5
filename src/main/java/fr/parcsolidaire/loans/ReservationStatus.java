package fr.parcsolidaire.loans;

import fr.parcsolidaire.platform.http.Labelled;

/** Where a reservation stands; only ACTIVE holds the machine. */
enum ReservationStatus implements Labelled {
    ACTIVE("Active"),
    CANCELLED("Annulée"),
    LAPSED("Expirée"),
    FULFILLED("Remise faite");

    private final String label;

    ReservationStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
