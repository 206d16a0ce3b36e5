package fr.parcsolidaire.loans;

import fr.parcsolidaire.Race;
import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.Poll;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One machine, one assignment, whoever clicks; who sees names; signing and whole-session conversion. */
class ConcurrencyAndVisibilityTest {

    @Test
    void hundredConcurrentAttemptsGiveOneAssignmentAndNinetyNineConflicts() throws Exception {
        String tag = Fixtures.readyMachine();
        List<Long> people = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            people.add(LoanFixtures.beneficiary("Concurrent" + i, "Test"));
        }
        Http social = Http.api(Role.SOCIAL_WORKER);
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String body = Json.createObjectBuilder().add("machineTag", tag).add("beneficiaryId", people.get(i % 5))
                    .add("kind", "LOAN").add("dueOn", LocalDate.now().plusMonths(2).toString()).build().toString();
            calls.add(() -> social.postJson("/api/v1/assignments", body));
        }
        int created = 0;
        int conflicts = 0;
        for (HttpResponse<String> r : Race.run(calls)) {
            if (r.statusCode() == 201) {
                created++;
            } else if (r.statusCode() == 409 && Http.json(r).getString("message").contains("déjà attribuée")) {
                conflicts++;
            } else {
                throw new AssertionError(r.statusCode() + " " + r.body());
            }
        }
        assertEquals(1, created);
        assertEquals(99, conflicts);
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM assignments a JOIN machines m ON m.id = a.machine_id WHERE m.tag = '" + tag + "'"));
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM machine_events e JOIN machines m ON m.id = e.machine_id"
                + " WHERE m.tag = '" + tag + "' AND e.to_state = 'ASSIGNED'"));
    }

    @Test
    void techniciansSeeNothingOfBeneficiariesAndCoordinatorsNoNames() {
        String tag = Fixtures.readyMachine();
        long person = LoanFixtures.beneficiary("Secretname", "Visible");
        long id = LoanFixtures.loan(tag, person);

        Http tech = Http.api(Role.TECHNICIAN);
        assertEquals(403, tech.get("/api/v1/beneficiaries/" + person).statusCode());
        assertEquals(403, tech.get("/api/v1/assignments/" + id + "/contract.pdf").statusCode());
        assertEquals(403, tech.get("/api/v1/assignments/" + id).statusCode());
        Http techPages = Http.browser(Role.TECHNICIAN);
        assertEquals(403, techPages.get("/beneficiaries/" + person).statusCode());
        String machinePage = techPages.get("/m/" + tag).body();
        assertFalse(machinePage.contains("Secretname"), "no names on the machine page for a technician");

        Http coord = Http.api(Role.COORDINATOR);
        assertEquals(403, coord.get("/api/v1/beneficiaries/" + person).statusCode());
        assertEquals(403, coord.get("/api/v1/assignments/" + id + "/contract.pdf").statusCode());
        HttpResponse<String> seen = coord.get("/api/v1/assignments/" + id);
        assertEquals(200, seen.statusCode());
        assertFalse(seen.body().contains("Secretname"), seen.body());
        assertTrue(seen.body().contains(tag));
        assertEquals(200, coord.get("/api/v1/beneficiaries/counts").statusCode());
        Http coordPages = Http.browser(Role.COORDINATOR);
        for (String page : List.of("/assignments", "/assignments/" + id, "/m/" + tag, "/courses")) {
            HttpResponse<String> r = coordPages.get(page);
            assertEquals(200, r.statusCode(), page);
            assertFalse(r.body().contains("Secretname"), page);
        }

        Http socialPages = Http.browser(Role.SOCIAL_WORKER);
        assertTrue(socialPages.get("/m/" + tag).body().contains("Visible Secretname"));
        assertTrue(socialPages.get("/beneficiaries/" + person).body().contains("Secretname"));
    }

    @Test
    void signaturesOnScreenMakeANewSignedPdfAndScansAreKept() throws Exception {
        long id = LoanFixtures.loan(Fixtures.readyMachine(), LoanFixtures.beneficiary("Signe", "Ada"));
        Http social = Http.api(Role.SOCIAL_WORKER);
        long original = TestApp.get().count("SELECT max(id) FROM contracts WHERE assignment_id = " + id);
        String png = "data:image/png;base64," + Base64.getEncoder().encodeToString(TinyPng.BYTES);
        HttpResponse<String> r = social.postJson("/api/v1/assignments/" + id + "/signatures",
                Json.createObjectBuilder().add("staff", png).add("beneficiary", png).build());
        assertEquals(201, r.statusCode(), r.body());
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM contracts WHERE assignment_id = " + id + " AND signs = " + original));
        LoanFixtures.PdfText signed = LoanFixtures.text(social.getBytes("/api/v1/assignments/" + id + "/contract.pdf").body());
        assertTrue(signed.text().contains("Signé à l'écran le"), signed.text());
        assertTrue(signed.text().contains("Ada Signe"));
        assertEquals(409, social.postJson("/api/v1/assignments/" + id + "/signatures",
                Json.createObjectBuilder().add("staff", png).add("beneficiary", png).build()).statusCode());

        HttpRequest upload = social.request("/api/v1/assignments/" + id + "/scans").header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(TinyPng.BYTES)).build();
        assertEquals(201, social.send(upload).statusCode());
        HttpRequest text = social.request("/api/v1/assignments/" + id + "/scans").header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofString("pas une image")).build();
        assertEquals(415, social.send(text).statusCode());
        assertEquals(2, TestApp.get().count("SELECT count(*) FROM assignment_events WHERE assignment_id = " + id + " AND kind = 'CONTRACT_SIGNED'"));
    }

    @Test
    void aWholeSessionIsConvertedToGiftsExceptDropOuts() {
        Http social = Http.api(Role.SOCIAL_WORKER);
        long course = Http.json(Fixtures.expect(201, social.postJson("/api/v1/courses",
                Json.createObjectBuilder().add("name", "Parcours " + System.nanoTime()).build()))).getJsonNumber("id").longValue();
        long session = Http.json(Fixtures.expect(201, social.postJson("/api/v1/courses/" + course + "/sessions",
                Json.createObjectBuilder().add("label", "Printemps").add("startsOn", LocalDate.now().minusDays(30).toString())
                        .add("endsOn", LocalDate.now().plusDays(10).toString()).build()))).getJsonNumber("id").longValue();
        List<Long> loans = new ArrayList<>();
        List<Long> enrolments = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long person = LoanFixtures.beneficiary("Session" + i, "Participant");
            enrolments.add(Http.json(Fixtures.expect(201, social.postJson("/api/v1/sessions/" + session + "/enrolments",
                    Json.createObjectBuilder().add("beneficiaryId", person).build()))).getJsonNumber("id").longValue());
            loans.add(Http.json(Fixtures.expect(201, social.postJson("/api/v1/assignments", Json.createObjectBuilder()
                    .add("machineTag", Fixtures.readyMachine()).add("beneficiaryId", person).add("kind", "LOAN")
                    .add("sessionId", session).build()))).getJsonNumber("id").longValue());
        }
        assertEquals(3, TestApp.get().count("SELECT count(*) FROM assignments WHERE session_id = " + session
                + " AND due_on = current_date + 10"), "due date defaults to the session's end");
        Fixtures.expect(200, social.postJson("/api/v1/enrolments/" + enrolments.get(2) + "/status",
                Json.createObjectBuilder().add("status", "DROPPED_OUT").build()));
        // Issue 14: only those who completed the course; here one workshop attended, no checklist asked.
        Fixtures.expect(200, social.postJson("/api/v1/courses/" + course + "/completion-rule",
                Json.createObjectBuilder().add("attendancePercent", 75).add("checklistRequired", false).build()));
        long workshop = Http.json(Fixtures.expect(201, social.postJson("/api/v1/sessions/" + session + "/workshops",
                Json.createObjectBuilder().add("startsAt", OffsetDateTime.now().minusDays(1).toString())
                        .add("durationMinutes", 120).add("topic", "Allumer et se connecter").build()))).getJsonNumber("id").longValue();
        for (long loan : loans) {
            long person = TestApp.get().count("SELECT beneficiary_id FROM assignments WHERE id = " + loan);
            Fixtures.expect(200, social.postJson("/api/v1/workshops/" + workshop + "/attendance",
                    Json.createObjectBuilder().add("beneficiaryId", person).add("status", "PRESENT").build()));
        }
        Fixtures.expect(200, social.postJson("/api/v1/sessions/" + session + "/convert-to-gift", "{\"confirm\": true}"));
        assertEquals(2, TestApp.get().count("SELECT count(*) FROM assignments WHERE session_id = " + session + " AND status = 'GIVEN'"));
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM assignments WHERE id = " + loans.get(2) + " AND status = 'ACTIVE'"));
        assertEquals(2, TestApp.get().count("SELECT count(*) FROM enrolments WHERE session_id = " + session + " AND status = 'COMPLETED'"));
        assertEquals(2, TestApp.get().count("SELECT count(*) FROM contracts c JOIN assignments a ON a.id = c.assignment_id"
                + " WHERE a.session_id = " + session + " AND c.kind = 'GIFT_CERTIFICATE'"));
    }

    /** A valid 1x1 PNG. */
    static final class TinyPng {
        static final byte[] BYTES = Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

        private TinyPng() {
        }
    }

    @Test
    void aLoanServesThePersonsOpenRequestWithItsEvent() {
        long person = LoanFixtures.beneficiary("Servie", "Inès");
        long entry = JourneyFixtures.waiting(JourneyFixtures.request(person, List.of("JOB_SEARCH"), List.of(), "NORMAL", null));
        long loan = LoanFixtures.loan(Fixtures.readyMachine(), person);
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM waiting_list_entries WHERE id = " + entry + " AND status = 'SERVED'"));
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM waiting_list_events WHERE entry_id = " + entry
                + " AND kind = 'SERVED' AND actor_id IS NOT NULL AND (data->>'assignmentId')::bigint = " + loan));
    }

    /**
     * The loan reads the person's open request with its checks and serves it later in its transaction: a request
     * withdrawn in between (committed while the loan waits for its row) stays withdrawn, never silently overwritten.
     */
    @Test
    void aRequestWithdrawnWhileTheLoanIsMadeStaysWithdrawn() throws Exception {
        long person = LoanFixtures.beneficiary("Retirée", "Maëlle");
        long entry = JourneyFixtures.waiting(JourneyFixtures.request(person, List.of("JOB_SEARCH"), List.of(), "NORMAL", null));
        String tag = Fixtures.readyMachine();
        try (var c = TestApp.get().connection()) {
            c.setAutoCommit(false);
            try (var st = c.createStatement()) {
                st.execute("SELECT id FROM waiting_list_entries WHERE id = " + entry + " FOR UPDATE");
                var loan = java.util.concurrent.CompletableFuture.supplyAsync(() -> LoanFixtures.loan(tag, person));
                Poll.until(java.time.Duration.ofSeconds(30), "the loan waits for the request's row", () ->
                        TestApp.get().count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                                + " AND query LIKE '%waiting_list_entries%' AND datname = current_database()") == 1);
                st.execute("UPDATE waiting_list_entries SET status = 'WITHDRAWN', updated_at = now() WHERE id = " + entry);
                c.commit();
                loan.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM waiting_list_entries WHERE id = " + entry + " AND status = 'WITHDRAWN'"));
        assertEquals(0, TestApp.get().count("SELECT count(*) FROM waiting_list_events WHERE entry_id = " + entry + " AND kind = 'SERVED'"));
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM machines WHERE tag = '" + tag + "' AND state = 'ASSIGNED'"));
    }
}
