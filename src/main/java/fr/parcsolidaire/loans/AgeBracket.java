package fr.parcsolidaire.loans;

import fr.parcsolidaire.platform.http.Labelled;

/** An age bracket instead of a birth date: enough for statistics, less personal data (DESIGN.md). */
enum AgeBracket implements Labelled {
    UNDER_26("Moins de 26 ans"),
    FROM_26_TO_44("26 à 44 ans"),
    FROM_45_TO_59("45 à 59 ans"),
    FROM_60_TO_74("60 à 74 ans"),
    FROM_75("75 ans et plus");

    private final String label;

    AgeBracket(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
