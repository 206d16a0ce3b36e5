package fr.parcsolidaire;

import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract check that {@link Http} runs on every API answer: it lets the service's real answers through and
 * stops each kind of drift from the document (renamed or missing field, wrong type, undocumented status, route
 * or content type, an error outside the French shape).
 */
class ApiContractTest {

    private static final String JSON = "application/json";
    private static JsonObject machine;
    private static String tag;

    @BeforeAll
    static void aMachineAsTheServiceWritesIt() {
        tag = Fixtures.intake(1).getFirst();
        machine = Http.json(Fixtures.expect(200, Http.api(Role.TECHNICIAN).get("/api/v1/machines/" + tag)));
    }

    private static void check(String method, String path, int status, String type, String body) {
        ApiContract.get().check(method, path, status, type, body);
    }

    private static JsonObjectBuilder copy(JsonObject o) {
        return Json.createObjectBuilder(o);
    }

    @Test
    void theServicesOwnAnswerPasses() {
        assertDoesNotThrow(() -> check("GET", "/api/v1/machines/" + tag, 200, JSON, machine.toString()));
        assertDoesNotThrow(() -> check("GET", "/api/v1/machines/" + tag, 200, "application/json; charset=UTF-8", machine.toString()));
    }

    @Test
    void aRenamedOrMissingFieldFails() {
        JsonObject renamed = copy(machine).remove("tag").add("tagNumber", tag).build();
        AssertionError e = assertThrows(AssertionError.class, () -> check("GET", "/api/v1/machines/" + tag, 200, JSON, renamed.toString()));
        assertTrue(e.getMessage().contains("tag"), e.getMessage());
        JsonObject missing = copy(machine).remove("events").build();
        assertThrows(AssertionError.class, () -> check("GET", "/api/v1/machines/" + tag, 200, JSON, missing.toString()));
    }

    @Test
    void aWrongTypeOrUnknownEnumValueFails() {
        assertThrows(AssertionError.class, () -> check("GET", "/api/v1/machines/" + tag, 200, JSON,
                copy(machine).add("id", "one").build().toString()));
        assertThrows(AssertionError.class, () -> check("GET", "/api/v1/machines/" + tag, 200, JSON,
                copy(machine).add("state", "BROKEN").build().toString()));
        assertThrows(AssertionError.class, () -> check("GET", "/api/v1/machines/" + tag, 200, JSON,
                copy(machine).add("receivedOn", "28/11/2026").build().toString()));
    }

    @Test
    void aNestedSchemaIsCheckedThroughItsReference() {
        JsonObject badSite = copy(machine).add("site", copy(machine.getJsonObject("site")).remove("code")).build();
        assertThrows(AssertionError.class, () -> check("GET", "/api/v1/machines/" + tag, 200, JSON, badSite.toString()));
    }

    @Test
    void anUndocumentedStatusRouteOrContentTypeFails() {
        assertThrows(AssertionError.class, () -> check("GET", "/api/v1/machines/" + tag, 418, JSON,
                "{\"error\":\"invalid\",\"message\":\"Non.\"}"));
        assertThrows(AssertionError.class, () -> check("GET", "/api/v1/nowhere", 200, JSON, "{}"));
        assertThrows(AssertionError.class, () -> check("GET", "/api/v1/machines/" + tag, 200, "text/html", "<p>"));
        assertThrows(AssertionError.class, () -> check("POST", "/api/v1/labels", 200, JSON, "{}"));
    }

    @Test
    void errorsKeepTheFrenchShape() {
        assertDoesNotThrow(() -> check("GET", "/api/v1/machines/NOPE", 404, JSON,
                "{\"error\":\"not_found\",\"message\":\"Aucune machine.\"}"));
        assertDoesNotThrow(() -> check("GET", "/api/v1/nowhere", 404, JSON,
                "{\"error\":\"not_found\",\"message\":\"Cette page n'existe pas.\"}"));
        assertThrows(AssertionError.class, () -> check("GET", "/api/v1/machines/NOPE", 404, JSON,
                "{\"code\":\"not_found\",\"message\":\"Aucune machine.\"}"));
        assertThrows(AssertionError.class, () -> check("GET", "/api/v1/machines/NOPE", 404, JSON,
                "{\"error\":\"conflict\",\"message\":\"Aucune machine.\"}"));
        assertThrows(AssertionError.class, () -> check("GET", "/api/v1/nowhere", 404, JSON,
                "{\"error\":\"not_found\",\"message\":\"Non.\",\"trace\":\"at fr.parcsolidaire…\"}"));
    }

    @Test
    void theHttpHelperChecksEveryJsonAnswerOfTheApi() {
        long before = ApiContract.get().validated();
        Fixtures.expect(200, Http.api(Role.TECHNICIAN).get("/api/v1/machines/" + tag));
        Fixtures.expect(404, Http.api(Role.TECHNICIAN).get("/api/v1/machines/NO-SUCH-TAG"));
        // The token requests of Http.api are API calls too: at least the two answers above were validated.
        assertTrue(ApiContract.get().validated() >= before + 2);
    }
}
