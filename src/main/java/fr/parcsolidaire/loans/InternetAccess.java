package fr.parcsolidaire.loans;

/** Internet access at home, as a category only. */
enum InternetAccess {
    BOX("Box internet"),
    MOBILE_ONLY("Téléphone mobile seulement"),
    NONE("Aucun accès"),
    SOCIAL_TARIFF("Tarif social");

    private final String label;

    InternetAccess(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
