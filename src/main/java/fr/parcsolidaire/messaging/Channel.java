package fr.parcsolidaire.messaging;

/** How a reminder reaches a person; each needs its own consent. */
public enum Channel {
    EMAIL("e-mail"),
    SMS("SMS"),
    LETTER("courrier");

    private final String label;

    Channel(String label) {
        this.label = label;
    }

    /** What a page shows. */
    public String label() {
        return label;
    }
}
