package fr.parcsolidaire.inventory;

import fr.parcsolidaire.platform.http.Labelled;

/** NIST SP 800-88 sanitisation levels. */
public enum ErasureMethod implements Labelled {
    CLEAR("Clear (effacement logique)"),
    PURGE("Purge (effacement sécurisé / sanitize)"),
    DESTROY("Destroy (destruction physique)");

    private final String label;

    ErasureMethod(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
