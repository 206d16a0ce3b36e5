package fr.parcsolidaire.loans;

import fr.parcsolidaire.platform.http.Labelled;

/** Internet access at home, as a category only. */
enum InternetAccess implements Labelled {
    BOX("Box internet"),
    MOBILE_ONLY("Téléphone mobile seulement"),
    NONE("Aucun accès"),
    SOCIAL_TARIFF("Tarif social");

    private final String label;

    InternetAccess(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
