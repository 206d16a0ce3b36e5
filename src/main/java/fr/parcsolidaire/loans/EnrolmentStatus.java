package fr.parcsolidaire.loans;

/** A participant's place in a course session. */
enum EnrolmentStatus {
    ENROLLED("Inscrit"),
    COMPLETED("Parcours terminé"),
    DROPPED_OUT("Abandon");

    private final String label;

    EnrolmentStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
