package fr.parcsolidaire.loans;

/** Where a reservation stands; only ACTIVE holds the machine. */
enum ReservationStatus {
    ACTIVE("Active"),
    CANCELLED("Annulée"),
    LAPSED("Expirée"),
    FULFILLED("Remise faite");

    private final String label;

    ReservationStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
