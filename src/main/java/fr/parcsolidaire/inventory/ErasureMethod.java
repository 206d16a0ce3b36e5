package fr.parcsolidaire.inventory;

/** NIST SP 800-88 sanitisation levels. */
public enum ErasureMethod {
    CLEAR("Clear (effacement logique)"),
    PURGE("Purge (effacement sécurisé / sanitize)"),
    DESTROY("Destroy (destruction physique)");

    private final String label;

    ErasureMethod(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
