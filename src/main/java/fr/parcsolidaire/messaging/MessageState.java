package fr.parcsolidaire.messaging;

import fr.parcsolidaire.platform.http.Labelled;

/** Where a message of the outbox stands (docs/messaging.md draws the transitions). */
enum MessageState implements Labelled {
    PENDING("en attente"),
    SENDING("en cours d'envoi"),
    SENT("envoyé"),
    FAILED("échec"),
    CANCELLED("annulé"),
    /** Its worker stopped between sending and recording: it may have left; a person decides. */
    UNCERTAIN("envoi incertain, à vérifier");

    private final String label;

    MessageState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
