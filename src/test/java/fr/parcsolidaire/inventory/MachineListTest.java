package fr.parcsolidaire.inventory;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MachineListTest {

    private final Http api = Http.api(Role.SOCIAL_WORKER);

    @Test
    void filtersBySearchStateTypeGradeAndDonationArePaginatedOnTheServer() {
        String model = "Modèle-" + UUID.randomUUID().toString().substring(0, 6);
        var machines = Json.createArrayBuilder();
        for (int i = 0; i < 30; i++) {
            machines.add(Json.createObjectBuilder().add("type", i < 27 ? "DESKTOP" : "SCREEN").add("brand", "Dell")
                    .add("model", model).add("serial", "LIST-" + UUID.randomUUID()));
        }
        HttpResponse<String> created = Fixtures.expect(201, Http.api(Role.TECHNICIAN).postJson("/api/v1/donations",
                Json.createObjectBuilder().add("donor", Json.createObjectBuilder().add("name", "Lycée Voltaire").add("kind", "PUBLIC_BODY"))
                        .add("receivedOn", LocalDate.now().toString()).add("site", "atelier").add("machines", machines).build()));
        long donation = Http.json(created).getJsonNumber("id").longValue();

        JsonObject page1 = Http.json(api.get("/api/v1/machines?q=" + enc(model)));
        assertEquals(30, page1.getInt("total"));
        assertEquals(25, page1.getJsonArray("items").size());
        JsonObject page2 = Http.json(api.get("/api/v1/machines?q=" + enc(model) + "&page=2"));
        assertEquals(5, page2.getJsonArray("items").size());

        assertEquals(3, Http.json(api.get("/api/v1/machines?type=SCREEN&donation=" + donation)).getInt("total"));
        assertEquals(27, Http.json(api.get("/api/v1/machines?type=desktop&donation=" + donation)).getInt("total"));
        assertEquals(0, Http.json(api.get("/api/v1/machines?state=READY&donation=" + donation)).getInt("total"));
        assertEquals(30, Http.json(api.get("/api/v1/machines?state=RECEIVED&site=atelier&donation=" + donation)).getInt("total"));

        String tag = page1.getJsonArray("items").getJsonObject(0).getString("tag");
        JsonObject byTag = Http.json(api.get("/api/v1/machines?q=" + tag.toLowerCase()));
        assertEquals(1, byTag.getInt("total"));
        String serial = page1.getJsonArray("items").getJsonObject(0).getString("serial");
        assertEquals(1, Http.json(api.get("/api/v1/machines?q=" + enc(serial.toLowerCase()))).getInt("total"));
    }

    @Test
    void gradeFilterFindsDiagnosedMachines() {
        String tag = Fixtures.readyMachine();
        JsonObject result = Http.json(api.get("/api/v1/machines?grade=B&state=READY&q=" + tag));
        assertEquals(1, result.getInt("total"));
    }

    @Test
    void searchTreatsLikeWildcardsAsText() {
        JsonObject all = Http.json(api.get("/api/v1/machines?q=%25"));
        assertEquals(0, all.getInt("total"), "a % typed by someone is searched literally");
        assertEquals(0, Http.json(api.get("/api/v1/machines?q=" + enc("' OR 1=1 --"))).getInt("total"));
    }

    @Test
    void badFiltersAreReportedInFrench() {
        HttpResponse<String> r = api.get("/api/v1/machines?state=BROKEN&page=0");
        assertEquals(400, r.statusCode());
        JsonObject fields = Http.json(r).getJsonObject("fields");
        assertTrue(fields.getString("state").startsWith("Valeur inconnue"));
        assertTrue(fields.getString("page").contains("comprise entre"));
        HttpResponse<String> page = Http.browser(Role.TECHNICIAN).get("/machines?grade=Z");
        assertEquals(400, page.statusCode());
        assertTrue(page.body().contains("Valeur inconnue"));
    }

    @Test
    void theHomeSearchOpensAMachineFromItsTagOrItsLabelUrl() {
        String tag = Fixtures.intake(1).getFirst();
        Http tech = Http.browser(Role.TECHNICIAN);
        assertEquals("/m/" + tag, tech.get("/find?q=" + tag.toLowerCase()).headers().firstValue("Location").orElseThrow());
        assertEquals("/m/" + tag, tech.get("/find?q=" + enc("HTTP://LOCALHOST:8080/M/" + tag)).headers().firstValue("Location").orElseThrow());
        assertTrue(tech.get("/find?q=inconnu").headers().firstValue("Location").orElseThrow().startsWith("/machines?q="));
        assertEquals("/find?q=" + tag, tech.get("/?q=" + tag).headers().firstValue("Location").orElseThrow());
        assertTrue(TestApp.get().count("SELECT count(*) FROM machines") > 0);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
