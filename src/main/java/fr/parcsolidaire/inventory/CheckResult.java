package fr.parcsolidaire.inventory;

import fr.parcsolidaire.platform.http.Labelled;

/** The answer to one item of the quality check. */
enum CheckResult implements Labelled {
    OK("OK"),
    KO("Défaut"),
    NA("Sans objet");

    private final String label;

    CheckResult(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
