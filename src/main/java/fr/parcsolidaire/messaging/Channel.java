package fr.parcsolidaire.messaging;

import fr.parcsolidaire.platform.http.Labelled;

/** How a reminder reaches a person; each needs its own consent. */
public enum Channel implements Labelled {
    EMAIL("e-mail"),
    SMS("SMS"),
    LETTER("courrier");

    private final String label;

    Channel(String label) {
        this.label = label;
    }

    /** What a page shows. */
    @Override
    public String label() {
        return label;
    }
}
