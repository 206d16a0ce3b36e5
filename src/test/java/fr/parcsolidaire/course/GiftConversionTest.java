package fr.parcsolidaire.course;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.PdfText;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static fr.parcsolidaire.course.CourseFixtures.SOCIAL;
import static fr.parcsolidaire.course.CourseFixtures.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A loan becomes a gift only on confirmation, after completion (or with an override), and can be cancelled in time. */
class GiftConversionTest {

    /** Three people over two workshops: the first completes, the second continues, the third dropped out. */
    private static CourseFixtures.Cohort endOfSession(String a, String b, String c) {
        CourseFixtures.Cohort cohort = CourseFixtures.cohort(a, b, c);
        long w1 = CourseFixtures.workshop(cohort.session(), 8);
        long w2 = CourseFixtures.workshop(cohort.session(), 1);
        for (long w : List.of(w1, w2)) {
            CourseFixtures.mark(w, cohort.people().get(0), "PRESENT");
            CourseFixtures.mark(w, cohort.people().get(1), w == w1 ? "PRESENT" : "ABSENT");
        }
        CourseFixtures.checklistDone(cohort.people().get(0));
        Fixtures.expect(200, SOCIAL.postJson("/api/v1/enrolments/" + cohort.people().get(2).enrolmentId() + "/status",
                Json.createObjectBuilder().add("status", "DROPPED_OUT").build()));
        return cohort;
    }

    @Test
    void aSessionConvertsOnlyItsCompletedParticipantsOnConfirmationAndAGiftHasNoDueDate() throws Exception {
        CourseFixtures.Cohort c = endOfSession("Donnée", "Continue", "Partie");
        String path = "/api/v1/sessions/" + c.session() + "/convert-to-gift";
        HttpResponse<String> unconfirmed = SOCIAL.postJson(path, "{}");
        assertEquals(409, unconfirmed.statusCode());
        assertTrue(Http.json(unconfirmed).getString("message").startsWith("Confirmez"), unconfirmed.body());
        assertEquals(0, count("SELECT count(*) FROM assignments WHERE session_id = " + c.session() + " AND status = 'GIVEN'"));

        JsonObject done = Http.json(Fixtures.expect(200, SOCIAL.postJson(path, "{\"confirm\": true}")));
        long gift = c.people().get(0).loanId();
        assertEquals(List.of(gift), done.getJsonArray("converted").getValuesAs(jakarta.json.JsonNumber.class).stream()
                .map(jakarta.json.JsonNumber::longValue).toList());
        assertEquals(1, count("SELECT count(*) FROM assignments WHERE id = " + gift + " AND kind = 'GIFT' AND status = 'GIVEN' AND due_on IS NULL"));
        assertEquals(2, count("SELECT count(*) FROM assignments WHERE session_id = " + c.session() + " AND status = 'ACTIVE'"));
        assertEquals(1, count("SELECT count(*) FROM enrolments WHERE id = " + c.people().get(0).enrolmentId() + " AND status = 'COMPLETED'"));
        assertEquals(1, count("SELECT count(*) FROM gift_conversions g JOIN contracts k ON k.id = g.certificate_id"
                + " WHERE g.assignment_id = " + gift + " AND k.kind = 'GIFT_CERTIFICATE' AND NOT g.overridden"));

        // A gift has no due date anywhere: the API, the page, the certificate, the export.
        JsonObject a = Http.json(SOCIAL.get("/api/v1/assignments/" + gift));
        assertFalse(a.containsKey("dueOn"), a.toString());
        String page = Http.browser(Role.SOCIAL_WORKER).get("/assignments/" + gift).body();
        assertFalse(page.contains("Retour prévu"), page);
        String pdf = PdfText.of(SOCIAL.getBytes("/api/v1/assignments/" + gift + "/contract.pdf").body()).replaceAll("\\s+", " ");
        assertTrue(pdf.contains("Attestation de don"), pdf);
        assertFalse(pdf.contains("Durée du prêt"), pdf);
        String dueDate = TestApp.get().count("SELECT count(*) FROM assignment_events WHERE assignment_id = " + gift
                + " AND kind = 'CONVERTED_TO_GIFT' AND data->>'previousDueOn' IS NOT NULL") == 1 ? "ok" : "missing";
        assertEquals("ok", dueDate, "the loan's due date is kept in the journal, for a cancellation");
        String csv = new String(Http.browser(Role.ADMIN).getBytes("/reports/assignments.csv").body(), StandardCharsets.UTF_8);
        String row = csv.lines().filter(l -> l.startsWith(gift + ";")).findFirst().orElseThrow(() -> new AssertionError(csv));
        assertEquals("", row.split(";", -1)[6], "Échéance of a gift: " + row);

        HttpResponse<String> again = SOCIAL.postJson(path, "{\"confirm\": true}");
        assertEquals(409, again.statusCode());
        assertTrue(Http.json(again).getString("message").contains("déjà été transformés"), again.body());
    }

    @Test
    void oneLoanBeforeCompletionNeedsAnOverrideWithItsReasonJournaled() {
        CourseFixtures.Cohort c = endOfSession("Tôt", "Dérogation", "Sortie");
        long loan = c.people().get(1).loanId();
        HttpResponse<String> refused = SOCIAL.postJson("/api/v1/assignments/" + loan + "/convert-to-gift", "{}");
        assertEquals(409, refused.statusCode());
        assertTrue(Http.json(refused).getString("message").contains("dérogation"), refused.body());
        HttpResponse<String> tooLong = SOCIAL.postJson("/api/v1/assignments/" + loan + "/convert-to-gift",
                Json.createObjectBuilder().add("override", "x".repeat(501)).build());
        assertEquals(400, tooLong.statusCode());
        assertEquals(1, count("SELECT count(*) FROM assignments WHERE id = " + loan + " AND status = 'ACTIVE'"));
        Fixtures.expect(200, SOCIAL.postJson("/api/v1/assignments/" + loan + "/convert-to-gift",
                Json.createObjectBuilder().add("override", "Déménagement, suivra le parcours ailleurs").build()));
        assertEquals(1, count("SELECT count(*) FROM assignment_events WHERE assignment_id = " + loan
                + " AND kind = 'CONVERTED_TO_GIFT' AND note LIKE '%Déménagement%' AND data->>'override' = 'true'"));
        assertEquals(1, count("SELECT count(*) FROM gift_conversions WHERE assignment_id = " + loan + " AND overridden"));
        // The completed participant's own loan needs no override.
        Fixtures.expect(200, SOCIAL.postJson("/api/v1/assignments/" + c.people().get(0).loanId() + "/convert-to-gift", "{}"));
    }

    @Test
    void aMistakenGiftIsCancelledWithinTheWindowTheCertificateVoidedAndTheLoanRestored() {
        CourseFixtures.Cohort c = endOfSession("Erreur", "Reste", "Loin");
        long gift = c.people().get(0).loanId();
        LocalDate due = LocalDate.now().plusDays(20);
        Fixtures.expect(200, SOCIAL.postJson("/api/v1/sessions/" + c.session() + "/convert-to-gift", "{\"confirm\": true}"));
        long certificate = count("SELECT certificate_id FROM gift_conversions WHERE assignment_id = " + gift);
        HttpResponse<String> noReason = SOCIAL.postJson("/api/v1/assignments/" + gift + "/cancel-gift", "{}");
        assertEquals(400, noReason.statusCode());
        assertTrue(Http.json(noReason).getJsonObject("fields").containsKey("reason"));

        JsonObject loan = Http.json(Fixtures.expect(200, SOCIAL.postJson("/api/v1/assignments/" + gift + "/cancel-gift",
                Json.createObjectBuilder().add("reason", "Mauvaise personne cochée").build())));
        assertEquals("LOAN", loan.getString("kind"));
        assertEquals("ACTIVE", loan.getString("status"));
        assertEquals(due.toString(), loan.getString("dueOn"), "the session's end, as before the conversion");
        assertEquals(1, count("SELECT count(*) FROM contracts WHERE id = " + certificate), "the certificate is kept");
        assertEquals(1, count("SELECT count(*) FROM gift_conversions WHERE certificate_id = " + certificate + " AND cancelled_at IS NOT NULL"));
        assertEquals(1, count("SELECT count(*) FROM assignment_events WHERE assignment_id = " + gift
                + " AND kind = 'GIFT_CANCELLED' AND note = 'Mauvaise personne cochée'"));
        assertEquals(1, count("SELECT count(*) FROM enrolments WHERE id = " + c.people().get(0).enrolmentId() + " AND status = 'ENROLLED'"));
        String page = Http.browser(Role.SOCIAL_WORKER).get("/assignments/" + gift).body();
        assertTrue(page.contains("annulée le"), page);
        String current = PdfText.of(SOCIAL.getBytes("/api/v1/assignments/" + gift + "/contract.pdf").body());
        assertTrue(current.contains("Convention de prêt"), "the loan's agreement is the current document again");
        assertEquals(409, SOCIAL.postJson("/api/v1/assignments/" + gift + "/cancel-gift",
                Json.createObjectBuilder().add("reason", "Encore").build()).statusCode(), "a loan: nothing to cancel");

        // Converted again, then the window passes: no more cancellation.
        Fixtures.expect(200, SOCIAL.postJson("/api/v1/assignments/" + gift + "/convert-to-gift", "{}"));
        TestApp.get().sql("UPDATE gift_conversions SET converted_at = now() - interval '8 days' WHERE assignment_id = "
                + gift + " AND cancelled_at IS NULL");
        HttpResponse<String> late = SOCIAL.postJson("/api/v1/assignments/" + gift + "/cancel-gift",
                Json.createObjectBuilder().add("reason", "Trop tard").build());
        assertEquals(409, late.statusCode());
        assertTrue(Http.json(late).getString("message").contains("délai"), late.body());
        assertEquals(1, count("SELECT count(*) FROM assignments WHERE id = " + gift + " AND status = 'GIVEN'"));
    }

    @Test
    void twoWorkersConvertingTheSameSessionAtOnceGiveOneConversionAndOneFrench409() throws Exception {
        CourseFixtures.Cohort c = endOfSession("Course", "Concurrente", "Absente");
        Http other = Http.api(Role.ADMIN);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (Http who : List.of(SOCIAL, other)) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return who.postJson("/api/v1/sessions/" + c.session() + "/convert-to-gift", "{\"confirm\": true}");
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<HttpResponse<String>> f : answers) {
                HttpResponse<String> r = f.get();
                statuses.add(r.statusCode());
                if (r.statusCode() == 409) {
                    assertTrue(Http.json(r).getString("message").contains("déjà"), r.body());
                }
            }
            statuses.sort(Integer::compare);
            assertEquals(List.of(200, 409), statuses);
        }
        assertEquals(1, count("SELECT count(*) FROM gift_conversions WHERE session_id = " + c.session()));
        assertEquals(1, count("SELECT count(*) FROM contracts WHERE kind = 'GIFT_CERTIFICATE' AND assignment_id = "
                + c.people().get(0).loanId()));
    }

    @Test
    void aDroppedOutParticipantsReturnIsPlanned() {
        CourseFixtures.Cohort c = endOfSession("Retour", "Suite", "Abandon");
        long loan = c.people().get(2).loanId();
        LocalDate on = LocalDate.now().plusDays(5);
        JsonObject a = Http.json(Fixtures.expect(200, SOCIAL.postJson("/api/v1/assignments/" + loan + "/plan-return",
                Json.createObjectBuilder().add("returnOn", on.toString()).build())));
        assertEquals(on.toString(), a.getString("dueOn"));
        assertEquals(1, count("SELECT count(*) FROM assignment_events WHERE assignment_id = " + loan
                + " AND kind = 'RETURN_PLANNED' AND data->>'to' = '" + on + "'"));
        HttpResponse<String> past = SOCIAL.postJson("/api/v1/assignments/" + loan + "/plan-return",
                Json.createObjectBuilder().add("returnOn", LocalDate.now().minusDays(1).toString()).build());
        assertEquals(400, past.statusCode());
        JsonObject completion = CourseFixtures.completion(c.session());
        assertEquals(on.toString(), completion.getJsonArray("droppedOut").getJsonObject(0).getString("dueOn"));
    }
}
