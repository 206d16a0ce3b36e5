package fr.parcsolidaire.loans;

import fr.parcsolidaire.Race;
import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "Fill once, scan many": a session's machines handed over in one go, all or nothing, then signed in a chain. */
class CohortHandoverTest {

    private final TestApp app = TestApp.get();

    @Test
    void aWholeSessionIsHandedOverInOneGoAndNothingIsKeptWhenOneRowIsWrong() {
        Http social = Http.api(Role.SOCIAL_WORKER);
        long course = Http.json(Fixtures.expect(201, social.postJson("/api/v1/courses",
                Json.createObjectBuilder().add("name", "Cohorte " + System.nanoTime()).build()))).getJsonNumber("id").longValue();
        long session = Http.json(Fixtures.expect(201, social.postJson("/api/v1/courses/" + course + "/sessions",
                Json.createObjectBuilder().add("label", "Hiver").add("startsOn", LocalDate.now().toString())
                        .add("endsOn", LocalDate.now().plusDays(60).toString()).build()))).getJsonNumber("id").longValue();
        List<Long> people = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long person = LoanFixtures.beneficiary("Cohorte" + i, "Membre");
            people.add(person);
            Fixtures.expect(201, social.postJson("/api/v1/sessions/" + session + "/enrolments",
                    Json.createObjectBuilder().add("beneficiaryId", person).build()));
            tags.add(Fixtures.readyMachine());
        }
        String notReady = Fixtures.intake(1).getFirst();
        long outsider = LoanFixtures.beneficiary("Horscohorte", "Nina");

        HttpResponse<String> wrong = social.postJson("/api/v1/sessions/" + session + "/handover", rows(
                people.get(0), tags.get(0), people.get(1), tags.get(0), people.get(2), notReady, outsider, tags.get(2)));
        assertEquals(400, wrong.statusCode(), wrong.body());
        JsonObject fields = Http.json(wrong).getJsonObject("fields");
        assertEquals("Cette machine est déjà sur une autre ligne.", fields.getString("rows[1].machineTag"));
        assertTrue(fields.getString("rows[2].machineTag").startsWith("La machine n'est pas prête"), fields.toString());
        assertTrue(fields.getString("rows[3].beneficiaryId").contains("pas inscrite"), fields.toString());
        assertEquals(0, app.count("SELECT count(*) FROM assignments WHERE session_id = " + session), "nothing partial");

        // A scanner types the label's URL as often as the tag; a participant without a machine yet is skipped.
        String url = app.baseUrl() + "/m/" + tags.get(1);
        JsonObject done = Http.json(Fixtures.expect(201, social.postJson("/api/v1/sessions/" + session + "/handover",
                rows(people.get(0), tags.get(0), people.get(1), url, people.get(2), ""))));
        JsonArray ids = done.getJsonArray("assignments");
        assertEquals(2, ids.size());
        assertEquals(2, app.count("SELECT count(*) FROM assignments WHERE session_id = " + session
                + " AND kind = 'LOAN' AND due_on = current_date + 60"));
        assertEquals(2, app.count("SELECT count(*) FROM contracts c JOIN assignments a ON a.id = c.assignment_id"
                + " WHERE a.session_id = " + session));

        // The contracts are signed one after the other on the usual signature page.
        Http pages = Http.browser(Role.SOCIAL_WORKER);
        String first = String.valueOf(ids.getJsonNumber(0).longValue());
        String second = String.valueOf(ids.getJsonNumber(1).longValue());
        HttpResponse<String> start = pages.get("/sessions/" + session + "/handover/sign?ids=" + first + "," + second);
        assertEquals(303, start.statusCode());
        String location = start.headers().firstValue("Location").orElseThrow();
        assertTrue(location.endsWith("/assignments/" + first + "/sign?then=" + session + "-" + second), location);
        String signPage = pages.get("/assignments/" + first + "/sign?then=" + session + "-" + second).body();
        assertTrue(signPage.contains("name=\"then\" value=\"" + session + "-" + second + "\""), signPage);
        String png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
        HttpResponse<String> signed = pages.postForm("/assignments/" + first + "/sign",
                Map.of("staff", png, "beneficiary", png, "then", session + "-" + second));
        assertEquals(303, signed.statusCode(), signed.body());
        assertTrue(signed.headers().firstValue("Location").orElseThrow().endsWith("/sessions/" + session + "/handover/sign?ids=" + second));
        HttpResponse<String> last = pages.postForm("/assignments/" + second + "/sign",
                Map.of("staff", png, "beneficiary", png, "then", session + "-"));
        assertTrue(last.headers().firstValue("Location").orElseThrow().endsWith("/sessions/" + session + "/handover/sign?ids="));
        HttpResponse<String> end = pages.get("/sessions/" + session + "/handover/sign?ids=");
        assertTrue(end.headers().firstValue("Location").orElseThrow().endsWith("/sessions/" + session + "/handover?saved=cohort-signed"));
        assertTrue(pages.get("/sessions/" + session + "/handover?saved=cohort-signed").body()
                .contains("id=\"confirmation\">Toutes les conventions de la session sont signées."));
        assertEquals(2, app.count("SELECT count(*) FROM assignment_events e JOIN assignments a ON a.id = e.assignment_id"
                + " WHERE a.session_id = " + session + " AND e.kind = 'CONTRACT_SIGNED'"));
        HttpResponse<String> elsewhere = pages.postForm("/assignments/" + first + "/sign",
                Map.of("staff", png, "beneficiary", png, "then", "https://ailleurs.example/"));
        assertEquals(409, elsewhere.statusCode(), "already signed; and the chain never leaves the service");
    }

    @Test
    void twoWorkersHandingOverTheSameMachineAtOnceGetOneBatchAndOneFrench409WithNothingPartial() throws Exception {
        Http social = Http.api(Role.SOCIAL_WORKER);
        long course = Http.json(Fixtures.expect(201, social.postJson("/api/v1/courses",
                Json.createObjectBuilder().add("name", "Course " + System.nanoTime()).build()))).getJsonNumber("id").longValue();
        String shared = Fixtures.readyMachine();
        List<Long> sessions = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            long session = Http.json(Fixtures.expect(201, social.postJson("/api/v1/courses/" + course + "/sessions",
                    Json.createObjectBuilder().add("label", "Groupe " + s).add("startsOn", LocalDate.now().toString())
                            .add("endsOn", LocalDate.now().plusDays(30).toString()).build()))).getJsonNumber("id").longValue();
            long a = LoanFixtures.beneficiary("Concours" + s, "Premier");
            long b = LoanFixtures.beneficiary("Concours" + s, "Second");
            for (long person : List.of(a, b)) {
                Fixtures.expect(201, social.postJson("/api/v1/sessions/" + session + "/enrolments",
                        Json.createObjectBuilder().add("beneficiaryId", person).build()));
            }
            sessions.add(session);
            bodies.add(rows(a, Fixtures.readyMachine(), b, shared));
        }
        List<java.util.concurrent.Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            String path = "/api/v1/sessions/" + sessions.get(s) + "/handover";
            String body = bodies.get(s);
            calls.add(() -> social.postJson(path, body));
        }
        List<Integer> statuses = new ArrayList<>();
        for (HttpResponse<String> r : Race.run(calls)) {
            statuses.add(r.statusCode());
            if (r.statusCode() != 201) {
                assertEquals(409, r.statusCode(), r.body());
                assertEquals(AssignmentService.ALREADY_ASSIGNED, Http.json(r).getJsonObject("fields").getString("rows[1].machineTag"));
            }
        }
        assertEquals(List.of(201, 409), statuses.stream().sorted().toList());
        assertEquals(2, app.count("SELECT count(*) FROM assignments WHERE session_id IN (" + sessions.get(0) + ", " + sessions.get(1) + ")"),
                "the loser's first row was rolled back with the rest");
    }

    private static String rows(Object... pairs) {
        JsonArrayBuilder rows = Json.createArrayBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            rows.add(Json.createObjectBuilder().add("beneficiaryId", (Long) pairs[i]).add("machineTag", (String) pairs[i + 1]));
        }
        return Json.createObjectBuilder().add("rows", rows).build().toString();
    }
}
