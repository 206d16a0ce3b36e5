package fr.parcsolidaire.reports;

/** The equipment figures of a report, with the French words of the dashboard and exports (docs/reports.md). */
enum Figure {
    RECEIVED("Reçues"),
    IN_WORKSHOP("En atelier (au jour)"),
    READY("Remises en état"),
    LENT("Prêtées"),
    GIVEN("Données"),
    RETURNED("Restituées"),
    SCRAPPED("Recyclées (DEEE)"),
    PARTS("Démontées pour pièces");

    private final String label;

    Figure(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
