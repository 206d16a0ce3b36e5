package fr.parcsolidaire.acceptance;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.PasswordHasher;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IDOR: a social worker (or coordinator) attached to one site reaches nothing of another site's beneficiaries,
 * assignments, documents, scans or personal-data exports: the answer is the 404 of an unknown id, word for word,
 * and nothing is written. Administrators and unattached users keep every site; other roles get their 403.
 */
class SiteScopingTest {

    private static final long UNKNOWN = 987_654_321L;

    private static long siteA;
    private static long siteB;
    private static long personB;
    private static long assignmentB;
    private static long contractB;
    private static long scanB;
    private static long sessionB;
    private static long enrolmentB;
    private static String tagB;
    private static long waitingB;
    private static long reservationB;
    private static String reservedB;

    @BeforeAll
    static void twoSites() {
        TestApp t = TestApp.get();
        siteA = t.count("SELECT min(id) FROM sites");
        t.sql("INSERT INTO sites (code, name, tag_prefix) VALUES ('scope-b', 'Site B (portée)', 'SB') ON CONFLICT DO NOTHING");
        siteB = t.count("SELECT id FROM sites WHERE code = 'scope-b'");
        String hash = PasswordHasher.hash(TestApp.PASSWORD);
        user("sw-scope-a", "SOCIAL_WORKER", siteA, hash);
        user("sw-scope-b", "SOCIAL_WORKER", siteB, hash);
        user("co-scope-a", "COORDINATOR", siteA, hash);
        user("ad-scope-a", "ADMIN", siteA, hash);

        Http b = Http.apiAs("sw-scope-b");
        personB = id(b.postJson("/api/v1/beneficiaries", Json.createObjectBuilder().add("lastName", "Autresite")
                .add("firstName", "Bérénice").add("commune", "Bobigny").add("postcode", "93000").add("ageBracket", "FROM_26_TO_44")
                .add("situation", "RSA").add("gdprNoticeOn", LocalDate.now().toString()).build()));
        assertEquals(siteB, t.count("SELECT site_id FROM beneficiaries WHERE id = " + personB), "registered on the worker's own site");
        tagB = Fixtures.readyMachine();
        assignmentB = id(b.postJson("/api/v1/assignments", Json.createObjectBuilder().add("machineTag", tagB)
                .add("beneficiaryId", personB).add("kind", "LOAN").add("dueOn", LocalDate.now().plusMonths(2).toString()).build()));
        contractB = t.count("SELECT max(id) FROM contracts WHERE assignment_id = " + assignmentB);
        HttpRequest scan = b.request("/api/v1/assignments/" + assignmentB + "/scans")
                .POST(HttpRequest.BodyPublishers.ofByteArray("%PDF-1.4\n%scan\n".getBytes())).build();
        scanB = id(b.send(scan));
        long course = id(b.postJson("/api/v1/courses", Json.createObjectBuilder().add("name", "Portée " + System.nanoTime()).build()));
        sessionB = id(b.postJson("/api/v1/courses/" + course + "/sessions", Json.createObjectBuilder().add("label", "B")
                .add("site", "scope-b").add("startsOn", LocalDate.now().minusDays(5).toString())
                .add("endsOn", LocalDate.now().plusDays(20).toString()).build()));
        enrolmentB = id(b.postJson("/api/v1/sessions/" + sessionB + "/enrolments",
                Json.createObjectBuilder().add("beneficiaryId", personB).build()));
        waitingB = id(b.postJson("/api/v1/waiting-list", Json.createObjectBuilder().add("beneficiaryId", personB)
                .add("uses", Json.createArrayBuilder().add("TRAINING")).add("priority", "NORMAL").add("children", "NONE")
                .add("internet", "BOX").build()));
        assertEquals(siteB, t.count("SELECT site_id FROM waiting_list_entries WHERE id = " + waitingB), "on the person's site");
        reservedB = Fixtures.readyMachine();
        reservationB = id(b.postJson("/api/v1/reservations", Json.createObjectBuilder().add("machineTag", reservedB)
                .add("beneficiaryId", personB).add("until", LocalDate.now().plusDays(5).toString()).build()));
    }

    /** Issue 17: the home page's loans to return and documents to sign are the worker's own site's. */
    @Test
    void aWorkersHomePageListsTheLoansOfItsOwnSiteOnly() {
        Http b = Http.apiAs("sw-scope-b");
        long dueSoon = id(b.postJson("/api/v1/assignments", Json.createObjectBuilder().add("machineTag", Fixtures.readyMachine())
                .add("beneficiaryId", personB).add("kind", "LOAN").add("dueOn", LocalDate.now().plusDays(3).toString()).build()));
        String own = Http.browserAs("sw-scope-b").get("/").body();
        assertTrue(own.contains("href=\"/assignments/" + dueSoon + "\"") && own.contains("Autresite"), own);
        String other = Http.browserAs("sw-scope-a").get("/").body();
        assertFalse(other.contains("Autresite"), "another site's person never shows");
        assertFalse(other.contains("href=\"/assignments/" + dueSoon + "\""));
        assertFalse(other.contains("href=\"/assignments/" + assignmentB + "\""));
    }

    /**
     * Issue 17: the social worker's follow-ups due, waiting list and sessions ending are the worker's own site's, each
     * with its item and a link to its full page.
     */
    @Test
    void aWorkersHomePageListsFollowUpsWaitingAndSessionsEndingOfItsOwnSiteOnly() {
        Http b = Http.apiAs("sw-scope-b");
        TestApp t = TestApp.get();
        long handedOver = id(b.postJson("/api/v1/assignments", Json.createObjectBuilder().add("machineTag", Fixtures.readyMachine())
                .add("beneficiaryId", personB).add("kind", "LOAN").add("dueOn", LocalDate.now().plusMonths(4).toString()).build()));
        LocalDate startedOn = LocalDate.now().minusMonths(3).minusDays(2);
        t.sql("UPDATE assignments SET starts_on = DATE '" + startedOn + "' WHERE id = " + handedOver);
        long course = id(b.postJson("/api/v1/courses", Json.createObjectBuilder().add("name", "Fin " + System.nanoTime()).build()));
        LocalDate endsOn = LocalDate.now().plusDays(5);
        long ending = id(b.postJson("/api/v1/courses/" + course + "/sessions", Json.createObjectBuilder().add("label", "Finit bientôt")
                .add("site", "scope-b").add("startsOn", LocalDate.now().minusDays(30).toString())
                .add("endsOn", endsOn.toString()).build()));

        long waiter = id(b.postJson("/api/v1/beneficiaries", Json.createObjectBuilder().add("lastName", "Attendsite")
                .add("firstName", "Gaston").add("commune", "Bobigny").add("postcode", "93000").add("ageBracket", "FROM_60_TO_74")
                .add("situation", "RETIRED").add("gdprNoticeOn", LocalDate.now().toString()).build()));
        long waiting = id(b.postJson("/api/v1/waiting-list", Json.createObjectBuilder().add("beneficiaryId", waiter)
                .add("uses", Json.createArrayBuilder().add("KEEPING_IN_TOUCH")).add("priority", "URGENT")
                .add("priorityReason", "Recherche d'emploi").add("children", "NONE").add("internet", "BOX").build()));

        String own = Http.browserAs("sw-scope-b").get("/").body();
        String dueOn = fr.parcsolidaire.platform.http.Formats.date(startedOn.plusMonths(3));
        assertTrue(own.contains("Suivis à faire") && own.contains("href=\"/assignments/" + handedOver + "/follow-ups?milestone=3\"")
                && own.contains("à faire le " + dueOn) && own.contains("href=\"/follow-ups\""), own);
        assertTrue(own.contains("Liste d'attente") && own.contains("href=\"/waiting-list/" + waiting + "\"")
                && own.contains("Gaston Attendsite") && own.contains("priorité urgente") && own.contains("Dont 1 en priorité")
                && own.contains("href=\"/waiting-list\""), own);
        assertTrue(own.contains("Sessions qui se terminent") && own.contains("href=\"/sessions/" + ending + "/completion\"")
                && own.contains("fin le " + fr.parcsolidaire.platform.http.Formats.date(endsOn)), own);
        assertFalse(own.contains("href=\"/sessions/" + sessionB + "/completion\""), "a session ending in 20 days can wait");
        assertFalse(own.matches("(?s).*\\d{4}-\\d{2}-\\d{2}.*"), "no ISO date on the page");

        String other = Http.browserAs("sw-scope-a").get("/").body();
        assertTrue(other.contains("Suivis à faire") && other.contains("Liste d'attente") && other.contains("Sessions qui se terminent"));
        assertFalse(other.contains("Autresite"), "another site's person never shows");
        assertFalse(other.contains("href=\"/assignments/" + handedOver + "/follow-ups"));
        assertFalse(other.contains("href=\"/waiting-list/" + waiting + "\"") || other.contains("Attendsite"));
        assertFalse(other.contains("href=\"/sessions/" + ending + "/completion\""));
    }

    @Test
    void aCoordinatorAttachedToASiteReportsOnThatSiteOnly() {
        Http coordinator = Http.apiAs("co-scope-a");
        String siteACode = "atelier";
        HttpResponse<String> own = coordinator.get("/api/v1/reports/summary");
        assertEquals(200, own.statusCode(), own.body());
        assertTrue(own.body().contains("\"" + siteACode + "\""), "the summary is forced to the coordinator's site: " + own.body());
        HttpResponse<String> other = coordinator.get("/api/v1/reports/summary?site=scope-b");
        assertEquals(400, other.statusCode());
        assertTrue(Http.json(other).getJsonObject("fields").getString("site").contains("rattaché"));
        assertEquals(400, Http.browserAs("co-scope-a").get("/reports/machines.csv?site=scope-b").statusCode());
        // An unattached coordinator still chooses any site.
        assertEquals(200, Http.api(fr.parcsolidaire.platform.security.Role.COORDINATOR).get("/api/v1/reports/summary?site=scope-b").statusCode());
    }

    /**
     * Reminders (issue 15): another site's person's consents and messages are out of reach, in the API and on the
     * pages; the outbox lists only the reader's site; another site's letter batch answers "introuvable".
     */
    @Test
    void aWorkerOfAnotherSiteReachesNoneOfThePersonsConsentsMessagesOrLetters() {
        TestApp t = TestApp.get();
        Http a = Http.apiAs("sw-scope-a");
        Http b = Http.apiAs("sw-scope-b");
        JsonObject letterConsent = Json.createObjectBuilder().add("channel", "LETTER").add("given", true)
                .add("street", "2 rue des Écoles").build();
        Fixtures.expect(200, b.postJson("/api/v1/beneficiaries/" + personB + "/consents", letterConsent));
        t.sql("INSERT INTO outbox (beneficiary_id, site_id, channel, template, recipient, subject, body) VALUES ("
                + personB + ", " + siteB + ", 'LETTER', 'loan-due-soon', 'Bérénice Autresite', 'Objet', 'Texte')");
        long messageB = t.count("SELECT max(id) FROM outbox WHERE beneficiary_id = " + personB);
        t.sql("INSERT INTO letter_batches (site_id, created_by) VALUES (" + siteB + ", (SELECT id FROM users WHERE username = 'sw-scope-b'))");
        long batchB = t.count("SELECT max(id) FROM letter_batches WHERE site_id = " + siteB);
        long events = t.count("SELECT count(*) FROM consent_events") + t.count("SELECT count(*) FROM outbox_events");

        expect404(a.get("/api/v1/outbox?beneficiaryId=" + UNKNOWN).body(), a.get("/api/v1/outbox?beneficiaryId=" + personB));
        String unknownConsent = a.postJson("/api/v1/beneficiaries/" + UNKNOWN + "/consents", letterConsent).body();
        expect404(unknownConsent, a.postJson("/api/v1/beneficiaries/" + personB + "/consents", Json.createObjectBuilder()
                .add("channel", "LETTER").add("given", false).build()));
        assertFalse(a.get("/api/v1/outbox").body().contains("\"beneficiaryId\":" + personB + ","));
        assertTrue(b.get("/api/v1/outbox").body().contains("\"beneficiaryId\":" + personB + ","));

        Http pages = Http.browserAs("sw-scope-a");
        assertFalse(pages.get("/outbox").body().contains("Autresite"));
        assertEquals(404, pages.postForm("/beneficiaries/" + personB + "/consents", Map.of("channel", "EMAIL", "given", "false")).statusCode());
        assertEquals(404, pages.postForm("/outbox/" + messageB + "/cancel", Map.of()).statusCode());
        assertEquals(404, pages.get("/letter-batches/" + batchB).statusCode());
        assertEquals(404, pages.get("/letter-batches/" + batchB + "/pdf").statusCode());
        assertEquals(404, pages.postForm("/letter-batches/" + batchB + "/confirm", Map.of()).statusCode());
        assertEquals(events, t.count("SELECT count(*) FROM consent_events") + t.count("SELECT count(*) FROM outbox_events"),
                "nothing was written");
        assertEquals(1, t.count("SELECT count(*) FROM outbox WHERE state = 'PENDING' AND id = " + messageB), "still waiting");
        assertTrue(Http.browserAs("sw-scope-b").get("/outbox").body().contains("Bérénice Autresite"));
    }

    /** Issue 15: the questionnaire, the session's progress and the follow-ups of another site are unknown ids. */
    @Test
    void outcomesOfAnotherSiteAreUnknownAndTheOutcomeReportStaysOnTheOwnSite() {
        Http a = Http.apiAs("sw-scope-a");
        long before = TestApp.get().count("SELECT (SELECT count(*) FROM skill_assessments) + (SELECT count(*) FROM follow_up_contacts)");
        expect404(null, a.postJson("/api/v1/enrolments/" + enrolmentB + "/skills", "{\"phase\":\"ENTRY\",\"answers\":{"
                + "\"allumer\":1,\"clavier\":1,\"internet\":1,\"courriel\":1,\"piece-jointe\":1,\"demarche\":1,"
                + "\"fraude\":1,\"fichiers\":1,\"capable\":1}}"));
        expect404(null, a.postJson("/api/v1/assignments/" + assignmentB + "/follow-ups",
                "{\"milestone\":3,\"channel\":\"PHONE\",\"answered\":false}"));
        expect404(null, a.get("/api/v1/sessions/" + sessionB + "/skills"));
        Http browser = Http.browserAs("sw-scope-a");
        assertEquals(404, browser.get("/enrolments/" + enrolmentB + "/skills").statusCode());
        assertEquals(404, browser.get("/assignments/" + assignmentB + "/follow-ups").statusCode());
        assertFalse(a.get("/api/v1/follow-ups/due").body().contains("Autresite"));
        assertEquals(before, TestApp.get().count("SELECT (SELECT count(*) FROM skill_assessments) + (SELECT count(*) FROM follow_up_contacts)"));
        HttpResponse<String> other = Http.apiAs("co-scope-a").get("/api/v1/reports/outcomes?site=scope-b");
        assertEquals(400, other.statusCode());
        assertTrue(Http.json(other).getJsonObject("fields").getString("site").contains("rattaché"));
        assertTrue(Fixtures.expect(200, Http.apiAs("co-scope-a").get("/api/v1/reports/outcomes")).body().contains("\"atelier\""));
    }

    private static void user(String name, String role, long site, String hash) {
        TestApp.get().sql("INSERT INTO users (username, display_name, role, password_hash, site_id) VALUES ('" + name
                + "', 'Portée " + name + "', '" + role + "', '" + hash + "', " + site + ") ON CONFLICT DO NOTHING");
    }

    private static long id(HttpResponse<String> r) {
        assertEquals(201, r.statusCode(), r.body());
        return Http.json(r).getJsonNumber("id").longValue();
    }

    private static long fingerprint() {
        return TestApp.get().count("SELECT (SELECT count(*) FROM beneficiary_events) * 1000000"
                + " + (SELECT count(*) FROM assignment_events) * 10000 + (SELECT count(*) FROM contract_scans) * 100"
                + " + (SELECT count(*) FROM enrolment_events) + (SELECT count(*) FROM contracts) * 7"
                + " + (SELECT count(*) FROM assignments WHERE status <> 'ACTIVE') * 13"
                + " + (SELECT count(*) FROM beneficiaries WHERE anonymised_at IS NOT NULL) * 17"
                + " + (SELECT count(*) FROM waiting_list_events) * 19 + (SELECT count(*) FROM reservation_events) * 23"
                + " + (SELECT count(*) FROM assignment_item_events) * 29");
    }

    @Test
    void aWorkerOfAnotherSiteGetsTheUnknownIdAnswerOverTheApiAndChangesNothing() {
        Http a = Http.apiAs("sw-scope-a");
        long before = fingerprint();
        String unknownBeneficiary = a.get("/api/v1/beneficiaries/" + UNKNOWN).body();
        String unknownAssignment = a.get("/api/v1/assignments/" + UNKNOWN).body();
        expect404(unknownBeneficiary, a.get("/api/v1/beneficiaries/" + personB));
        expect404(unknownBeneficiary, a.postJson("/api/v1/beneficiaries/" + personB, Json.createObjectBuilder()
                .add("lastName", "Pirate").add("firstName", "X").add("commune", "Paris").add("postcode", "75001")
                .add("ageBracket", "FROM_26_TO_44").add("situation", "RSA").add("gdprNoticeOn", LocalDate.now().toString()).build()));
        expect404(unknownBeneficiary, a.get("/api/v1/beneficiaries/" + personB + "/personal-data"));
        expect404(unknownBeneficiary, a.postJson("/api/v1/beneficiaries/" + personB + "/anonymise", "{\"confirm\": true}"));
        expect404(unknownAssignment, a.get("/api/v1/assignments/" + assignmentB));
        expect404(null, a.get("/api/v1/assignments/" + assignmentB + "/contract.pdf"));
        for (String action : List.of("return", "extend", "incidents", "convert-to-gift")) {
            JsonObject body = Json.createObjectBuilder().add("condition", "GOOD").add("kind", "BREAKAGE")
                    .add("dueOn", LocalDate.now().plusMonths(6).toString()).build();
            expect404(unknownAssignment, a.postJson("/api/v1/assignments/" + assignmentB + "/" + action, body));
        }
        HttpRequest scan = a.request("/api/v1/assignments/" + assignmentB + "/scans")
                .POST(HttpRequest.BodyPublishers.ofByteArray("%PDF-1.4\n%intrus\n".getBytes())).build();
        expect404(unknownAssignment, a.send(scan));
        expect404(unknownAssignment, a.postJson("/api/v1/assignments/" + assignmentB + "/signatures",
                Json.createObjectBuilder().add("staff", TINY_PNG).add("beneficiary", TINY_PNG).build()));
        expect404(null, a.postJson("/api/v1/enrolments/" + enrolmentB + "/status",
                Json.createObjectBuilder().add("status", "DROPPED_OUT").build()));

        HttpResponse<String> assign = a.postJson("/api/v1/assignments", Json.createObjectBuilder()
                .add("machineTag", Fixtures.readyMachine()).add("beneficiaryId", personB).add("kind", "GIFT").build());
        assertEquals(400, assign.statusCode(), assign.body());
        assertTrue(assign.body().contains("Bénéficiaire introuvable."), assign.body());
        HttpResponse<String> enrol = a.postJson("/api/v1/sessions/" + sessionB + "/enrolments",
                Json.createObjectBuilder().add("beneficiaryId", personB).build());
        assertEquals(400, enrol.statusCode(), enrol.body());
        HttpResponse<String> elsewhere = a.postJson("/api/v1/beneficiaries", Json.createObjectBuilder().add("lastName", "Ailleurs")
                .add("firstName", "Y").add("commune", "Bobigny").add("postcode", "93000").add("ageBracket", "FROM_26_TO_44")
                .add("situation", "RSA").add("gdprNoticeOn", LocalDate.now().toString()).add("site", "scope-b").build());
        assertEquals(400, elsewhere.statusCode(), elsewhere.body());
        assertTrue(Http.json(elsewhere).getJsonObject("fields").getString("site").contains("votre site"), elsewhere.body());
        // Nothing of site B is converted by a worker of site A: no loan of theirs to convert, 409.
        assertEquals(409, a.postJson("/api/v1/sessions/" + sessionB + "/convert-to-gift", "{\"confirm\": true}").statusCode());

        // Issue 14: the waiting list and reservations of another site.
        String unknownWaiting = a.get("/api/v1/waiting-list/" + UNKNOWN).body();
        expect404(unknownWaiting, a.get("/api/v1/waiting-list/" + waitingB));
        expect404(unknownWaiting, a.get("/api/v1/waiting-list/" + waitingB + "/matches"));
        expect404(unknownWaiting, a.postJson("/api/v1/waiting-list/" + waitingB + "/withdraw", "{}"));
        expect404(a.postJson("/api/v1/reservations/" + UNKNOWN + "/cancel", "{}").body(),
                a.postJson("/api/v1/reservations/" + reservationB + "/cancel", "{}"));
        expect404(null, a.get("/api/v1/assignments/" + assignmentB + "/items"));
        HttpResponse<String> reserve = a.postJson("/api/v1/reservations", Json.createObjectBuilder()
                .add("machineTag", Fixtures.readyMachine()).add("beneficiaryId", personB)
                .add("until", LocalDate.now().plusDays(3).toString()).build());
        assertEquals(400, reserve.statusCode(), reserve.body());
        assertTrue(reserve.body().contains("Bénéficiaire introuvable."), reserve.body());
        HttpResponse<String> wait = a.postJson("/api/v1/waiting-list", Json.createObjectBuilder().add("beneficiaryId", personB)
                .add("uses", Json.createArrayBuilder().add("TRAINING")).add("priority", "NORMAL").add("children", "NONE")
                .add("internet", "BOX").build());
        assertEquals(400, wait.statusCode(), wait.body());
        assertFalse(a.get("/api/v1/waiting-list").body().contains("Autresite"));
        assertFalse(a.get("/api/v1/reservations").body().contains("Autresite"));
        assertFalse(a.get("/api/v1/machines/" + Fixtures.readyMachine() + "/matches").body().contains("Autresite"));

        String list = a.get("/api/v1/beneficiaries?q=Autresite").body();
        assertFalse(list.contains("Autresite"), list);
        assertFalse(a.get("/api/v1/assignments/overdue").body().contains("\"id\":" + assignmentB + ","));
        assertEquals(before, fingerprint(), "nothing written by the refused requests");
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM assignments WHERE id = " + assignmentB + " AND status = 'ACTIVE'"));
        assertEquals(0, TestApp.get().count("SELECT count(*) FROM beneficiaries WHERE last_name IN ('Pirate', 'Ailleurs')"));
    }

    @Test
    void aWorkerOfAnotherSiteGetsTheUnknownIdPageInTheBrowser() {
        Http a = Http.browserAs("sw-scope-a");
        long before = fingerprint();
        for (String path : List.of("/beneficiaries/" + personB, "/beneficiaries/" + personB + "/edit",
                "/beneficiaries/" + personB + "/personal-data.pdf", "/assignments/" + assignmentB,
                "/assignments/" + assignmentB + "/contract.pdf", "/assignments/" + assignmentB + "/sign",
                "/contracts/" + contractB + "/pdf", "/scans/" + scanB, "/waiting-list/" + waitingB,
                "/assignments/" + assignmentB + "/items")) {
            HttpResponse<String> r = a.get(path);
            assertEquals(404, r.statusCode(), path);
            assertFalse(r.body().contains("Autresite"), path);
            assertTrue(r.body().contains("introuvable") || r.body().contains("Introuvable") || r.body().contains("Aucun document"), path + r.body());
        }
        for (String path : List.of("/assignments/" + assignmentB + "/return", "/assignments/" + assignmentB + "/extend",
                "/assignments/" + assignmentB + "/incident", "/assignments/" + assignmentB + "/convert-to-gift",
                "/assignments/" + assignmentB + "/cancel-gift", "/assignments/" + assignmentB + "/plan-return",
                "/beneficiaries/" + personB + "/anonymise", "/enrolments/" + enrolmentB + "/status")) {
            HttpResponse<String> r = a.postForm(path, Map.of("condition", "GOOD", "kind", "THEFT", "confirm", "oui",
                    "status", "DROPPED_OUT", "dueOn", LocalDate.now().plusMonths(6).toString()));
            assertEquals(404, r.statusCode(), path + " " + r.body());
        }
        HttpResponse<String> edit = a.postForm("/beneficiaries/" + personB, Map.of("lastName", "Pirate", "firstName", "X",
                "commune", "Paris", "postcode", "75001", "ageBracket", "FROM_26_TO_44", "situation", "RSA",
                "gdprNoticeOn", LocalDate.now().toString()));
        assertEquals(404, edit.statusCode());
        assertFalse(a.get("/beneficiaries").body().contains("Autresite"));
        assertFalse(a.get("/assignments").body().contains("/assignments/" + assignmentB + "\""));
        assertFalse(a.get("/sessions/" + sessionB).body().contains("Autresite"));
        assertFalse(a.get("/m/" + tagB).body().contains("Autresite"));
        assertFalse(a.get("/waiting-list").body().contains("Autresite"));
        assertEquals(before, fingerprint());
    }

    @Test
    void ownSiteAdminsAndUnattachedUsersKeepTheirAccessOtherRolesTheir403() {
        for (Http h : List.of(Http.apiAs("sw-scope-b"), Http.apiAs("ad-scope-a"), Http.api(Role.SOCIAL_WORKER), Http.api(Role.ADMIN))) {
            assertTrue(Fixtures.expect(200, h.get("/api/v1/beneficiaries/" + personB)).body().contains("Autresite"));
            Fixtures.expect(200, h.get("/api/v1/assignments/" + assignmentB));
            assertEquals(200, h.getBytes("/api/v1/assignments/" + assignmentB + "/contract.pdf").statusCode());
            Fixtures.expect(200, h.get("/api/v1/beneficiaries/" + personB + "/personal-data"));
        }
        assertTrue(Http.browserAs("sw-scope-b").get("/scans/" + scanB).statusCode() == 200);
        Http coordinator = Http.api(Role.COORDINATOR);
        JsonObject seen = Http.json(Fixtures.expect(200, coordinator.get("/api/v1/assignments/" + assignmentB)));
        assertFalse(seen.toString().contains("Autresite"), "a coordinator sees the assignment without the name");
        expect404(null, Http.apiAs("co-scope-a").get("/api/v1/assignments/" + assignmentB));
        assertEquals(403, coordinator.get("/api/v1/beneficiaries/" + personB).statusCode());
        assertEquals(403, coordinator.get("/api/v1/beneficiaries/" + personB + "/personal-data").statusCode());
        Http technician = Http.api(Role.TECHNICIAN);
        assertEquals(403, technician.get("/api/v1/beneficiaries/" + personB).statusCode());
        assertEquals(403, technician.get("/api/v1/assignments/" + assignmentB).statusCode());
        assertEquals(403, technician.getBytes("/api/v1/assignments/" + assignmentB + "/contract.pdf").statusCode());
        assertEquals(403, Http.browser(Role.TECHNICIAN).get("/scans/" + scanB).statusCode());
    }

    /** Issue 14: attendance, checklists and the end of a session are personal records, scoped like the others. */
    @Test
    void workshopsAttendanceChecklistAndCompletionOfAnotherSiteStayOutOfReach() {
        Http b = Http.apiAs("sw-scope-b");
        long workshop = id(b.postJson("/api/v1/sessions/" + sessionB + "/workshops", Json.createObjectBuilder()
                .add("startsAt", java.time.OffsetDateTime.now().minusHours(1).toString()).add("durationMinutes", 90)
                .add("topic", "Portée").build()));
        Fixtures.expect(200, b.postJson("/api/v1/workshops/" + workshop + "/attendance",
                Json.createObjectBuilder().add("beneficiaryId", personB).add("status", "PRESENT").build()));
        long before = TestApp.get().count("SELECT (SELECT count(*) FROM attendance_events) * 1000 + (SELECT count(*) FROM checklist_events)");

        Http a = Http.apiAs("sw-scope-a");
        String unknownEnrolment = a.get("/api/v1/enrolments/" + UNKNOWN + "/checklist").body();
        expect404(null, a.postJson("/api/v1/workshops/" + workshop + "/attendance",
                Json.createObjectBuilder().add("beneficiaryId", personB).add("status", "ABSENT").build()));
        expect404(unknownEnrolment, a.get("/api/v1/enrolments/" + enrolmentB + "/checklist"));
        expect404(unknownEnrolment, a.postJson("/api/v1/enrolments/" + enrolmentB + "/checklist",
                Json.createObjectBuilder().add("item", "wifi").build()));
        String completion = Fixtures.expect(200, a.get("/api/v1/sessions/" + sessionB + "/completion")).body();
        assertFalse(completion.contains("\"beneficiaryId\":" + personB + ","), completion);
        assertTrue(Fixtures.expect(200, b.get("/api/v1/sessions/" + sessionB + "/completion")).body().contains("Autresite"));

        Http page = Http.browserAs("sw-scope-a");
        assertEquals(404, page.get("/enrolments/" + enrolmentB + "/checklist").statusCode());
        assertFalse(page.get("/workshops/" + workshop).body().contains("Autresite"));
        assertFalse(page.get("/sessions/" + sessionB + "/completion").body().contains("Autresite"));
        assertFalse(page.get("/sessions/" + sessionB + "/workshops").body().contains("Autresite"));
        assertFalse(page.get("/workshops/today").body().contains("/workshops/" + workshop + "\""), "another site's workshop");
        assertEquals(404, page.postForm("/workshops/" + workshop + "/attendance", Map.of("beneficiaryId", String.valueOf(personB),
                "status", "ABSENT")).statusCode());
        assertEquals(before, TestApp.get().count("SELECT (SELECT count(*) FROM attendance_events) * 1000 + (SELECT count(*) FROM checklist_events)"));
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM attendance WHERE workshop_id = " + workshop + " AND status = 'PRESENT'"));
    }

    @Test
    void anAdministratorAttachesAnAccountToASiteAndTheChangeIsJournaled() {
        TestApp t = TestApp.get();
        user("sw-scope-moved", "SOCIAL_WORKER", siteA, PasswordHasher.hash(TestApp.PASSWORD));
        long id = t.count("SELECT id FROM users WHERE username = 'sw-scope-moved'");
        Http moved = Http.apiAs("sw-scope-moved");
        assertEquals(404, moved.get("/api/v1/beneficiaries/" + personB).statusCode());

        Http admin = Http.browser(Role.ADMIN);
        assertTrue(admin.get("/admin/users/" + id).body().contains("Site B (portée)"));
        HttpResponse<String> unknown = admin.postForm("/admin/users/" + id + "/site", Map.of("site", "nulle-part"));
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("Site inconnu"), unknown.body());
        assertEquals(303, admin.postForm("/admin/users/" + id + "/site", Map.of("site", "scope-b")).statusCode());
        assertEquals(200, moved.get("/api/v1/beneficiaries/" + personB).statusCode(), "the new site applies at once");
        assertEquals(303, admin.postForm("/admin/users/" + id + "/site", Map.of("site", "")).statusCode());
        assertEquals(0, t.count("SELECT count(*) FROM users WHERE id = " + id + " AND site_id IS NOT NULL"));
        assertEquals(2, t.count("SELECT count(*) FROM user_events WHERE user_id = " + id + " AND kind = 'SITE_CHANGED'"));
        assertEquals(1, t.count("SELECT count(*) FROM user_events WHERE user_id = " + id + " AND kind = 'SITE_CHANGED'"
                + " AND data->>'site' = 'scope-b' AND CAST(data->>'from' AS bigint) = " + siteA));
        assertEquals(403, Http.browser(Role.SOCIAL_WORKER).postForm("/admin/users/" + id + "/site", Map.of("site", "scope-b")).statusCode());
    }

    /** Same status and same words as for an id that never existed: the other site's record is not even hinted at. */
    private static void expect404(String unknownBody, HttpResponse<String> r) {
        assertEquals(404, r.statusCode(), r.body());
        assertFalse(r.body().contains("Autresite"));
        String message = Http.json(r).getString("message");
        assertTrue(message.contains("introuvable") || message.contains("Aucun document"), message);
        if (unknownBody != null) {
            assertEquals(unknownBody, r.body());
        }
    }

    private static final String TINY_PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
            + "YPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
}
