package fr.parcsolidaire.loans;

import fr.parcsolidaire.platform.http.Labelled;

/** What the person means to do with the machine, as asked on the waiting list. */
enum WaitingUse implements Labelled {
    JOB_SEARCH("Recherche d'emploi et entretiens en visio"),
    SCHOOL_WORK("Travail scolaire des enfants du foyer"),
    ONLINE_PROCEDURES("Démarches en ligne"),
    TRAINING("Formation"),
    KEEPING_IN_TOUCH("Garder le contact avec ses proches");

    private final String label;

    WaitingUse(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
