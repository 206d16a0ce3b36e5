package fr.parcsolidaire.acceptance;

import fr.parcsolidaire.Http;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./parc start --demo} shows an import: its machines' history says which file and row they came from. */
class DemoImportTest {

    @Test
    void theDemoHoldsASmallImportVisibleInItsMachinesHistory() {
        try (ScratchApp app = ScratchApp.fresh(java.util.Map.of("app.demo", "true"))) {
            String token = app.token(ScratchApp.ADMIN_USER);
            HttpResponse<String> machine = app.get("/api/v1/machines?q=DEMO-IMP-0001", token);
            assertEquals(200, machine.statusCode(), machine.body());
            String tag = Http.json(machine).getJsonArray("items").getJsonObject(0).getString("tag");
            HttpResponse<String> json = app.get("/api/v1/machines/" + tag, token);
            var first = Http.json(json).getJsonArray("events").getJsonObject(0);
            assertEquals("IMPORTED", first.getString("kind"));
            assertEquals("IN_DIAGNOSIS", first.getString("to"), "the state the file gave");
            HttpResponse<String> page = app.get("/m/" + tag, token);
            assertTrue(page.body().contains("Importée (fichier « ancien-stock.csv », ligne 2)"), page.body());
            HttpResponse<String> result = app.get("/imports/1", token);
            assertEquals(200, result.statusCode());
            assertTrue(result.body().contains("ancien-stock.csv") && result.body().contains("Imprimer les étiquettes de cet import"));
        }
    }
}
