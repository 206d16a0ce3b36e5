package fr.parcsolidaire.inventory;

/** The answer to one item of the quality check. */
enum CheckResult {
    OK("OK"),
    KO("Défaut"),
    NA("Sans objet");

    private final String label;

    CheckResult(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
