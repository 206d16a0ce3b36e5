package fr.parcsolidaire.loans;

import fr.parcsolidaire.platform.settings.Settings;

/** The organisation that lends or gives: its identity printed on every contract (app.structure settings). */
record Structure(String name, String address, String siret, String logoPath, String city) {

    /** From the {@code app.structure} settings; empty optional values are absent (null). */
    static Structure from(Settings structure) {
        return new Structure(structure.text("name"), structure.optionalText("address").orElse(null),
                structure.optionalText("siret").orElse(null), structure.optionalText("logo").orElse(null),
                structure.text("city"));
    }
}
