package fr.parcsolidaire.reports;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * French words for the codes of the loans feature that reports read straight from SQL (sql/V2__loans.sql), in
 * display order; the same words as the forms' (PeopleLabelsTest holds them to the loans enums).
 */
final class PeopleLabels {

    static final Map<String, String> AGE_BRACKETS = ordered(
            "UNDER_26", "Moins de 26 ans", "FROM_26_TO_44", "26 à 44 ans", "FROM_45_TO_59", "45 à 59 ans",
            "FROM_60_TO_74", "60 à 74 ans", "FROM_75", "75 ans et plus");
    static final Map<String, String> SITUATIONS = ordered(
            "JOB_SEEKER", "Demandeur d'emploi", "RSA", "Bénéficiaire du RSA", "RETIRED", "Retraité",
            "STUDENT", "Étudiant", "EMPLOYED", "Salarié", "OTHER", "Autre");
    /** An assignment's nature and status (loans/AssignmentKind, AssignmentStatus): never "Don" alone (docs/ui.md). */
    static final Map<String, String> ASSIGNMENT_KINDS = ordered("LOAN", "Prêt", "GIFT", "Remise en don");
    static final Map<String, String> ASSIGNMENT_STATUSES = ordered("ACTIVE", "Prêt en cours", "GIVEN", "Remis en don",
            "RETURNED", "Restitué", "LOST", "Perdu ou volé");
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
