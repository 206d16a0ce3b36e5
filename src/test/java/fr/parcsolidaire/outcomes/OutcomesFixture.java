package fr.parcsolidaire.outcomes;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A small world on a site of its own, attached to one programme, whose outcome figures are computed by hand
 * (docs/outcomes.md, "Preuves"):
 * <ul>
 *   <li>10 people: 7 aged 26–44, 2 aged 45–59, 1 aged 60–74; 9 job seekers and 1 on RSA; 6 in Villeurbanne and
 *       4 in Bron (a commune under 5, never named);</li>
 *   <li>one donation of 7 laptops and 2 desktops received today;</li>
 *   <li>handovers 7 months ago: 6 laptop loans (people 1–6), 2 desktop gifts (7, 8), one laptop loan converted
 *       to a gift today (9); person 10 has no machine;</li>
 *   <li>one session, 8 to 5 months ago, with the 10 people enrolled and two workshops of two hours: 5 attend both and
 *   finish the checklist (completed), 5 are absent;</li>
 *   <li>skills: people 1–5 from level 1 to 3 (progressed), 6–10 from 2 to 2 (not progressed), all "capable" at exit;</li>
 *   <li>6-month follow-ups: people 1–7 answered (1 reports a breakdown; 1–4 daily, 5 weekly, 6 rarely, 7 no
 *       longer), person 8 unreachable after three attempts, person 9 not yet called; no 3-month follow-up made.</li>
 * </ul>
 * Hand-computed: 10 people; lent 7 laptops; given 1 laptop + 2 desktops; received 9; completion 5 of 10 = 50 %;
 * progressed 5 of 10 = 50 %; capable 10 of 10 = 100 %; still using 6 of 7 (not published: 1 no longer);
 * unreachable 1 ("< 5"); impact 9 machines, 7 × 2.2 + 2 × 8 = 31.4 kg, (7 + 2) × 27 × 3 = 729 kg CO2e;
 * budget 12 000 € ÷ 10 = 1 200 € per person.
 */
final class OutcomesFixture {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Paris"));
    static final LocalDate HANDED_OVER = TODAY.minusMonths(7);

    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String site = "resultats-" + suffix;
    final String siteName = "A résultats " + suffix;
    final List<Long> people = new ArrayList<>();
    final List<Long> assignments = new ArrayList<>();
    final List<Long> enrolments = new ArrayList<>();
    long donation;
    long session;
    long programme;

    private final long actor = TestApp.get().count("SELECT id FROM users WHERE username = '" + TestApp.get().username(Role.ADMIN) + "'");

    static OutcomesFixture build() {
        OutcomesFixture f = new OutcomesFixture();
        f.create();
        return f;
    }

    String query() {
        return "programme=" + programme + "&from=" + TODAY.minusYears(1) + "&to=" + TODAY;
    }

    private void create() {
        TestApp.get().sql("INSERT INTO sites (code, name, tag_prefix) VALUES ('" + site + "', '" + siteName + "', 'RES')");
        JsonArrayBuilder machines = Json.createArrayBuilder();
        for (int i = 0; i < 7; i++) {
            machines.add(machine("LAPTOP"));
        }
        machines.add(machine("DESKTOP")).add(machine("DESKTOP"));
        JsonObject d = Http.json(Fixtures.expect(201, Http.api(Role.TECHNICIAN).postJson("/api/v1/donations",
                Json.createObjectBuilder().add("donor", Json.createObjectBuilder().add("name", "Entreprise Résultats").add("kind", "COMPANY"))
                        .add("receivedOn", TODAY.toString()).add("site", site).add("machines", machines).build())));
        donation = d.getJsonNumber("id").longValue();
        List<String> tags = d.getJsonArray("machines").stream().map(m -> m.asJsonObject().getString("tag")).toList();

        for (int i = 1; i <= 10; i++) {
            String age = i <= 7 ? "FROM_26_TO_44" : i <= 9 ? "FROM_45_TO_59" : "FROM_60_TO_74";
            String situation = i <= 9 ? "JOB_SEEKER" : "RSA";
            String commune = i <= 6 ? "Villeurbanne" : "Bron";
            people.add(insert("INSERT INTO beneficiaries (site_id, last_name, first_name, phone, commune, postcode, age_bracket,"
                    + " situation, gdpr_notice_on, created_by) SELECT id, 'Résultat" + i + "', 'Camille', '06 00 00 00 0" + (i % 10)
                    + "', '" + commune + "', '69100', '" + age + "', '" + situation + "', DATE '" + TODAY + "', " + actor
                    + " FROM sites WHERE code = '" + site + "' RETURNING id"));
        }
        for (int i = 0; i < 6; i++) {
            assignments.add(assignment(tags.get(i), people.get(i), "LOAN", "ACTIVE"));
        }
        assignments.add(assignment(tags.get(7), people.get(6), "GIFT", "GIVEN"));
        assignments.add(assignment(tags.get(8), people.get(7), "GIFT", "GIVEN"));
        long converted = assignment(tags.get(6), people.get(8), "GIFT", "GIVEN");
        TestApp.get().sql("INSERT INTO assignment_events (assignment_id, kind, actor_id) VALUES (" + converted
                + ", 'CONVERTED_TO_GIFT', " + actor + ")");
        assignments.add(converted);

        Http social = Http.api(Role.SOCIAL_WORKER);
        long course = id(social.postJson("/api/v1/courses", Json.createObjectBuilder().add("name", "Résultats " + suffix).build()));
        session = id(social.postJson("/api/v1/courses/" + course + "/sessions", Json.createObjectBuilder().add("label", "Session " + suffix)
                .add("site", site).add("startsOn", TODAY.minusMonths(8).toString()).add("endsOn", TODAY.minusMonths(5).toString()).build()));
        for (long person : people) {
            enrolments.add(id(social.postJson("/api/v1/sessions/" + session + "/enrolments",
                    Json.createObjectBuilder().add("beneficiaryId", person).build())));
        }
        // Two workshops of two hours: the first five attend both and finish the set-up checklist (they complete the
        // course by its rule: attendance at least 75 % and the checklist done), the other five are absent.
        List<String> items = List.of("allumer", "compte", "wifi", "mises-a-jour", "navigateur", "courriel",
                "services-publics", "securite", "imprimer", "sauvegarde");
        for (int week = 1; week <= 2; week++) {
            long workshop = id(social.postJson("/api/v1/sessions/" + session + "/workshops", Json.createObjectBuilder()
                    .add("startsAt", TODAY.minusMonths(8).plusWeeks(week).atTime(14, 0).atOffset(java.time.ZoneOffset.UTC).toString())
                    .add("durationMinutes", 120).add("topic", "Atelier " + week).build()));
            for (int i = 0; i < people.size(); i++) {
                Fixtures.expect(200, social.postJson("/api/v1/workshops/" + workshop + "/attendance", Json.createObjectBuilder()
                        .add("beneficiaryId", people.get(i)).add("status", i < 5 ? "PRESENT" : "ABSENT").build()));
            }
        }
        for (int i = 0; i < 5; i++) {
            for (String item : items) {
                Fixtures.expect(200, social.postJson("/api/v1/enrolments/" + enrolments.get(i) + "/checklist",
                        Json.createObjectBuilder().add("item", item).add("doneOn", TODAY.minusMonths(7).toString()).build()));
            }
        }

        Http admin = Http.api(Role.ADMIN);
        programme = id(admin.postJson("/api/v1/programmes", Json.createObjectBuilder().add("name", "Programme " + suffix)
                .add("funder", "Fondation des résultats").add("startsOn", TODAY.minusYears(1).toString())
                .add("endsOn", TODAY.plusYears(1).toString()).add("budget", 12000)
                .add("targets", Json.createObjectBuilder().add("people", 20).add("machines", 15)).build()));
        JsonArrayBuilder handovers = Json.createArrayBuilder();
        assignments.forEach(handovers::add);
        JsonObject attached = Http.json(Fixtures.expect(200, admin.postJson("/api/v1/programmes/" + programme + "/links",
                Json.createObjectBuilder().add("donations", Json.createArrayBuilder().add(donation))
                        .add("sessions", Json.createArrayBuilder().add(session)).add("assignments", handovers).build())));
        if (attached.getInt("attached") != 11) {
            throw new AssertionError("11 links expected: " + attached);
        }

        for (int i = 0; i < 10; i++) {
            int entry = i < 5 ? 1 : 2;
            int exit = i < 5 ? 3 : 2;
            Fixtures.expect(201, social.postJson("/api/v1/enrolments/" + enrolments.get(i) + "/skills", skills("ENTRY", entry, 1)));
            Fixtures.expect(201, social.postJson("/api/v1/enrolments/" + enrolments.get(i) + "/skills", skills("EXIT", exit, 3 + i % 2)));
        }

        String[] uses = {"DAILY", "DAILY", "DAILY", "DAILY", "WEEKLY", "RARELY", "NO_LONGER"};
        for (int i = 0; i < uses.length; i++) {
            JsonObjectBuilder answers = Json.createObjectBuilder().add("milestone", 6).add("channel", "PHONE").add("answered", true)
                    .add("machineUse", uses[i]).add("homeInternet", i != 3).add("feelsCapable", 3);
            if (i == 0) {
                answers.add("breakdown", true).add("problems", "L'écran ne s'allume plus.");
            }
            if (uses[i].equals("NO_LONGER")) {
                answers.add("useReason", "Plus le temps.");
            }
            Fixtures.expect(201, social.postJson("/api/v1/assignments/" + assignments.get(i) + "/follow-ups", answers.build()));
        }
        for (String channel : List.of("PHONE", "SMS", "PHONE")) {
            Fixtures.expect(201, social.postJson("/api/v1/assignments/" + assignments.get(7) + "/follow-ups", attempt(channel, 6)));
        }
    }

    /** Every statement of the questionnaire at {@code level}, "capable" at {@code capable}. */
    static JsonObject skills(String phase, int level, int capable) {
        JsonObjectBuilder answers = Json.createObjectBuilder();
        for (String code : List.of("allumer", "clavier", "internet", "courriel", "piece-jointe", "demarche", "fraude", "fichiers")) {
            answers.add(code, level);
        }
        answers.add("capable", capable);
        return Json.createObjectBuilder().add("phase", phase).add("answers", answers).build();
    }

    static JsonObject attempt(String channel, int milestone) {
        return Json.createObjectBuilder().add("milestone", milestone).add("channel", channel).add("answered", false).build();
    }

    private static JsonObject machine(String type) {
        return Json.createObjectBuilder().add("type", type).add("brand", "Lenovo").add("model", "ThinkPad")
                .add("serial", "SN-" + UUID.randomUUID()).build();
    }

    private long assignment(String tag, long beneficiary, String kind, String status) {
        String due = kind.equals("LOAN") ? "DATE '" + TODAY.plusMonths(1) + "'" : "NULL";
        return insert("INSERT INTO assignments (machine_id, beneficiary_id, kind, status, starts_on, due_on, created_by)"
                + " SELECT id, " + beneficiary + ", '" + kind + "', '" + status + "', DATE '" + HANDED_OVER + "', " + due + ", "
                + actor + " FROM machines WHERE tag = '" + tag + "' RETURNING id");
    }

    private static long id(java.net.http.HttpResponse<String> r) {
        return Http.json(Fixtures.expect(201, r)).getJsonNumber("id").longValue();
    }

    private static long insert(String sql) {
        try (var c = TestApp.get().connection(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
