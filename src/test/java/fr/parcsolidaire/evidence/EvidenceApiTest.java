package fr.parcsolidaire.evidence;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static fr.parcsolidaire.Fixtures.expect;
import static fr.parcsolidaire.Fixtures.transition;
import static fr.parcsolidaire.evidence.Samples.text;
import static fr.parcsolidaire.evidence.Samples.utf8;
import static fr.parcsolidaire.evidence.Samples.withSerial;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The erasure evidence routes of shared/API.md over real HTTP, with the real sample files: an nwipe log or its PDF
 * certificate for one machine or in bulk, and smartctl's JSON, whose failing disk keeps the machine from READY on the
 * API and on the page until it is destroyed.
 */
class EvidenceApiTest {

    private final TestApp app = TestApp.get();
    private final Http tech = Http.api(Role.TECHNICIAN);

    private static String serial(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase(Locale.ROOT);
    }

    static String machineWith(Http tech, String... serials) {
        String tag = Fixtures.intake(1).getFirst();
        expect(200, transition(tech, tag, Json.createObjectBuilder().add("to", "IN_DIAGNOSIS").build()));
        JsonArrayBuilder storage = Json.createArrayBuilder();
        for (String s : serials) {
            storage.add(Json.createObjectBuilder().add("kind", "HDD").add("capacityGb", 500).add("serial", s)
                    .add("model", "WDC WD5000LPVX"));
        }
        expect(200, transition(tech, tag, Json.createObjectBuilder().add("to", "IN_RECONDITIONING").add("grade", "B")
                .add("storage", storage).build()));
        return tag;
    }

    static HttpResponse<String> post(Http client, String path, String type, byte[] body) {
        return client.send(client.request(path).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private HttpResponse<String> ready(String tag) {
        return transition(tech, tag, Json.createObjectBuilder().add("to", "READY").add("quality", Fixtures.allChecksOk()).build());
    }

    private Map<String, Long> counts() {
        Map<String, Long> c = new TreeMap<>();
        for (String table : List.of("evidence_files", "evidence_devices", "erasures", "machine_events", "smart_reports")) {
            c.put(table, app.count("SELECT count(*) FROM " + table));
        }
        return c;
    }

    @Test
    void aLogPostedToItsMachineRecordsAVerifiedErasureAndTheSameLogTwiceChangesNothing() throws Exception {
        String disk = serial("WD-WCC");
        String tag = machineWith(tech, disk);
        byte[] log = utf8(withSerial(text("nwipe-0.42/zero-verify-last.log"), "/dev/loop0", disk.toLowerCase(Locale.ROOT)));

        HttpResponse<String> first = expect(201, post(tech, "/api/v1/machines/" + tag + "/erasure-logs?name=nwipe_0.42.log",
                "text/plain", log));

        JsonObject body = Http.json(first);
        assertFalse(body.getBoolean("alreadyImported"));
        assertEquals(1, body.getJsonArray("erasures").size());
        assertEquals(List.of(), body.getJsonArray("unmatched").getValuesAs(jakarta.json.JsonString.class));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(log));
        assertEquals(sha, body.getJsonObject("file").getString("sha256"));
        assertEquals("nwipe_0.42.log", body.getJsonObject("file").getString("name"));
        assertTrue(body.getString("message").contains("1 effacement enregistré"), body.getString("message"));
        assertEquals(1, app.count("SELECT count(*) FROM erasures e JOIN storage_devices sd ON sd.id = e.storage_device_id "
                + "WHERE sd.serial = '" + disk + "' AND e.result = 'PASS' AND e.verified AND e.method = 'CLEAR' "
                + "AND e.evidence_file_id = " + body.getJsonObject("file").getInt("id")));

        Map<String, Long> before = counts();
        HttpResponse<String> again = expect(200, post(tech, "/api/v1/machines/" + tag + "/erasure-logs?name=autre.log",
                "application/octet-stream", log));
        assertTrue(Http.json(again).getBoolean("alreadyImported"));
        assertEquals(before, counts(), "the same log twice changes nothing");

        // The archived file comes back byte for byte from the machine page's link.
        HttpResponse<byte[]> file = Http.browser(Role.TECHNICIAN).getBytes("/evidence-files/" + body.getJsonObject("file").getInt("id"));
        assertEquals(200, file.statusCode());
        assertArrayEquals(log, file.body());
        assertTrue(file.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment;"));
    }

    @Test
    void theDonorsErasureCertificateCitesTheImportedLogByNameAndHash() throws Exception {
        String disk = serial("CERT");
        String tag = machineWith(tech, disk);
        byte[] log = utf8(withSerial(text("nwipe-0.42/zero-verify-last.log"), "/dev/loop0", disk));
        expect(201, post(tech, "/api/v1/machines/" + tag + "/erasure-logs?name=nwipe_log_20261128-060939.txt", "text/plain", log));
        long donation = app.count("SELECT donation_id FROM machines WHERE tag = '" + tag + "'");

        String text = fr.parcsolidaire.PdfText.of(Http.api(Role.COORDINATOR)
                .getBytes("/donations/" + donation + "/erasure-certificate.pdf").body());

        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(log));
        assertTrue(text.contains("Preuves d'effacement"), text);
        assertTrue(text.contains(tag + " · " + disk + " : « nwipe_log_20261128-060939.txt »"), text);
        assertTrue(text.replaceAll("\\s", "").contains("SHA-256" + sha), text);
    }

    @Test
    void aLogMatchingNoDiskIsRefusedIn400ListingTheSerialsFoundAndKnown() {
        String known = serial("KNOWN");
        String elsewhere = serial("ELSE");
        String tag = machineWith(tech, known);
        Map<String, Long> before = counts();

        HttpResponse<String> r = post(tech, "/api/v1/machines/" + tag + "/erasure-logs?name=x.log", "text/plain",
                utf8(withSerial(text("nwipe-0.33/zero-verify-last.log"), "/dev/loop0", elsewhere)));

        assertEquals(400, r.statusCode(), r.body());
        JsonObject error = Http.json(r);
        assertEquals("no_match", error.getString("error"));
        assertTrue(error.getString("message").contains(elsewhere) && error.getString("message").contains(known),
                error.getString("message"));
        assertEquals(before, counts());
    }

    @Test
    void aFailedDeviceIsRecordedAsAFailureThatKeepsTheMachineFromReady() {
        String good = serial("GOOD");
        String bad = serial("BAD");
        String tag = machineWith(tech, good, bad);
        String log = withSerial(withSerial(text("nwipe-0.33/two-devices-one-failed.log"), "/dev/loop0", good), "/dev/loop2", bad);

        JsonObject body = Http.json(expect(201, post(tech, "/api/v1/machines/" + tag + "/erasure-logs?name=two.log",
                "text/plain", utf8(log))));

        assertEquals(2, body.getJsonArray("erasures").size());
        assertEquals("Échec", body.getJsonArray("disks").getJsonObject(1).getString("status"));
        assertEquals(1, app.count("SELECT count(*) FROM erasures e JOIN storage_devices sd ON sd.id = e.storage_device_id "
                + "WHERE sd.serial = '" + bad + "' AND e.result = 'FAIL'"));
        HttpResponse<String> refused = ready(tag);
        assertEquals(409, refused.statusCode());
        assertTrue(Http.json(refused).getString("message").contains(bad));
    }

    @Test
    void aPdfCertificateRecordsTheErasure() {
        String disk = serial("PDF").substring(0, 7);
        String tag = machineWith(tech, disk);
        byte[] pdf = NwipeCertificateParserTest.withSerial(Samples.bytes(
                "shredos/nwipe_report_2026-11-28-06-19-07_Model_Loopback_device_Serial_Unknown_device_loop0.pdf"), disk);

        JsonObject body = Http.json(expect(201, post(tech, "/api/v1/machines/" + tag + "/erasure-logs?name=nwipe_report.pdf",
                "application/pdf", pdf)));

        assertEquals(1, body.getJsonArray("erasures").size());
        assertEquals(tag, body.getJsonArray("erasures").getJsonObject(0).getString("machine"));
        assertEquals(1, app.count("SELECT count(*) FROM evidence_files WHERE kind = 'NWIPE_PDF' AND id = "
                + body.getJsonObject("file").getInt("id")));
    }

    @Test
    void theBulkRouteMatchesEachDiskAcrossMachinesAndSummarises() {
        String a = serial("BULKA");
        String b = serial("BULKB");
        String nobody = serial("NOBODY");
        String tagA = machineWith(tech, a);
        String tagB = machineWith(tech, b);
        String log = withSerial(withSerial(text("nwipe-0.42/two-devices-prng-verify-all.log"), "/dev/loop0", a), "/dev/loop1", b);

        JsonObject body = Http.json(expect(200, post(tech, "/api/v1/erasure-logs?name=nwipe_log_20261128-061859.txt",
                "text/plain", utf8(log))));

        assertEquals(List.of(tagA, tagB), body.getJsonArray("machines").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList());
        assertEquals("2 disque(s) rapproché(s) sur 2 : " + tagA + ", " + tagB + ".", body.getString("summary"));
        assertEquals(2, body.getJsonArray("erasures").size());

        HttpResponse<String> none = post(tech, "/api/v1/erasure-logs?name=x.txt", "text/plain",
                utf8(withSerial(text("nwipe-0.33/zero-verify-last.log"), "/dev/loop0", nobody)));
        assertEquals(400, none.statusCode());
        assertTrue(Http.json(none).getString("message").contains(nobody));
    }

    @Test
    void aFailingSmartDiskBlocksReadyOnTheApiAndThePageUntilItIsDestroyed() {
        String failing = serial("MSK");
        String tag = machineWith(tech, failing);
        byte[] bad = utf8(text("smart/scrutiny/smart-fail2.json").replace("\"MSK423Y20S3HBC\"", "\"" + failing + "\""));

        JsonObject smart = Http.json(expect(200, post(tech, "/api/v1/machines/" + tag + "/smart?name=smartctl-sda.json",
                "application/json", bad)));
        assertEquals("FAILED", smart.getString("health"));
        assertTrue(smart.getBoolean("blocking"));
        assertEquals(failing, smart.getString("serial"));

        // A verified erasure does not lift it: remapped sectors keep data no overwrite reaches.
        expect(201, post(tech, "/api/v1/machines/" + tag + "/erasure-logs?name=w.log", "text/plain",
                utf8(withSerial(text("nwipe-0.33/zero-verify-last.log"), "/dev/loop0", failing))));
        HttpResponse<String> refused = ready(tag);
        assertEquals(409, refused.statusCode(), refused.body());
        String message = Http.json(refused).getString("message");
        assertEquals("La machine ne peut pas être déclarée prête : disque en échec SMART à remplacer et détruire : "
                + failing + " (WDC WD5000LPVX).", message);

        Http browser = Http.browser(Role.TECHNICIAN);
        String page = browser.get("/m/" + tag).body();
        assertTrue(page.contains("SMART en échec : à remplacer et détruire"), "the badge names the disk's state");
        assertTrue(page.contains(failing + " (WDC WD5000LPVX)"));
        Map<String, String> form = new java.util.HashMap<>(Map.of("to", "READY"));
        for (String item : List.of("boots", "keyboard", "screen", "wifi", "sound", "webcam", "battery", "ports")) {
            form.put("quality." + item, "OK");
        }
        HttpResponse<String> onPage = browser.postForm("/m/" + tag + "/transition", form);
        assertEquals(409, onPage.statusCode());
        assertTrue(onPage.body().contains("disque en échec SMART à remplacer et détruire : " + failing), "the page says why");

        expect(201, tech.postJson("/api/v1/machines/" + tag + "/erasures", Json.createObjectBuilder().add("device", failing)
                .add("method", "DESTROY").add("tool", "Broyeur").add("passes", 0).add("verified", true)
                .add("result", "PASS").build()));
        expect(200, ready(tag));
        assertTrue(browser.get("/m/" + tag).body().contains("SMART en échec · disque détruit"));
    }

    @Test
    void theRoutesAreForTechniciansAndAdministratorsAndReadTheFileTypeFromItsBytes() {
        String disk = serial("ROLE");
        String tag = machineWith(tech, disk);
        byte[] log = utf8(withSerial(text("nwipe-0.33/zero-verify-last.log"), "/dev/loop0", disk));
        for (Role role : List.of(Role.SOCIAL_WORKER, Role.COORDINATOR)) {
            assertEquals(403, post(Http.api(role), "/api/v1/machines/" + tag + "/erasure-logs", "text/plain", log).statusCode());
            assertEquals(403, post(Http.api(role), "/api/v1/erasure-logs", "text/plain", log).statusCode());
            assertEquals(403, post(Http.api(role), "/api/v1/machines/" + tag + "/smart", "application/json", utf8("{}")).statusCode());
            assertEquals(403, Http.api(role).get("/workbench.sh").statusCode());
        }
        assertEquals(401, post(Http.anonymous(), "/api/v1/machines/" + tag + "/erasure-logs", "text/plain", log).statusCode());

        HttpResponse<String> json = post(tech, "/api/v1/machines/" + tag + "/erasure-logs", "text/plain",
                utf8(text("smart/scrutiny/smart-fail2.json")));
        assertEquals(415, json.statusCode(), "a JSON file is not a log, whatever its declared type");
        assertEquals(415, post(tech, "/api/v1/machines/" + tag + "/smart", "application/json", log).statusCode());
        assertEquals(201, post(Http.api(Role.ADMIN), "/api/v1/machines/" + tag + "/erasure-logs", "text/plain", log).statusCode());
    }
}
