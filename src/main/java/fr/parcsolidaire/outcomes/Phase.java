package fr.parcsolidaire.outcomes;

import fr.parcsolidaire.platform.http.Labelled;

/** When the participant fills the self-assessment: at the start of the course, or at its end. */
enum Phase implements Labelled {
    ENTRY("à l'entrée"),
    EXIT("à la sortie");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
