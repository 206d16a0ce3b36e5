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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IntakeTest {

    private static JsonObject donation(JsonObject... machines) {
        var list = Json.createArrayBuilder();
        for (JsonObject m : machines) {
            list.add(m);
        }
        return Json.createObjectBuilder()
                .add("donor", Json.createObjectBuilder().add("name", "Mairie de Montreuil").add("kind", "PUBLIC_BODY"))
                .add("receivedOn", LocalDate.now().toString()).add("site", "atelier").add("machines", list).build();
    }

    private static JsonObject laptop(String serial) {
        return Json.createObjectBuilder().add("type", "LAPTOP").add("brand", "HP").add("model", "EliteBook 840 G5")
                .add("serial", serial).build();
    }

    @Test
    void aDonationCreatesItsMachinesWithFreshTagsAndAnIntakeEvent() {
        HttpResponse<String> r = Http.api(Role.TECHNICIAN).postJson("/api/v1/donations",
                donation(laptop("A-" + UUID.randomUUID()), laptop("B-" + UUID.randomUUID()), laptop("C-" + UUID.randomUUID())));
        assertEquals(201, r.statusCode(), r.body());
        var machines = Http.json(r).getJsonArray("machines");
        assertEquals(3, machines.size());
        int year = LocalDate.now().getYear();
        for (var m : machines) {
            String tag = m.asJsonObject().getString("tag");
            assertTrue(tag.matches("PS-" + year + "-\\d{5}"), tag);
            JsonObject machine = Http.json(Http.api(Role.COORDINATOR).get("/api/v1/machines/" + tag));
            assertEquals("RECEIVED", machine.getString("state"));
            assertEquals("INTAKE", machine.getJsonArray("events").getJsonObject(0).getString("kind"));
            assertEquals(TestApp.get().username(Role.TECHNICIAN), machine.getJsonArray("events").getJsonObject(0).getString("actor"));
        }
    }

    @Test
    void fiftyParallelIntakesNeverShareATag() throws Exception {
        Http tech = Http.api(Role.TECHNICIAN);
        List<Future<HttpResponse<String>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
            for (int i = 0; i < 50; i++) {
                results.add(pool.submit(() -> tech.postJson("/api/v1/donations",
                        donation(laptop("P-" + UUID.randomUUID()), laptop("Q-" + UUID.randomUUID())))));
            }
        }
        Set<String> tags = new HashSet<>();
        for (Future<HttpResponse<String>> f : results) {
            HttpResponse<String> r = f.get();
            assertEquals(201, r.statusCode(), r.body());
            Http.json(r).getJsonArray("machines").forEach(m -> tags.add(m.asJsonObject().getString("tag")));
        }
        assertEquals(100, tags.size(), "100 machines, 100 distinct tags");
        assertEquals(0, TestApp.get().count("SELECT count(*) FROM (SELECT tag FROM machines GROUP BY tag HAVING count(*) > 1) d"));
    }

    @Test
    void invalidDonationsAnswerFieldByFieldInFrenchAndWriteNothing() {
        String serial = "DUP-" + UUID.randomUUID();
        Fixtures.expect(201, Http.api(Role.TECHNICIAN).postJson("/api/v1/donations", donation(laptop(serial))));
        long donations = TestApp.get().count("SELECT count(*) FROM donations");
        long donors = TestApp.get().count("SELECT count(*) FROM donors");
        long machines = TestApp.get().count("SELECT count(*) FROM machines");

        JsonObject bad = Json.createObjectBuilder()
                .add("donor", Json.createObjectBuilder().add("name", "").add("kind", "MARTIAN"))
                .add("receivedOn", "2026-02-30").add("site", "nowhere")
                .add("machines", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("type", "TOASTER").add("brand", "x".repeat(81)))
                        .add(laptop(serial))
                        .add(laptop("TWICE")).add(laptop("TWICE")))
                .build();
        HttpResponse<String> r = Http.api(Role.TECHNICIAN).postJson("/api/v1/donations", bad);
        assertEquals(400, r.statusCode());
        JsonObject error = Http.json(r);
        assertEquals("invalid", error.getString("error"));
        JsonObject fields = error.getJsonObject("fields");
        assertEquals("Ce champ est obligatoire.", fields.getString("donor.name"));
        assertTrue(fields.getString("donor.kind").startsWith("Valeur inconnue"));
        assertTrue(fields.getString("receivedOn").startsWith("Date invalide"));
        assertEquals("Site inconnu.", fields.getString("site"));
        assertTrue(fields.getString("machines[0].type").contains("Ordinateur portable"));
        assertTrue(fields.getString("machines[0].brand").contains("80 caractères"));
        assertTrue(fields.getString("machines[1].serial").contains("déjà enregistré"));
        assertTrue(fields.getString("machines[3].serial").contains("deux fois"));

        assertEquals(donations, TestApp.get().count("SELECT count(*) FROM donations"));
        assertEquals(donors, TestApp.get().count("SELECT count(*) FROM donors"));
        assertEquals(machines, TestApp.get().count("SELECT count(*) FROM machines"));
    }

    @Test
    void malformedJsonAndWrongTypesGetFrenchErrors() {
        Http tech = Http.api(Role.TECHNICIAN);
        HttpResponse<String> r = tech.postJson("/api/v1/donations", "{\"donor\": ");
        assertEquals(400, r.statusCode());
        assertTrue(Http.json(r).getString("message").startsWith("JSON mal formé"));

        r = tech.postJson("/api/v1/donations", "{\"machines\": {\"type\": \"LAPTOP\"}}");
        assertEquals(400, r.statusCode());
        assertEquals("Une liste est attendue.", Http.json(r).getJsonObject("fields").getString("machines"));

        r = tech.send(tech.request("/api/v1/donations").header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("bonjour")).build());
        assertEquals(415, r.statusCode());
    }

    @Test
    void theIntakeFormKeepsWhatWasTypedWhenItFailsAndCreatesTheDonationWhenValid() {
        Http tech = Http.browser(Role.TECHNICIAN);
        long before = TestApp.get().count("SELECT count(*) FROM donations");
        HttpResponse<String> r = tech.postForm("/donations", Map.of("donorId", "new", "donor.name", "Boulangerie <Dupont>",
                "donor.kind", "", "receivedOn", LocalDate.now().toString(), "site", "atelier",
                "machines[0].type", "LAPTOP", "machines[0].model", "Latitude 7480", "machines[1].type", ""));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("value=\"Boulangerie &lt;Dupont>\""), "typed donor name kept and escaped");
        assertTrue(r.body().contains("value=\"Latitude 7480\""));
        assertTrue(r.body().contains("Ce champ est obligatoire."));
        assertEquals(before, TestApp.get().count("SELECT count(*) FROM donations"));

        r = tech.postForm("/donations", Map.of("donorId", "new", "donor.name", "Boulangerie Dupont",
                "donor.kind", "COMPANY", "receivedOn", LocalDate.now().toString(), "site", "atelier",
                "machines[0].type", "LAPTOP", "machines[0].model", "Latitude 7480", "machines[1].type", "SCREEN"));
        assertEquals(303, r.statusCode(), r.body());
        String location = r.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith("/donations/"));
        String page = tech.get(location).body();
        assertTrue(page.contains("Boulangerie Dupont"));
        assertEquals(2, page.split("class=\"tag\"").length - 1, "two machines listed with their tags");
    }

    @Test
    void addRowsReturnsTheFormWithMoreLinesAndNothingSaved() {
        Http tech = Http.browser(Role.TECHNICIAN);
        long before = TestApp.get().count("SELECT count(*) FROM donations");
        HttpResponse<String> r = tech.postForm("/donations", Map.of("addRows", "5", "donor.name", "Gardé",
                "machines[0].type", "LAPTOP", "machines[1].brand", "", "machines[2].model", ""));
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("name=\"machines[7].serial\""));
        assertTrue(r.body().contains("value=\"Gardé\""));
        assertEquals(before, TestApp.get().count("SELECT count(*) FROM donations"));
    }
}
