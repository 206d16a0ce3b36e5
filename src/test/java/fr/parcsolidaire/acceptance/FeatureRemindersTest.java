package fr.parcsolidaire.acceptance;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reminders course and outcomes hand to messaging (wired in Main, docs/messaging.md): the eve of a workshop and
 * the day a follow-up falls due, queued in French through {@code POST /api/v1/reminders/run} for a person who agreed
 * to e-mails, and nothing for a person who did not.
 */
class FeatureRemindersTest {

    private static final Http SOCIAL = Http.api(Role.SOCIAL_WORKER);
    private static final Http ADMIN = Http.api(Role.ADMIN);

    @Test
    void theEveOfAWorkshopItsParticipantsWhoAgreedGetAnEmailInFrench() throws Exception {
        long agreed = person("Rappel", "Noémie", true);
        long silent = person("Sansaccord", "Paul", false);
        long course = id(SOCIAL.postJson("/api/v1/courses", Json.createObjectBuilder()
                .add("name", "Rappels " + System.nanoTime()).build()));
        long session = id(SOCIAL.postJson("/api/v1/courses/" + course + "/sessions", Json.createObjectBuilder()
                .add("label", "Hiver").add("startsOn", LocalDate.now().minusDays(10).toString())
                .add("endsOn", LocalDate.now().plusDays(30).toString()).build()));
        for (long p : new long[] {agreed, silent}) {
            id(SOCIAL.postJson("/api/v1/sessions/" + session + "/enrolments",
                    Json.createObjectBuilder().add("beneficiaryId", p).build()));
        }
        LocalDate tomorrow = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(1);
        long workshop = id(SOCIAL.postJson("/api/v1/sessions/" + session + "/workshops", Json.createObjectBuilder()
                .add("startsAt", tomorrow.atTime(14, 0).atZone(ZoneId.of("Europe/Paris")).toOffsetDateTime().toString())
                .add("durationMinutes", 120).add("topic", "Envoyer un e-mail").build()));

        JsonObject report = run("workshops");
        assertTrue(report.toString().contains("workshops"), report.toString());

        List<String[]> rows = outbox(agreed);
        assertEquals(1, rows.size(), "one reminder, by e-mail");
        String[] row = rows.getFirst();
        assertEquals("EMAIL", row[0]);
        assertEquals("workshop-soon", row[1]);
        String day = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.FRENCH).format(tomorrow);
        assertEquals("Rappel : atelier demain, " + day + " à 14 h", row[2]);
        assertTrue(row[3].contains("Bonjour Noémie") && row[3].contains("demain, " + day + " à 14 h")
                && row[3].contains("« Envoyer un e-mail »"), row[3]);
        assertTrue(row[4].equals("workshop-soon:workshop-" + workshop + ":" + tomorrow), row[4]);
        assertEquals(0, outbox(silent).size(), "no consent, no message");

        run("workshops");
        assertEquals(1, outbox(agreed).size(), "a second pass queues nothing more");
    }

    @Test
    void theDayAFollowUpFallsDueThePersonIsToldTheyWillBeCalled() throws Exception {
        long agreed = person("Suivi", "Amandine", true);
        long silent = person("Suivisansaccord", "Marc", false);
        LocalDate handedOver = LocalDate.now().minusMonths(3);
        List<Long> loans = new ArrayList<>();
        for (long p : new long[] {agreed, silent}) {
            long loan = id(SOCIAL.postJson("/api/v1/assignments", Json.createObjectBuilder().add("machineTag", Fixtures.readyMachine())
                    .add("beneficiaryId", p).add("kind", "LOAN").add("dueOn", LocalDate.now().plusMonths(3).toString()).build()));
            TestApp.get().sql("UPDATE assignments SET starts_on = DATE '" + handedOver + "' WHERE id = " + loan);
            loans.add(loan);
        }
        run("follow-ups");

        List<String[]> rows = outbox(agreed);
        assertEquals(1, rows.size());
        assertEquals("follow-up-due", rows.getFirst()[1]);
        assertTrue(rows.getFirst()[3].contains("il y a 3 mois") && rows.getFirst()[3].contains("va vous appeler"),
                rows.getFirst()[3]);
        assertEquals("follow-up-due:follow-up-" + loans.getFirst() + "-3:" + handedOver.plusMonths(3), rows.getFirst()[4]);
        assertEquals(0, outbox(silent).size(), "no consent, no message");
    }

    private static long person(String lastName, String firstName, boolean consents) {
        String email = "rappel-" + UUID.randomUUID().toString().substring(0, 8) + "@exemple.fr";
        JsonObjectBuilder body = Json.createObjectBuilder().add("lastName", lastName).add("firstName", firstName)
                .add("commune", "Saint-Denis").add("postcode", "93200").add("ageBracket", "FROM_45_TO_59")
                .add("situation", "JOB_SEEKER").add("gdprNoticeOn", LocalDate.now().toString()).add("email", email)
                // A mobile too: the demo data (DemoLoad, same database) may give the first people an SMS consent.
                .add("phone", String.format("07 %02d %02d %02d %02d", (int) (Math.random() * 100), (int) (Math.random() * 100),
                        (int) (Math.random() * 100), (int) (Math.random() * 100)));
        long id = id(SOCIAL.postJson("/api/v1/beneficiaries", body.build()));
        if (consents) {
            Fixtures.expect(200, SOCIAL.postJson("/api/v1/beneficiaries/" + id + "/consents",
                    Json.createObjectBuilder().add("channel", "EMAIL").add("given", true).build()));
        }
        return id;
    }

    private static JsonObject run(String rule) {
        HttpResponse<String> r = ADMIN.postJson("/api/v1/reminders/run", Json.createObjectBuilder().add("rule", rule).build());
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r);
    }

    /** channel, template, subject, body, dedup key of each message queued for the person. */
    private static List<String[]> outbox(long beneficiaryId) throws Exception {
        List<String[]> rows = new ArrayList<>();
        try (Connection c = TestApp.get().connection(); PreparedStatement s = c.prepareStatement(
                "SELECT channel, template, subject, body, dedup_key FROM outbox WHERE beneficiary_id = ? ORDER BY id")) {
            s.setLong(1, beneficiaryId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)});
                }
            }
        }
        return rows;
    }

    private static long id(HttpResponse<String> r) {
        assertEquals(201, r.statusCode(), r.body());
        return Http.json(r).getJsonNumber("id").longValue();
    }
}
