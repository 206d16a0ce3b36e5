package fr.parcsolidaire.inventory;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.Race;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.Map;

import static fr.parcsolidaire.Fixtures.expect;
import static fr.parcsolidaire.Fixtures.transition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkflowTest {

    private final Http tech = Http.api(Role.TECHNICIAN);

    private static JsonObject to(String state) {
        return Json.createObjectBuilder().add("to", state).build();
    }

    private String state(String tag) {
        return Http.json(tech.get("/api/v1/machines/" + tag)).getString("state");
    }

    @Test
    void aMachineWalksFromReceivedToReadyWithEachStepsData() {
        String tag = Fixtures.readyMachine();
        JsonObject m = Http.json(tech.get("/api/v1/machines/" + tag));
        assertEquals("READY", m.getString("state"));
        assertEquals("B", m.getString("grade"));
        var events = m.getJsonArray("events");
        assertEquals(java.util.List.of("INTAKE", "TRANSITION", "STORAGE_ADDED", "TRANSITION", "ERASURE", "TRANSITION"),
                events.stream().map(e -> e.asJsonObject().getString("kind")).toList());
        JsonObject ready = events.getJsonObject(5);
        assertEquals("IN_RECONDITIONING", ready.getString("from"));
        assertEquals("READY", ready.getString("to"));
        assertEquals("OK", ready.getJsonObject("data").getJsonObject("quality").getString("webcam"));
        assertTrue(m.getJsonArray("storageDevices").getJsonObject(0).getJsonObject("lastErasure").getBoolean("verified"));
    }

    @Test
    void everyWorkshopTransitionOfTheLifecycleIsAccepted() {
        // RECEIVED, IN_DIAGNOSIS, IN_RECONDITIONING and READY can each go to SCRAPPED and PARTS.
        for (String end : new String[] {"SCRAPPED", "PARTS"}) {
            for (int depth = 0; depth < 4; depth++) {
                String tag = depth == 3 ? Fixtures.readyMachine() : Fixtures.intake(1).getFirst();
                if (depth >= 1 && depth < 3) {
                    expect(200, transition(tech, tag, to("IN_DIAGNOSIS")));
                }
                if (depth == 2) {
                    expect(200, transition(tech, tag, Json.createObjectBuilder().add("to", "IN_RECONDITIONING").add("grade", "C").build()));
                }
                if (depth < 3) {
                    // A laptop without disk on record leaves only with the technician's statement (erasure gate).
                    expect(201, tech.postJson("/api/v1/machines/" + tag + "/no-storage", "{\"note\":\"disque retiré et détruit\"}"));
                }
                JsonObject body = end.equals("SCRAPPED")
                        ? Json.createObjectBuilder().add("to", end).add("weightKg", 2.5).add("channel", "ecosystem").build()
                        : Json.createObjectBuilder().add("to", end).add("harvested", "Barrette RAM 8 Go").build();
                expect(200, transition(tech, tag, body));
                assertEquals(end, state(tag));
            }
        }
    }

    @Test
    void aReturnedMachineGoesBackToDiagnosisOrToReadyAfterAFreshErasure() {
        String tag = Fixtures.readyMachine();
        assignAndReturn(tag);
        assertEquals("RETURNED", state(tag));
        // Its old erasure predates the loan: it cannot be ready again without a new one.
        HttpResponse<String> refused = transition(tech, tag, Json.createObjectBuilder().add("to", "READY")
                .add("quality", Fixtures.allChecksOk()).build());
        assertEquals(409, refused.statusCode());
        String serial = Http.json(tech.get("/api/v1/machines/" + tag)).getJsonArray("storageDevices").getJsonObject(0).getString("serial");
        expect(201, tech.postJson("/api/v1/machines/" + tag + "/erasures", Json.createObjectBuilder().add("device", serial)
                .add("method", "CLEAR").add("tool", "nwipe").add("passes", 1).add("verified", true).add("result", "PASS").build()));
        expect(200, transition(tech, tag, Json.createObjectBuilder().add("to", "READY").add("quality", Fixtures.allChecksOk()).build()));

        String other = Fixtures.readyMachine();
        assignAndReturn(other);
        expect(200, transition(tech, other, to("IN_DIAGNOSIS")));
        assertEquals("IN_DIAGNOSIS", state(other));
    }

    private static void assignAndReturn(String tag) {
        TestApp.get().sql("INSERT INTO machine_events (machine_id, kind, from_state, to_state, actor_id, note) "
                + "SELECT id, 'TRANSITION', 'READY', 'ASSIGNED', (SELECT id FROM users WHERE username = 't-admin'), 'test' FROM machines WHERE tag = '" + tag + "'");
        TestApp.get().sql("INSERT INTO machine_events (machine_id, kind, from_state, to_state, actor_id, note) "
                + "SELECT id, 'TRANSITION', 'ASSIGNED', 'RETURNED', (SELECT id FROM users WHERE username = 't-admin'), 'test' FROM machines WHERE tag = '" + tag + "'");
    }

    @Test
    void illegalStepsAreRefusedWith409AndAFrenchReason() {
        String tag = Fixtures.intake(1).getFirst();
        HttpResponse<String> r = transition(tech, tag, to("READY"));
        assertEquals(409, r.statusCode());
        assertEquals("Impossible de passer de « Reçue » à « Prête ».", Http.json(r).getString("message"));
        assertEquals(409, transition(tech, tag, to("IN_RECONDITIONING")).statusCode());
        r = transition(tech, tag, to("ASSIGNED"));
        assertEquals(409, r.statusCode());
        assertTrue(Http.json(r).getString("message").contains("attribution"));
        assertEquals(400, transition(tech, tag, to("FLYING")).statusCode());

        expect(201, tech.postJson("/api/v1/machines/" + tag + "/no-storage", "{\"note\":\"aucun support\"}"));
        expect(200, transition(tech, tag, Json.createObjectBuilder().add("to", "SCRAPPED").add("weightKg", "1,5").add("channel", "DEEE").build()));
        r = transition(tech, tag, to("IN_DIAGNOSIS"));
        assertEquals(409, r.statusCode());
        assertTrue(Http.json(r).getString("message").contains("ne peut plus changer d'état"));
        assertEquals(409, tech.postJson("/api/v1/machines/" + tag + "/repairs", "{\"parts\":\"écran\"}").statusCode());
        assertEquals(404, transition(tech, "PS-1999-00001", to("IN_DIAGNOSIS")).statusCode());
        assertEquals("SCRAPPED", state(tag));
    }

    @Test
    void aMachineCannotBecomeReadyUntilEveryStorageDeviceHasAPassingVerifiedErasure() {
        String tag = Fixtures.intake(1).getFirst();
        expect(200, transition(tech, tag, to("IN_DIAGNOSIS")));
        expect(200, transition(tech, tag, Json.createObjectBuilder().add("to", "IN_RECONDITIONING").add("grade", "A")
                .add("storage", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("kind", "HDD").add("capacityGb", 500).add("serial", "HDD1"))
                        .add(Json.createObjectBuilder().add("kind", "NVME").add("capacityGb", 256).add("serial", "NV1"))).build()));
        JsonObject ready = Json.createObjectBuilder().add("to", "READY").add("quality", Fixtures.allChecksOk()).build();

        HttpResponse<String> r = transition(tech, tag, ready);
        assertEquals(409, r.statusCode());
        assertTrue(Http.json(r).getString("message").contains("HDD1, NV1"), r.body());

        erase(tag, "HDD1", "PASS", true);
        erase(tag, "NV1", "FAIL", true);
        assertEquals(409, transition(tech, tag, ready).statusCode(), "a failed erasure does not count");
        erase(tag, "NV1", "PASS", false);
        assertEquals(409, transition(tech, tag, ready).statusCode(), "an unverified erasure does not count");
        erase(tag, "NV1", "PASS", true);
        expect(200, transition(tech, tag, ready));
        assertEquals(4, TestApp.get().count("SELECT count(*) FROM erasures e JOIN machines m ON m.id = e.machine_id WHERE m.tag = '" + tag + "'"));
    }

    @Test
    void aFailedQualityCheckKeepsTheMachineInTheWorkshop() {
        String tag = Fixtures.intake(1).getFirst();
        expect(200, transition(tech, tag, to("IN_DIAGNOSIS")));
        expect(200, transition(tech, tag, Json.createObjectBuilder().add("to", "IN_RECONDITIONING").add("grade", "B").build()));
        JsonObject quality = Json.createObjectBuilder(Fixtures.allChecksOk()).add("wifi", "KO").add("sound", "MAYBE").build();
        HttpResponse<String> r = transition(tech, tag, Json.createObjectBuilder().add("to", "READY").add("quality", quality).build());
        assertEquals(400, r.statusCode());
        JsonObject fields = Http.json(r).getJsonObject("fields");
        assertTrue(fields.getString("quality.wifi").contains("en défaut"));
        assertTrue(fields.getString("quality.sound").startsWith("Valeur inconnue"));
        assertEquals("IN_RECONDITIONING", state(tag));
    }

    @Test
    void stepDataIsValidatedWithFrenchMessagesAndNothingPartialIsWritten() {
        String tag = Fixtures.intake(1).getFirst();
        expect(200, transition(tech, tag, to("IN_DIAGNOSIS")));
        long events = TestApp.get().count("SELECT count(*) FROM machine_events");
        HttpResponse<String> r = transition(tech, tag, Json.createObjectBuilder().add("to", "IN_RECONDITIONING")
                .add("ramGb", -4).add("batteryHealth", 140).add("screenInches", "grand")
                .add("storage", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("kind", "SSD").add("serial", "OK-1"))
                        .add(Json.createObjectBuilder().add("kind", "FLOPPY"))).build());
        assertEquals(400, r.statusCode());
        JsonObject fields = Http.json(r).getJsonObject("fields");
        assertEquals("Ce champ est obligatoire.", fields.getString("grade"));
        assertTrue(fields.getString("ramGb").contains("comprise entre"));
        assertTrue(fields.getString("batteryHealth").contains("comprise entre 0 et 100"));
        assertEquals("Nombre invalide.", fields.getString("screenInches"));
        assertTrue(fields.getString("storage[1].kind").startsWith("Valeur inconnue"));
        assertEquals(events, TestApp.get().count("SELECT count(*) FROM machine_events"));
        assertEquals(0, TestApp.get().count("SELECT count(*) FROM storage_devices sd JOIN machines m ON m.id = sd.machine_id WHERE m.tag = '" + tag + "'"));

        r = tech.postJson("/api/v1/machines/" + tag + "/erasures", Json.createObjectBuilder().add("device", "nothing")
                .add("method", "WIPE").add("tool", "").add("passes", 1.5).add("result", "OK").add("performedOn", "2099-01-01").build());
        assertEquals(400, r.statusCode());
        fields = Http.json(r).getJsonObject("fields");
        assertTrue(fields.getString("device").contains("Aucun support"));
        assertTrue(fields.getString("method").contains("Purge"));
        assertEquals("Ce champ est obligatoire.", fields.getString("tool"));
        assertEquals("Un nombre entier est attendu.", fields.getString("passes"));
        assertTrue(fields.getString("result").startsWith("Valeur inconnue"));
        assertTrue(fields.getString("performedOn").startsWith("La date doit être comprise"));
    }

    @Test
    void historyIsAppendOnlyAndTheStateAlwaysMatchesTheLastTransition() {
        Fixtures.readyMachine();
        // Machines that entered by an import start with IMPORTED, in the state the file gave them.
        // On a site and in a year of their own, out of the figures other tests count.
        TestApp.get().sql("INSERT INTO sites (code, name, tag_prefix) VALUES ('wf-import', 'Import (tests)', 'WI') ON CONFLICT DO NOTHING");
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        byte[] sheet = ("Type;N° de série;État;Site;Donateur;Date\r\nÉcran;" + run + "-E;Prête;wf-import;Import " + run
                + ";15/03/2001\r\nPortable;" + run + "-P;En diagnostic;wf-import;Import " + run + ";15/03/2001\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> imported = tech.send(tech.request("/api/v1/imports/machines?fileName=workflow.csv")
                .header("Content-Type", "text/csv").POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(sheet)).build());
        assertEquals(201, imported.statusCode(), imported.body());
        String screen = Http.json(imported).getJsonArray("tags").getString(0);
        assertEquals("READY", state(screen));
        assertEquals(200, transition(tech, screen, Json.createObjectBuilder().add("to", "SCRAPPED").add("weightKg", 4)
                .add("channel", "ecosystem").build()).statusCode());
        assertEquals("SCRAPPED", state(screen));
        assertThrows(SQLException.class, () -> update("UPDATE machine_events SET note = 'réécrit'"));
        assertThrows(SQLException.class, () -> update("DELETE FROM machine_events"));
        assertThrows(SQLException.class, () -> update("UPDATE erasures SET result = 'PASS'"));
        assertEquals(0, TestApp.get().count("""
                SELECT count(*) FROM machines m
                 WHERE m.state <> COALESCE((SELECT e.to_state FROM machine_events e
                                             WHERE e.machine_id = m.id AND e.kind = 'TRANSITION'
                                             ORDER BY e.id DESC LIMIT 1),
                                           (SELECT e.to_state FROM machine_events e
                                             WHERE e.machine_id = m.id AND e.kind = 'IMPORTED'), 'RECEIVED')"""));
        // Every machine entered the inventory once: by an intake, or by an import (imports/, docs/imports.md).
        assertEquals(0, TestApp.get().count("SELECT count(*) FROM machines m WHERE (SELECT count(*) FROM machine_events e "
                + "WHERE e.machine_id = m.id AND e.kind IN ('INTAKE', 'IMPORTED')) <> 1"));
    }

    @Test
    void aStepStartedTwiceAtOnceIsRecordedOnceWithWhoWhenAndWhat() throws Exception {
        // Two technicians start the same diagnosis together: the second, under the machine's lock, finds it moved.
        for (int round = 0; round < 5; round++) {
            String tag = Fixtures.intake(1).getFirst();
            JsonObject step = Json.createObjectBuilder().add("to", "IN_DIAGNOSIS").add("note", "Écran fêlé").build();
            java.util.concurrent.Callable<Integer> start = () -> transition(tech, tag, step).statusCode();
            java.util.List<Integer> statuses = Race.run(java.util.Collections.nCopies(2, start));
            assertEquals(java.util.List.of(200, 409), statuses.stream().sorted().toList(), tag);
            JsonObject m = Http.json(tech.get("/api/v1/machines/" + tag));
            assertEquals("IN_DIAGNOSIS", m.getString("state"));
            var transitions = m.getJsonArray("events").stream().map(e -> e.asJsonObject())
                    .filter(e -> e.getString("kind").equals("TRANSITION")).toList();
            assertEquals(1, transitions.size(), tag);
            assertEquals("RECEIVED", transitions.getFirst().getString("from"));
            assertEquals("IN_DIAGNOSIS", transitions.getFirst().getString("to"));
            assertEquals("Écran fêlé", transitions.getFirst().getString("note"));
            assertFalse(transitions.getFirst().getString("actor").isBlank());
            assertFalse(transitions.getFirst().getString("at").isBlank());
        }
    }

    @Test
    void theAnswerToAStepIsTheRecordAsTheNextReadShowsIt() {
        String tag = Fixtures.intake(1).getFirst();
        HttpResponse<String> r = transition(tech, tag, Json.createObjectBuilder().add("to", "IN_DIAGNOSIS").add("note", "vu").build());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(Http.json(tech.get("/api/v1/machines/" + tag)), Http.json(r));
    }

    @Test
    void theDatabaseRefusesATransitionFromAStateTheMachineIsNotIn() {
        String tag = Fixtures.intake(1).getFirst();
        assertThrows(SQLException.class, () -> update("INSERT INTO machine_events (machine_id, kind, from_state, to_state, actor_id) "
                + "SELECT id, 'TRANSITION', 'READY', 'ASSIGNED', 1 FROM machines WHERE tag = '" + tag + "'"));
        assertEquals("RECEIVED", state(tag));
    }

    @Test
    void theMachinePageOffersOnlyTheStepsAllowedNowAndShowsStepErrorsInPlace() {
        String tag = Fixtures.intake(1).getFirst();
        Http page = Http.browser(Role.TECHNICIAN);
        String html = page.get("/m/" + tag).body();
        assertTrue(html.contains("value=\"IN_DIAGNOSIS\""));
        assertTrue(html.contains("value=\"SCRAPPED\""));
        assertFalse(html.contains("value=\"READY\""));
        assertFalse(html.contains("value=\"ASSIGNED\""));

        HttpResponse<String> r = page.postForm("/m/" + tag + "/transition", Map.of("to", "SCRAPPED", "weightKg", "-3", "channel", ""));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("La valeur doit être comprise entre 0.1 et 1000."));
        assertTrue(r.body().contains("value=\"-3\""));
        assertTrue(r.body().contains("<details class=\"step\" open>"));

        assertEquals(303, page.postForm("/m/" + tag + "/transition", Map.of("to", "IN_DIAGNOSIS", "note", "Écran fêlé")).statusCode());
        html = page.get("/m/" + tag).body();
        assertTrue(html.contains("En diagnostic"));
        assertTrue(html.contains("Écran fêlé"));

        r = page.postForm("/m/" + tag + "/transition", Map.of("to", "READY"));
        assertEquals(409, r.statusCode());
        assertTrue(r.body().contains("Impossible de passer de « En diagnostic » à « Prête »."));

        String readOnly = Http.browser(Role.COORDINATOR).get("/m/" + tag).body();
        assertFalse(readOnly.contains("/transition\""), "no step forms for a read-only role");
    }

    @Test
    void lshwOutputFillsSpecsAndStorageThroughTheApi() throws Exception {
        String tag = Fixtures.intake(1).getFirst();
        String lshw = new String(getClass().getResourceAsStream("/lshw-laptop.json").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> r = tech.postJson("/api/v1/machines/" + tag + "/hardware", lshw);
        assertEquals(200, r.statusCode(), r.body());
        JsonObject m = Http.json(tech.get("/api/v1/machines/" + tag));
        assertEquals("Intel(R) Core(TM) i5-8350U CPU @ 1.70GHz", m.getString("cpu"));
        assertEquals(16, m.getJsonNumber("ramGb").intValue());
        assertEquals(2, m.getJsonArray("storageDevices").size());
        assertEquals("HARDWARE_IMPORT", m.getJsonArray("events").getJsonObject(1).getString("kind"));
        // Importing twice does not duplicate the disks.
        expect(200, tech.postJson("/api/v1/machines/" + tag + "/hardware", lshw));
        assertEquals(2, Http.json(tech.get("/api/v1/machines/" + tag)).getJsonArray("storageDevices").size());

        assertEquals(400, tech.postJson("/api/v1/machines/" + tag + "/hardware", "{\"hello\": \"world\"}").statusCode());
        assertEquals(400, tech.postJson("/api/v1/machines/" + tag + "/hardware", "[not json").statusCode());
    }

    private void erase(String tag, String device, String result, boolean verified) {
        expect(201, tech.postJson("/api/v1/machines/" + tag + "/erasures", Json.createObjectBuilder().add("device", device)
                .add("method", "PURGE").add("tool", "nwipe 0.34").add("passes", 1).add("verified", verified)
                .add("result", result).build()));
    }

    private static void update(String sql) throws SQLException {
        try (var c = TestApp.get().connection(); var st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
