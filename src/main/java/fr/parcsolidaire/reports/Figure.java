package fr.parcsolidaire.reports;

import fr.parcsolidaire.platform.http.Labelled;

/** The equipment figures of a report, with the French words of the dashboard and exports (docs/reports.md). */
enum Figure implements Labelled {
    RECEIVED("Reçues"),
    IN_WORKSHOP("En atelier (au jour)"),
    READY("Remises en état"),
    LENT("Prêtées"),
    GIVEN("Remises en don"),
    RETURNED("Restituées"),
    SCRAPPED("Recyclées (DEEE)"),
    PARTS("Démontées pour pièces");

    private final String label;

    Figure(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
