package fr.parcsolidaire.loans;

import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Jsonp;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Demo data of the loans capability, through the real services: the course "À portée de clics" with a
 * session, a few fictitious participants, two loans under way, a gift and a loan already returned, taken from the
 * demo's READY machines.
 */
final class LoansDemo {

    private LoansDemo() {
    }

    /** Takes its machines among the READY ones; contracts point at {@code base} (web/PublicUrls, at start-up). */
    static void load(Database database, BeneficiaryService beneficiaries, CourseService courses,
                     AssignmentService assignments, User actor, String base) {
        LocalDate today = assignments.today();

        long course = courses.createCourse(input(Map.of("name", "À portée de clics",
                "description", "Parcours d'initiation au numérique : allumer, naviguer, démarches en ligne, messagerie.")), actor);
        long session = courses.createSession(course, input(Map.of("label", "Session de printemps",
                "startsOn", today.minusWeeks(3).toString(), "endsOn", today.plusWeeks(5).toString(),
                "facilitator", "Mehdi (conseiller numérique)")), actor);
        // Contacts for the reminders' demo (messaging): Josiane has neither e-mail nor mobile (letters).
        String[][] people = {
                {"Lambert", "Josiane", "Saint-Denis", "93200", "FROM_60_TO_74", "RETIRED", "", ""},
                {"Diallo", "Mamadou", "Saint-Denis", "93200", "FROM_26_TO_44", "JOB_SEEKER", "mamadou.diallo@exemple.fr", ""},
                {"Moreau", "Chloé", "Aubervilliers", "93300", "UNDER_26", "STUDENT", "", "06 12 34 56 78"},
                {"Haddad", "Samir", "Pierrefitte-sur-Seine", "93380", "FROM_45_TO_59", "RSA", "samir.haddad@exemple.fr", "07 98 76 54 32"},
                // Four more, so that the outcome report of the demo has counts of 5 and more to show.
                {"Nguyen", "Thi", "Saint-Denis", "93200", "FROM_60_TO_74", "RETIRED", "", ""},
                {"Benali", "Karim", "Saint-Denis", "93200", "FROM_26_TO_44", "JOB_SEEKER", "", ""},
                {"Petit", "Martine", "Saint-Denis", "93200", "FROM_75", "RETIRED", "", ""},
                {"Traoré", "Aïcha", "Aubervilliers", "93300", "FROM_26_TO_44", "RSA", "", ""}};
        List<Long> ids = new ArrayList<>();
        for (String[] p : people) {
            Map<String, String> fields = new java.util.HashMap<>(Map.of("lastName", p[0], "firstName", p[1], "commune", p[2],
                    "postcode", p[3], "ageBracket", p[4], "situation", p[5], "gdprNoticeOn", today.minusWeeks(3).toString(),
                    "referringStructure", "CCAS de Saint-Denis"));
            if (!p[6].isEmpty()) {
                fields.put("email", p[6]);
            }
            if (!p[7].isEmpty()) {
                fields.put("phone", p[7]);
            }
            long id = beneficiaries.create(input(fields), actor);
            courses.enrol(session, input(Map.of("beneficiaryId", String.valueOf(id))), actor);
            ids.add(id);
        }
        List<ReadyMachine> ready = ReadyMachines.find(database, Map.of());
        String[] kinds = {"LOAN", "LOAN", "GIFT", "LOAN"};
        List<Long> made = new ArrayList<>();
        for (int i = 0; i < kinds.length && i < ready.size(); i++) {
            made.add(assignments.assign(input(Map.of("machineTag", ready.get(i).tag(), "beneficiaryId", String.valueOf(ids.get(i)),
                    "kind", kinds[i], "sessionId", String.valueOf(session))), List.of("Chargeur", "Sacoche"), actor, base));
        }
        // A loan already back, worn and without its bag: the return's details, and a machine back in the workshop queue.
        if (made.size() == kinds.length) {
            assignments.returnLoan(made.getLast(), input(Map.of("condition", "WORN", "note", "Rendue après le parcours")),
                    List.of("Sacoche"), actor);
        }
        // A gift handed over three months ago: its follow-up at 3 months is due, so the follow-up list has someone.
        if (ready.size() > kinds.length) {
            assignments.assign(input(Map.of("machineTag", ready.get(kinds.length).tag(), "beneficiaryId",
                    String.valueOf(ids.get(kinds.length)), "kind", "GIFT", "startsOn", today.minusMonths(3).toString())),
                    List.of("Chargeur"), actor, base);
        }
    }

    private static Input input(Map<String, String> values) {
        var b = Jsonp.objectBuilder();
        values.forEach(b::add);
        return Input.of(b.build());
    }
}
