package fr.parcsolidaire.loans;

import fr.parcsolidaire.platform.http.Labelled;

/** A participant's place in a course session. */
enum EnrolmentStatus implements Labelled {
    ENROLLED("Inscrit"),
    COMPLETED("Parcours terminé"),
    DROPPED_OUT("Abandon");

    private final String label;

    EnrolmentStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
