package fr.parcsolidaire.acceptance;

import fr.parcsolidaire.Http;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthTest {

    @Test
    void healthSaysUpAndNothingMore() {
        HttpResponse<String> r = Http.anonymous().get("/health");
        assertEquals(200, r.statusCode());
        assertEquals("{\"status\":\"UP\"}", r.body());
    }

    @Test
    void unknownPagesAnswerInFrenchWithoutAStackTrace() {
        HttpResponse<String> r = Http.api(fr.parcsolidaire.platform.security.Role.TECHNICIAN).get("/api/v1/machines/PS-2000-99999");
        assertEquals(404, r.statusCode());
        assertTrue(Http.json(r).getString("message").startsWith("Aucune machine"));
        HttpResponse<String> page = Http.browser(fr.parcsolidaire.platform.security.Role.TECHNICIAN).get("/m/PS-2000-99999");
        assertEquals(404, page.statusCode());
        assertTrue(page.body().contains("Introuvable"));
        assertTrue(!page.body().contains("Exception"));
    }

    @Test
    void unknownRoutesAre404InFrenchNot500() {
        HttpResponse<String> api = Http.api(fr.parcsolidaire.platform.security.Role.TECHNICIAN).postJson("/api/v1/nowhere", "{}");
        assertEquals(404, api.statusCode());
        assertTrue(Http.json(api).getString("message").startsWith("Cette page n'existe pas."));
        HttpResponse<String> page = Http.anonymous().get("/nulle-part");
        assertEquals(404, page.statusCode());
        assertTrue(page.body().contains("Cette page n'existe pas."));
    }
}
