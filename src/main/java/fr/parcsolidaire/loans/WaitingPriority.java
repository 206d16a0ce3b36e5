package fr.parcsolidaire.loans;

/** The priority the social worker gives a request, with a reason. */
enum WaitingPriority {
    URGENT("Urgente"),
    HIGH("Haute"),
    NORMAL("Normale");

    private final String label;

    WaitingPriority(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
