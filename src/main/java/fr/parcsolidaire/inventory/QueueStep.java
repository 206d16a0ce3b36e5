package fr.parcsolidaire.inventory;

import fr.parcsolidaire.platform.http.Labelled;

/** The steps of the workshop queue on the technician's home page, in the order a machine meets them. */
enum QueueStep implements Labelled {
    DIAGNOSE("À diagnostiquer"),
    ERASE("À effacer"),
    REPAIR("À réparer et installer"),
    CHECK("À contrôler");

    private final String label;

    QueueStep(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
