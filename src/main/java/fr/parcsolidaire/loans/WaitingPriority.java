package fr.parcsolidaire.loans;

import fr.parcsolidaire.platform.http.Labelled;

/** The priority the social worker gives a request, with a reason. */
enum WaitingPriority implements Labelled {
    URGENT("Urgente"),
    HIGH("Haute"),
    NORMAL("Normale");

    private final String label;

    WaitingPriority(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
