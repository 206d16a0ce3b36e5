package fr.parcsolidaire.reports;

import java.util.LinkedHashMap;
import java.util.Map;

/** French words for the beneficiaries' age brackets and situations (codes of sql/V2__loans.sql), in display order. */
final class PeopleLabels {

    static final Map<String, String> AGE_BRACKETS = ordered(
            "UNDER_26", "Moins de 26 ans", "FROM_26_TO_44", "26 à 44 ans", "FROM_45_TO_59", "45 à 59 ans",
            "FROM_60_TO_74", "60 à 74 ans", "FROM_75", "75 ans et plus");
    static final Map<String, String> SITUATIONS = ordered(
            "JOB_SEEKER", "Demandeur d'emploi", "RSA", "Allocataire du RSA", "RETIRED", "Retraité",
            "STUDENT", "Étudiant", "EMPLOYED", "En emploi", "OTHER", "Autre");
    /** Communes where fewer than 5 people were served are never named: they add up into this line. */
    static final String OTHER_COMMUNES = "OTHER_COMMUNES";
    static final String OTHER_COMMUNES_LABEL = "Autres communes (moins de 5 personnes chacune)";

    private PeopleLabels() {
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
