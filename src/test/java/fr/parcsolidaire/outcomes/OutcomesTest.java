package fr.parcsolidaire.outcomes;

import fr.parcsolidaire.Race;
import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.PdfText;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outcome report on a hand-computed world (OutcomesFixture): the same exact figures in the JSON, on the page,
 * in the PDF read back and in the spreadsheet read back; small counts hidden with secondary suppression; the
 * follow-ups' due dates and the closing after three unanswered attempts; the questionnaire's rules.
 */
class OutcomesTest {

    private static OutcomesFixture world;

    @BeforeAll
    static void setUp() {
        world = OutcomesFixture.build();
    }

    @Test
    void theJsonGivesTheHandComputedFiguresWithSmallCountsHidden() {
        JsonObject r = Http.json(Fixtures.expect(200, Http.api(Role.COORDINATOR).get("/api/v1/reports/outcomes?" + world.query())));
        JsonObject people = r.getJsonObject("people");
        assertEquals(10, people.getInt("total"));
        assertEquals(JsonValue.NULL, people.get("totalSuppressed"));
        assertEquals(Map.of("UNDER_26", "0", "FROM_26_TO_44", "7", "FROM_45_TO_59", "SMALL_COUNT", "FROM_60_TO_74", "SMALL_COUNT",
                "FROM_75", "0"), cells(people.getJsonArray("byAgeBracket")));
        assertEquals(Map.of("JOB_SEEKER", "COMPLEMENTARY", "RSA", "SMALL_COUNT", "RETIRED", "0", "STUDENT", "0",
                "EMPLOYED", "0", "OTHER", "0"), cells(people.getJsonArray("bySituation")));
        assertEquals(Map.of("Villeurbanne", "COMPLEMENTARY", "OTHER_COMMUNES", "SMALL_COUNT"), cells(people.getJsonArray("byCommune")));
        assertFalse(r.toString().contains("Bron"), "a commune of fewer than 5 people is never named");
        assertEquals("Bénéficiaire du RSA", people.getJsonArray("bySituation").getJsonObject(1).getString("label"), "loans' French words");

        JsonObject machines = r.getJsonObject("machines");
        assertEquals(9, machines.getInt("received"));
        assertEquals(7, machines.getInt("lent"));
        assertEquals(3, machines.getInt("given"));
        assertEquals(7, machines.getJsonObject("byType").getJsonObject("LAPTOP").getInt("lent"));
        assertEquals(1, machines.getJsonObject("byType").getJsonObject("LAPTOP").getInt("given"));
        assertEquals(2, machines.getJsonObject("byType").getJsonObject("DESKTOP").getInt("given"));

        JsonObject course = r.getJsonObject("course");
        assertEquals(2, course.getInt("workshopsHeld"), "two workshops held in the fixture");
        assertEquals(20.0, course.getJsonNumber("attendanceHours").doubleValue(), 0.001, "5 people × 2 workshops × 2 hours");
        assertShare(course.getJsonObject("completion"), 5, 10, 50);
        JsonObject results = r.getJsonObject("results");
        assertShare(results.getJsonObject("progressed"), 5, 10, 50);
        assertShare(results.getJsonObject("capableAtExit"), 10, 10, 100);
        JsonObject still = results.getJsonObject("stillUsingAt6Months");
        assertEquals(JsonValue.NULL, still.get("count"), "6 of 7: the one who stopped is a small count, so is the 6 by difference");
        assertEquals(JsonValue.NULL, still.get("percent"));
        assertEquals(7, still.getInt("of"));
        assertEquals("COMPLEMENTARY", still.getString("suppressed"));
        assertEquals(JsonValue.NULL, results.get("unreachableAt6Months"));
        assertEquals("SMALL_COUNT", results.getString("unreachableAt6MonthsSuppressed"));

        JsonObject impact = r.getJsonObject("impact");
        assertEquals(9, impact.getInt("machines"));
        assertEquals(0, impact.getJsonNumber("ewasteAvoidedKg").bigDecimalValue().compareTo(new java.math.BigDecimal("31.4")));
        assertEquals(729, impact.getJsonNumber("co2eAvoidedKg").intValue());
        assertEquals(0, r.getJsonObject("cost").getJsonNumber("perPerson").bigDecimalValue().compareTo(new java.math.BigDecimal("1200")));
        assertEquals(12, r.getJsonArray("definitions").size(), "each figure has its definition");
    }

    @Test
    void thePageThePdfAndTheSpreadsheetShowTheSameFiguresInFrench() {
        Http coordinator = Http.browser(Role.COORDINATOR);
        String page = html(Fixtures.expect(200, coordinator.get("/reports/outcomes?" + world.query())).body());
        String pdf = PdfText.of(coordinator.getBytes("/reports/outcomes.pdf?" + world.query()).body()).replaceAll("\\s+", " ");
        List<List<String>> sheet = xlsx(coordinator.getBytes("/reports/outcomes.xlsx?" + world.query()).body());
        String sheetText = sheet.toString();
        for (String text : List.of(page, pdf)) {
            for (String expected : List.of("50 % (5 sur 10)", "100 % (10 sur 10)", "non publié (petits effectifs, sur 7)",
                    "< 5", "masqué", "31,4", "729", "1200", "Autres communes (moins de 5 personnes chacune)",
                    "Bénéficiaire du RSA", "Ordinateur portable", "Programme " + world.suffix, "Secret statistique")) {
                assertTrue(text.contains(expected), expected + " missing in " + (text == page ? "the page" : "the PDF"));
            }
            for (String code : List.of("Bron", "FROM_26_TO_44", "JOB_SEEKER", "LAPTOP", "COMPLEMENTARY", "SMALL_COUNT")) {
                assertFalse(text.contains(code), code + " shown in " + (text == page ? "the page" : "the PDF"));
            }
        }
        assertEquals("10", value(sheet, "Personnes touchées", "Total"));
        assertEquals("7", value(sheet, "Personnes touchées", "Tranche d'âge — 26 à 44 ans"));
        assertEquals("< 5", value(sheet, "Personnes touchées", "Tranche d'âge — 45 à 59 ans"));
        assertEquals("masqué", value(sheet, "Personnes touchées", "Situation — Demandeur d'emploi"));
        assertEquals("< 5", value(sheet, "Personnes touchées", "Situation — Bénéficiaire du RSA"));
        assertEquals("7", value(sheet, "Matériel", "Prêtées — Ordinateur portable"));
        assertEquals("2", value(sheet, "Matériel", "Données — Ordinateur fixe"));
        assertEquals("9", value(sheet, "Matériel", "Machines reçues"));
        assertEquals("50 % (5 sur 10)", value(sheet, "Parcours", "Taux de fin de parcours"));
        assertEquals("50 % (5 sur 10)", value(sheet, "Résultats pour les personnes", "Ont progressé (auto-évaluation)"));
        assertEquals("100 % (10 sur 10)", value(sheet, "Résultats pour les personnes", "Se sentent capables à la sortie"));
        assertEquals("non publié (petits effectifs, sur 7)", value(sheet, "Résultats pour les personnes", "Utilisent encore la machine à 6 mois"));
        assertEquals("< 5", value(sheet, "Résultats pour les personnes", "Injoignables au suivi à 6 mois"));
        assertEquals("31.4", value(sheet, "Impact environnemental", "Déchets évités (kg)"));
        assertEquals("729", value(sheet, "Impact environnemental", "CO2e évité (kg)"));
        assertEquals("1200", value(sheet, "Coût", "Coût par personne touchée (€)"));
        assertFalse(sheetText.contains("Bron"));
        assertFalse(sheetText.contains("JOB_SEEKER"));
    }

    @Test
    void aTotalUnderFiveWithholdsEveryBreakdownAndEveryShare() {
        // A second programme with two handovers only: two people, under the threshold.
        Http admin = Http.api(Role.ADMIN);
        long small = Http.json(Fixtures.expect(201, admin.postJson("/api/v1/programmes", jakarta.json.Json.createObjectBuilder()
                .add("name", "Petit programme " + world.suffix).add("funder", "Fondation des résultats")
                .add("startsOn", OutcomesFixture.TODAY.minusYears(1).toString()).add("endsOn", OutcomesFixture.TODAY.toString())
                .add("budget", "5000").build()))).getJsonNumber("id").longValue();
        Fixtures.expect(200, admin.postJson("/api/v1/programmes/" + small + "/links", jakarta.json.Json.createObjectBuilder()
                .add("assignments", jakarta.json.Json.createArrayBuilder().add(world.assignments.get(0)).add(world.assignments.get(1)))
                .build()));
        JsonObject r = Http.json(Fixtures.expect(200, admin.get("/api/v1/reports/outcomes?programme=" + small)));
        JsonObject people = r.getJsonObject("people");
        assertEquals(JsonValue.NULL, people.get("total"));
        assertEquals("SMALL_COUNT", people.getString("totalSuppressed"));
        assertEquals(3, people.getJsonArray("withheld").size());
        assertEquals(0, people.getJsonArray("byCommune").size());
        assertEquals("SMALL_COUNT", r.getJsonObject("results").getJsonObject("stillUsingAt6Months").getString("suppressed"));
        assertEquals(JsonValue.NULL, r.getJsonObject("cost").get("perPerson"), "a cost per person would reveal the count");
        assertEquals(2, r.getJsonObject("machines").getInt("lent"), "machines are not people: shown");
        String page = html(Http.browser(Role.COORDINATOR).get("/reports/outcomes?programme=" + small).body());
        assertTrue(page.contains("répartition non publiée"), page);
        assertTrue(page.contains("non publié (moins de 5 personnes)"));
        assertFalse(page.contains("Villeurbanne"));
    }

    @Test
    void followUpsAreDueThreeAndSixMonthsAfterTheHandoverAndCloseAfterThreeUnansweredAttempts() {
        Http social = Http.api(Role.SOCIAL_WORKER);
        List<JsonObject> mine = due(social);
        // Handover 5's 3-month follow-up is the one the concurrency test closes: the others are still open here.
        for (long a : world.assignments.stream().filter(id -> !id.equals(world.assignments.get(4))).toList()) {
            JsonObject three = find(mine, a, 3);
            assertEquals(OutcomesFixture.HANDED_OVER.plusMonths(3).toString(), three.getString("dueOn"), "due 3 months after the handover");
            assertEquals(world.siteName, three.getString("site"));
        }
        long gift = world.assignments.get(8);
        assertEquals(OutcomesFixture.HANDED_OVER.plusMonths(6).toString(), find(mine, gift, 6).getString("dueOn"));
        assertEquals(1, mine.stream().filter(d -> d.getInt("milestone") == 6).count(),
                "at 6 months only the converted gift is still to call: the answered and the unreachable left the list");

        Fixtures.expect(201, social.postJson("/api/v1/assignments/" + gift + "/follow-ups", OutcomesFixture.attempt("PHONE", 3)));
        Fixtures.expect(201, social.postJson("/api/v1/assignments/" + gift + "/follow-ups", OutcomesFixture.attempt("SMS", 3)));
        assertEquals(2, find(due(social), gift, 3).getInt("attempts"));
        JsonObject third = Http.json(Fixtures.expect(201, social.postJson("/api/v1/assignments/" + gift + "/follow-ups",
                OutcomesFixture.attempt("IN_PERSON", 3))));
        assertEquals("UNREACHABLE", third.getString("closed"));
        assertEquals(3, third.getInt("unansweredAttempts"));
        HttpResponse<String> fourth = social.postJson("/api/v1/assignments/" + gift + "/follow-ups", OutcomesFixture.attempt("PHONE", 3));
        assertEquals(409, fourth.statusCode());
        assertTrue(Http.json(fourth).getString("message").contains("injoignable"), fourth.body());
        assertTrue(due(social).stream().noneMatch(d -> d.getJsonNumber("assignmentId").longValue() == gift
                && d.getInt("milestone") == 3), "closed follow-ups leave the list");
        assertEquals(3, TestApp.get().count("SELECT count(*) FROM follow_up_contacts WHERE milestone = 3 AND assignment_id = " + gift));
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM follow_up_closures WHERE status = 'UNREACHABLE' AND milestone = 6"
                + " AND assignment_id = " + world.assignments.get(7)));

        String page = html(Http.browser(Role.SOCIAL_WORKER).get("/follow-ups").body());
        assertTrue(page.contains(world.siteName) && page.contains("Résultat9") && page.contains("Suivi à 6 mois"), "the list by site");
        assertTrue(page.contains("à faire le " + fr.parcsolidaire.platform.http.Formats.date(OutcomesFixture.HANDED_OVER.plusMonths(6))));
    }

    @Test
    void theSocialWorkerRecordsAnAttemptOnThePageAndSeesTheConfirmation() {
        Http browser = Http.browser(Role.SOCIAL_WORKER);
        long handover = world.assignments.get(5);
        String form = browser.get("/assignments/" + handover + "/follow-ups?milestone=3").body();
        assertTrue(form.contains("<legend>Comment ?</legend>"), "radios grouped under a legend");
        HttpResponse<String> invalid = browser.postForm("/assignments/" + handover + "/follow-ups", Map.of("milestone", "3", "answered", "true"));
        assertEquals(400, invalid.statusCode());
        assertTrue(invalid.body().contains("aria-describedby=\"err-channel\"") && invalid.body().contains("id=\"err-channel\""), invalid.body());
        assertEquals(0, TestApp.get().count("SELECT count(*) FROM follow_up_contacts WHERE milestone = 3 AND assignment_id = " + handover));
        HttpResponse<String> saved = browser.postForm("/assignments/" + handover + "/follow-ups",
                Map.of("milestone", "3", "channel", "SMS", "answered", "false"));
        assertEquals(303, saved.statusCode());
        String list = browser.get(saved.headers().firstValue("Location").orElseThrow()).body();
        assertTrue(list.contains("id=\"confirmation\">Essai de contact enregistré.</p>"), list);
    }

    @Test
    void anAdministratorCreatesAProgrammeOnThePageAndCoordinatorsOnlyReadIt() {
        Http admin = Http.browser(Role.ADMIN);
        HttpResponse<String> invalid = admin.postForm("/programmes", Map.of("name", "Page " + world.suffix, "funder", "Fondation page",
                "startsOn", "2026-06-01", "endsOn", "2026-01-01", "budget", "-3"));
        assertEquals(400, invalid.statusCode());
        String errors = html(invalid.body());
        assertTrue(errors.contains("La fin du programme doit suivre son début.") && errors.contains("aria-describedby=\"prog-endsOn-error\""), errors);
        assertEquals(0, TestApp.get().count("SELECT count(*) FROM programmes WHERE name = 'Page " + world.suffix + "'"));
        HttpResponse<String> saved = admin.postForm("/programmes", Map.of("name", "Page " + world.suffix, "funder", "Fondation page",
                "startsOn", "2026-01-01", "endsOn", "2026-12-31", "budget", "1500,50", "targets.people", "12"));
        assertEquals(303, saved.statusCode(), saved.body());
        String list = html(admin.get(saved.headers().firstValue("Location").orElseThrow()).body());
        assertTrue(list.contains("id=\"confirmation\">Programme enregistré.</p>") && list.contains("1500,5 €")
                && list.contains("du 01/01/2026 au 31/12/2026"), list);
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM programme_events e JOIN programmes p ON p.id = e.programme_id"
                + " WHERE e.kind = 'CREATED' AND p.name = 'Page " + world.suffix + "'"), "journaled");
        HttpResponse<String> twice = Http.api(Role.ADMIN).postJson("/api/v1/programmes", jakarta.json.Json.createObjectBuilder()
                .add("name", "Page " + world.suffix).add("funder", "Fondation page").add("startsOn", "2026-01-01")
                .add("endsOn", "2026-12-31").build());
        assertEquals(409, twice.statusCode());
        String coordinator = Http.browser(Role.COORDINATOR).get("/programmes").body();
        assertTrue(coordinator.contains("Page " + world.suffix) && !coordinator.contains("action=\"/programmes\""),
                "coordinators read the programmes without the forms");
        assertEquals(11, TestApp.get().count("SELECT count(*) FROM programme_events WHERE kind = 'ATTACHED' AND programme_id = "
                + world.programme), "each link journaled");
    }

    /** Two tablets sending the same questionnaire, two social workers closing the same follow-up: one wins, one 409. */
    @Test
    void twoSavesAtOnceOneWinsAndTheOtherGetsAFrench409() throws Exception {
        Http social = Http.api(Role.SOCIAL_WORKER);
        long person = fr.parcsolidaire.loans.LoanFixtures.beneficiary("Concurrence", "Célia");
        // A session of its own, outside the programme: the report's figures stay those of the fixture.
        long course = Http.json(Fixtures.expect(201, social.postJson("/api/v1/courses", jakarta.json.Json.createObjectBuilder()
                .add("name", "Concurrence " + world.suffix).build()))).getJsonNumber("id").longValue();
        long session = Http.json(Fixtures.expect(201, social.postJson("/api/v1/courses/" + course + "/sessions",
                jakarta.json.Json.createObjectBuilder().add("label", "Concurrence").add("startsOn", OutcomesFixture.TODAY.toString())
                        .add("endsOn", OutcomesFixture.TODAY.plusMonths(1).toString()).build()))).getJsonNumber("id").longValue();
        long enrolment = Http.json(Fixtures.expect(201, social.postJson("/api/v1/sessions/" + session + "/enrolments",
                jakarta.json.Json.createObjectBuilder().add("beneficiaryId", person).build()))).getJsonNumber("id").longValue();
        List<Integer> questionnaires = race(() -> social.postJson("/api/v1/enrolments/" + enrolment + "/skills",
                OutcomesFixture.skills("ENTRY", 2, 2)).statusCode());
        assertEquals(List.of(201, 409), questionnaires);
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM skill_assessments WHERE enrolment_id = " + enrolment));

        long handover = world.assignments.get(4);
        String answers = "{\"milestone\":3,\"channel\":\"IN_PERSON\",\"answered\":true,\"machineUse\":\"DAILY\","
                + "\"homeInternet\":true,\"feelsCapable\":4}";
        List<Integer> followUps = race(() -> social.postJson("/api/v1/assignments/" + handover + "/follow-ups", answers).statusCode());
        assertEquals(List.of(201, 409), followUps);
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM follow_up_contacts WHERE milestone = 3 AND assignment_id = " + handover));
    }

    /** Runs the call twice at the same moment; the statuses, sorted. */
    private static List<Integer> race(java.util.concurrent.Callable<Integer> call) {
        return Race.run(List.of(call, call)).stream().sorted().toList();
    }

    @Test
    void aBreakdownReportedInAFollowUpOpensAnIncidentOnTheMachine() {
        long first = world.assignments.getFirst();
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM incidents WHERE kind = 'BREAKAGE' AND assignment_id = " + first));
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM assignment_events WHERE kind = 'INCIDENT' AND assignment_id = " + first));
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM follow_up_contacts c JOIN incidents i ON i.id = c.incident_id"
                + " WHERE c.assignment_id = " + first));
    }

    @Test
    void answersAreCheckedPerFieldAndNeverOverwritten() {
        Http social = Http.api(Role.SOCIAL_WORKER);
        long enrolment = world.enrolments.getFirst();
        HttpResponse<String> again = social.postJson("/api/v1/enrolments/" + enrolment + "/skills", OutcomesFixture.skills("ENTRY", 4, 4));
        assertEquals(409, again.statusCode());
        assertTrue(Http.json(again).getString("message").contains("déjà enregistrée"));
        HttpResponse<String> partial = social.postJson("/api/v1/enrolments/" + enrolment + "/skills",
                "{\"phase\":\"ENTRY\",\"answers\":{\"allumer\":5}}");
        assertEquals(400, partial.statusCode());
        JsonObject fields = Http.json(partial).getJsonObject("fields");
        assertTrue(fields.containsKey("answers.allumer") && fields.containsKey("answers.fraude") && fields.containsKey("answers.capable"),
                fields.toString());
        assertEquals(404, social.postJson("/api/v1/enrolments/987654321/skills", OutcomesFixture.skills("EXIT", 2, 2)).statusCode());
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM skill_assessments WHERE enrolment_id = " + enrolment
                + " AND phase = 'ENTRY' AND questionnaire_version = 'v1' AND mean_level = 1"));
        HttpResponse<String> noReason = social.postJson("/api/v1/assignments/" + world.assignments.get(8) + "/follow-ups",
                "{\"milestone\":3,\"channel\":\"PHONE\",\"answered\":true,\"machineUse\":\"NO_LONGER\",\"homeInternet\":false,\"feelsCapable\":2}");
        assertEquals(400, noReason.statusCode());
        assertTrue(Http.json(noReason).getJsonObject("fields").containsKey("useReason"));
    }

    @Test
    void theSessionShowsProgressPerPersonToSocialWorkersAndOnlyAggregatesToCoordinators() {
        JsonObject social = Http.json(Fixtures.expect(200, Http.api(Role.SOCIAL_WORKER).get("/api/v1/sessions/" + world.session + "/skills")));
        assertEquals(10, social.getJsonArray("people").size());
        JsonObject coordinator = Http.json(Fixtures.expect(200, Http.api(Role.COORDINATOR).get("/api/v1/sessions/" + world.session + "/skills")));
        assertEquals(0, coordinator.getJsonArray("people").size());
        assertShare(coordinator.getJsonObject("progressed"), 5, 10, 50);
        String page = html(Http.browser(Role.COORDINATOR).get("/sessions/" + world.session + "/skills").body());
        assertTrue(page.contains("50 % (5 sur 10)"));
        assertFalse(page.contains("Résultat1"), "no names for the coordinator");
        assertTrue(Http.browser(Role.SOCIAL_WORKER).get("/sessions/" + world.session + "/skills").body().contains("Résultat1"));
    }

    /** The page's text as read: entities written by the template's escaping turned back into characters. */
    private static String html(String body) {
        return body.replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&");
    }

    private static List<JsonObject> due(Http social) {
        String body = Fixtures.expect(200, social.get("/api/v1/follow-ups/due")).body();
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(body))) {
            return reader.readArray().stream().map(JsonValue::asJsonObject)
                    .filter(d -> world.assignments.contains(d.getJsonNumber("assignmentId").longValue())).toList();
        }
    }

    private static JsonObject find(List<JsonObject> due, long assignment, int milestone) {
        return due.stream().filter(d -> d.getJsonNumber("assignmentId").longValue() == assignment && d.getInt("milestone") == milestone)
                .findFirst().orElseThrow(() -> new AssertionError("no follow-up at " + milestone + " months for " + assignment + ": " + due));
    }

    private static void assertShare(JsonObject share, int count, int of, int percent) {
        assertEquals(count, share.getInt("count"), share.toString());
        assertEquals(of, share.getInt("of"), share.toString());
        assertEquals(percent, share.getInt("percent"), share.toString());
        assertEquals(JsonValue.NULL, share.get("suppressed"));
    }

    /** Code → count, or the reason it is hidden. */
    private static Map<String, String> cells(JsonArray cells) {
        Map<String, String> out = new java.util.HashMap<>();
        for (JsonValue v : cells) {
            JsonObject c = v.asJsonObject();
            out.put(c.getString("code"), c.isNull("count") ? c.getString("suppressed") : String.valueOf(c.getInt("count")));
        }
        return out;
    }

    private static String value(List<List<String>> sheet, String section, String label) {
        return sheet.stream().filter(r -> r.size() > 2 && r.get(0).equals(section) && r.get(1).equals(label)).map(r -> r.get(2))
                .findFirst().orElseThrow(() -> new AssertionError(section + " / " + label + " not in " + sheet));
    }

    static List<List<String>> xlsx(byte[] bytes) {
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(bytes))) {
            List<List<String>> rows = new ArrayList<>();
            for (Row row : wb.getFirstSheet().read()) {
                List<String> cells = new ArrayList<>();
                for (Cell c : row) {
                    cells.add(c == null || c.getRawValue() == null ? "" : c.getRawValue());
                }
                rows.add(cells);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
