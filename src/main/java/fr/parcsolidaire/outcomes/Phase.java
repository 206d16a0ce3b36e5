package fr.parcsolidaire.outcomes;

/** When the participant fills the self-assessment: at the start of the course, or at its end. */
enum Phase {
    ENTRY("à l'entrée"),
    EXIT("à la sortie");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
