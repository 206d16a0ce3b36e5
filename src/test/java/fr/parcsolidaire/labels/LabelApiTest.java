package fr.parcsolidaire.labels;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

import java.awt.image.BufferedImage;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /api/v1/labels and GET /api/v1/labels/layouts over real HTTP and PostgreSQL. */
class LabelApiTest {

    @Test
    void theLayoutsOfTheLabelsFolderAreListed() {
        HttpResponse<String> r = Fixtures.expect(200, Http.api(Role.TECHNICIAN).get("/api/v1/labels/layouts"));
        JsonArray layouts = Json.createReader(new StringReader(r.body())).readArray();
        List<String> ids = layouts.stream().map(v -> v.asJsonObject().getString("id")).toList();
        assertEquals(List.of("L7160", "L7163", "L7651", "QL-62x29"), ids);
        JsonObject l7651 = layouts.getJsonObject(2);
        assertEquals(5, l7651.getInt("columns"));
        assertEquals(13, l7651.getInt("rows"));
        assertEquals(38.1, l7651.getJsonNumber("labelWidth").doubleValue(), 1e-9);
    }

    @Test
    void aSheetForRealMachinesStartsAtTheAskedPositionAndIsRecordedInTheirHistory() throws Exception {
        List<String> tags = Fixtures.intake(3);
        HttpResponse<byte[]> r = pdf(Json.createObjectBuilder().add("layout", "L7651")
                .add("tags", Json.createArrayBuilder(tags)).add("startAt", 3).build());
        assertEquals(200, r.statusCode());
        assertEquals("application/pdf", r.headers().firstValue("Content-Type").orElseThrow());
        String text = new PdfTextExtractor(new PdfReader(r.body())).getTextFromPage(1);
        tags.forEach(t -> assertTrue(text.contains(t), "clear-text tag " + t));
        assertTrue(text.contains("Lenovo ThinkPad X270"), "the model line the layout asks for");

        LabelLayout layout = LabelLayouts.load(java.nio.file.Path.of("labels")).get("L7651").orElseThrow();
        BufferedImage page = Raster.page(r.body(), 1);
        String base = "HTTP://127.0.0.1:" + TestApp.get().app().server().port();
        assertEquals(Optional.empty(), Raster.decode(Raster.cell(page, layout, 1)));
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.of(base + "/M/" + tags.get(i)), Raster.decode(Raster.cell(page, layout, 2 + i)));
        }
        assertEquals(3, TestApp.get().count("SELECT count(*) FROM machine_events e JOIN machines m ON m.id = e.machine_id"
                + " WHERE e.kind = 'LABEL_PRINTED' AND e.data->>'layout' = 'L7651' AND m.tag IN ('"
                + String.join("','", tags) + "')"));
    }

    @Test
    void unknownTagsBadLayoutsAndPositionsAreRefusedInFrenchAndNothingIsRecorded() {
        String tag = Fixtures.intake(1).getFirst();
        long before = TestApp.get().count("SELECT count(*) FROM machine_events WHERE kind = 'LABEL_PRINTED'");
        JsonObject unknown = refused(Json.createObjectBuilder().add("layout", "L7160")
                .add("tags", Json.createArrayBuilder().add(tag).add("PS-1999-99999")).build());
        assertTrue(unknown.getJsonObject("fields").getString("tags").contains("Aucune machine ne porte le numéro PS-1999-99999"));
        JsonObject layout = refused(Json.createObjectBuilder().add("layout", "L9999").add("tags", Json.createArrayBuilder().add(tag)).build());
        assertTrue(layout.getJsonObject("fields").getString("layout").startsWith("Modèle d'étiquettes inconnu"));
        JsonObject start = refused(Json.createObjectBuilder().add("layout", "L7651").add("startAt", 66)
                .add("tags", Json.createArrayBuilder().add(tag)).build());
        assertTrue(start.getJsonObject("fields").containsKey("startAt"));
        JsonObject malformed = refused(Json.createObjectBuilder().add("layout", "L7651")
                .add("tags", Json.createArrayBuilder().add("DROP TABLE")).build());
        assertTrue(malformed.getJsonObject("fields").getString("tags").contains("mal formés"));
        refused(Json.createObjectBuilder().add("layout", "L7651").add("tags", Json.createArrayBuilder()).build());
        assertEquals(before, TestApp.get().count("SELECT count(*) FROM machine_events WHERE kind = 'LABEL_PRINTED'"));
    }

    private static JsonObject refused(JsonObject body) {
        HttpResponse<String> r = Fixtures.expect(400, Http.api(Role.TECHNICIAN).postJson("/api/v1/labels", body));
        return Http.json(r);
    }

    static HttpResponse<byte[]> pdf(JsonObject body) throws Exception {
        Http api = Http.api(Role.TECHNICIAN);
        HttpRequest request = api.request("/api/v1/labels").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
}
