package fr.parcsolidaire.loans;

import io.helidon.config.Config;

/** The organisation that lends or gives: its identity printed on every contract (app.structure settings). */
public record Structure(String name, String address, String siret, String logoPath, String city) {

    public static Structure from(Config config) {
        Config s = config.get("app.structure");
        return new Structure(
                s.get("name").asString().orElse("Parc Solidaire"),
                blankToNull(s.get("address").asString().orElse(null)),
                blankToNull(s.get("siret").asString().orElse(null)),
                blankToNull(s.get("logo").asString().orElse(null)),
                s.get("city").asString().orElse(""));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
