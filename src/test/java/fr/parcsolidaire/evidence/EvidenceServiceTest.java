package fr.parcsolidaire.evidence;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import fr.parcsolidaire.platform.http.HttpProblem;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Importing the tools' own outputs against the real PostgreSQL of the test service, called directly (the routes
 * come in phase 2): real nwipe logs and certificates of loop-device wipes, their serials edited to match the
 * machine's disks as a real drive's would, and real smartctl reports.
 */
class EvidenceServiceTest {

    private final TestApp app = TestApp.get();
    private final Http tech = Http.api(Role.TECHNICIAN);
    private final EvidenceService service = new EvidenceService(app.app().database(), Clock.systemUTC());
    private final long techId = app.count("SELECT id FROM users WHERE username = '" + app.username(Role.TECHNICIAN) + "'");

    private static String serial(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase(Locale.ROOT);
    }

    /** A laptop in reconditioning with one hard disk per serial, as the diagnosis declares them. */
    private String machineWith(String... serials) {
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

    private HttpResponse<String> ready(String tag) {
        return transition(tech, tag, Json.createObjectBuilder().add("to", "READY").add("quality", Fixtures.allChecksOk()).build());
    }

    private JsonObject lastEvent(String tag) {
        var events = Http.json(expect(200, tech.get("/api/v1/machines/" + tag))).getJsonArray("events");
        return events.getJsonObject(events.size() - 1);
    }

    private long machineId(String tag) {
        return app.count("SELECT id FROM machines WHERE tag = '" + tag + "'");
    }

    /** Rows of the tables an import writes to, to show that a refusal or a second import writes nothing. */
    private Map<String, Long> counts() {
        Map<String, Long> c = new TreeMap<>();
        for (String table : List.of("evidence_files", "evidence_devices", "erasures", "machine_events", "smart_reports")) {
            c.put(table, app.count("SELECT count(*) FROM " + table));
        }
        return c;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void aLogWhoseSerialWasEditedToMatchRecordsAVerifiedErasureThatCitesTheArchivedFile() throws Exception {
        String disk = serial("WD-WCC4N");
        String tag = machineWith(disk);
        String spaced = disk.substring(0, 6).toLowerCase(Locale.ROOT) + " " + disk.substring(6).toLowerCase(Locale.ROOT);
        byte[] log = utf8(withSerial(text("nwipe-0.42/zero-verify-last.log"), "/dev/loop0", spaced));

        EvidenceService.WipeImport result = service.importWipeReport(tag, "C:\\clé\\nwipe-0.42.log", log, techId);

        assertFalse(result.alreadyImported());
        assertEquals("nwipe-0.42.log", result.fileName(), "the folder part of the name is dropped");
        assertEquals(sha256(log), result.sha256());
        assertEquals("nwipe 0.42", result.tool());
        EvidenceService.DiskLine line = result.disks().getFirst();
        assertEquals(tag, line.machineTag(), "case and spacing ignored");
        assertEquals("Effacé", line.status());
        assertEquals("Effacement vérifié enregistré (CLEAR).", line.outcome());

        try (Connection c = app.connection();
             PreparedStatement st = c.prepareStatement("""
                     SELECT e.method, e.tool, e.passes, e.verified, e.result, e.performed_on, sd.serial,
                            f.kind, f.file_name, f.sha256, f.size_bytes, f.content, f.tool AS file_tool
                       FROM erasures e
                       JOIN storage_devices sd ON sd.id = e.storage_device_id
                       JOIN evidence_files f ON f.id = e.evidence_file_id
                      WHERE e.id = ?""")) {
            st.setLong(1, line.erasureId());
            try (ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("CLEAR", rs.getString("method"));
                assertEquals("nwipe 0.42", rs.getString("tool"));
                assertEquals(2, rs.getInt("passes"), "one zero pass and the blanking pass");
                assertTrue(rs.getBoolean("verified"));
                assertEquals("PASS", rs.getString("result"));
                assertEquals(LocalDate.parse("2026-11-28"), rs.getDate("performed_on").toLocalDate(), "the log's date");
                assertEquals(disk, rs.getString("serial"));
                assertEquals("NWIPE_LOG", rs.getString("kind"));
                assertEquals("nwipe-0.42.log", rs.getString("file_name"));
                assertEquals(sha256(log), HexFormat.of().formatHex(rs.getBytes("sha256")));
                assertEquals(log.length, rs.getInt("size_bytes"));
                assertArrayEquals(log, rs.getBytes("content"), "the original, byte for byte");
            }
        }
        JsonObject event = lastEvent(tag);
        assertEquals("ERASURE", event.getString("kind"));
        assertTrue(event.getString("note").startsWith("Importé de « nwipe-0.42.log » (SHA-256 " + sha256(log).substring(0, 16)),
                event.toString());
        assertEquals(result.sha256(), event.getJsonObject("data").getString("sha256"));

        expect(200, ready(tag));

        List<EvidenceService.EvidenceFile> files = service.filesOf(tag);
        assertEquals(1, files.size());
        assertEquals("nwipe-0.42.log", files.getFirst().fileName());
        assertEquals(sha256(log), files.getFirst().sha256());
        assertEquals(log.length, files.getFirst().sizeBytes());
        assertEquals("NWIPE_LOG", files.getFirst().kind());
        EvidenceService.StoredFile stored = service.file(files.getFirst().id());
        assertArrayEquals(log, stored.content());
        assertEquals("text/plain; charset=UTF-8", stored.mediaType());
        assertEquals(sha256(log), stored.sha256());
        assertEquals(404, assertThrows(HttpProblem.class, () -> service.file(-1)).status().code());
    }

    @Test
    void theSameFileImportedTwiceChangesNothing() {
        String disk = serial("S3Z1");
        String tag = machineWith(disk);
        byte[] log = utf8(withSerial(text("nwipe-0.33/zero-verify-last.log"), "/dev/loop0", disk));
        EvidenceService.WipeImport first = service.importWipeReport(tag, "nwipe.log", log, techId);
        Map<String, Long> before = counts();

        EvidenceService.WipeImport again = service.importWipeReport(tag, "autre-nom.log", log, techId);
        EvidenceService.WipeImport bulk = service.importWipeReportAnyMachine("nwipe_log.txt", log, techId);

        assertEquals(before, counts());
        for (EvidenceService.WipeImport r : List.of(again, bulk)) {
            assertTrue(r.alreadyImported());
            assertEquals(first.fileId(), r.fileId());
            assertEquals("nwipe.log", r.fileName(), "the name of the first import");
            assertEquals(first.disks().getFirst().erasureId(), r.disks().getFirst().erasureId());
            assertEquals(tag, r.disks().getFirst().machineTag());
            assertTrue(r.notes().getFirst().startsWith("Ce fichier a déjà été importé le "), r.notes().toString());
            assertTrue(r.notes().getFirst().endsWith(" par " + app.username(Role.TECHNICIAN) + " : rien n'a été modifié."));
        }
        HttpProblem asSmart = assertThrows(HttpProblem.class, () -> service.importSmart(tag, "x.json", log, techId));
        assertEquals(422, asSmart.status().code(), "not smartctl's JSON: refused before the archive is looked at");
    }

    @Test
    void aFailedDeviceIsRecordedAsAFailureAndKeepsTheMachineFromReady() {
        String good = serial("GOOD");
        String bad = serial("BAD");
        String tag = machineWith(good, bad);
        String log = withSerial(withSerial(text("nwipe-0.33/two-devices-one-failed.log"), "/dev/loop0", good), "/dev/loop2", bad);

        EvidenceService.WipeImport result = service.importWipeReport(tag, "two.log", utf8(log), techId);

        assertEquals(List.of("Effacé", "Échec"), result.disks().stream().map(EvidenceService.DiskLine::status).toList());
        assertEquals("Échec enregistré : le disque doit être effacé à nouveau ou détruit.", result.disks().get(1).outcome());
        assertEquals(1, app.count("SELECT count(*) FROM erasures e JOIN storage_devices sd ON sd.id = e.storage_device_id "
                + "WHERE sd.serial = '" + bad + "' AND e.result = 'FAIL' AND NOT e.verified"));
        HttpResponse<String> refused = ready(tag);
        assertEquals(409, refused.statusCode(), refused.body());
        String message = Http.json(refused).getString("message");
        assertTrue(message.contains(bad) && !message.contains(good), message);
    }

    @Test
    void twoDevicesErasedAndVerifiedMakeTheMachineReady() {
        String a = serial("A");
        String b = serial("B");
        String tag = machineWith(a, b);
        String log = withSerial(withSerial(text("nwipe-0.42/two-devices-prng-verify-all.log"), "/dev/loop0", a), "/dev/loop1", b);

        EvidenceService.WipeImport result = service.importWipeReport(tag, "two.log", utf8(log), techId);

        assertEquals(2, result.disks().size());
        assertTrue(result.disks().stream().allMatch(d -> d.erasureId() != null && tag.equals(d.machineTag())));
        assertEquals(2, app.count("SELECT count(*) FROM erasures WHERE machine_id = " + machineId(tag)
                + " AND result = 'PASS' AND verified AND evidence_file_id = " + result.fileId()));
        expect(200, ready(tag));
    }

    @Test
    void aLogFromAnotherMachineIsRefusedWithTheSerialsFoundAndKnownAndLeavesNothing() {
        String here = serial("HERE");
        String there = serial("THERE");
        String tagHere = machineWith(here);
        String tagThere = machineWith(there);
        byte[] log = utf8(withSerial(text("nwipe-0.33/zero-verify-last.log"), "/dev/loop0", there));
        Map<String, Long> before = counts();

        HttpProblem p = assertThrows(HttpProblem.class, () -> service.importWipeReport(tagHere, "autre.log", log, techId));

        assertEquals(400, p.status().code(), "as shared/API.md says");
        assertEquals("Aucun disque de ce fichier ne correspond aux supports de la machine " + tagHere + " (n° de série "
                + "comparés sans tenir compte des majuscules ni des espaces). N° de série du fichier : " + there
                + ". Supports enregistrés sur la machine : " + here + " (WDC WD5000LPVX).", p.getMessage());
        assertEquals(before, counts(), "nothing archived, nothing recorded");

        EvidenceService.WipeImport bulk = service.importWipeReportAnyMachine("autre.log", log, techId);
        assertEquals(tagThere, bulk.disks().getFirst().machineTag(), "the bulk import finds its machine by serial alone");
        expect(200, ready(tagThere));
    }

    @Test
    void aBulkImportLeavesAmbiguousSerialsAndMachinesOutOfTheWorkshopUnpairedAndSaysWhy() {
        String unique = serial("U");
        String twice = serial("T");
        String tag = machineWith(unique);
        String first = machineWith(twice);
        String second = machineWith(twice);
        String log = withSerial(withSerial(text("nwipe-0.42/two-devices-prng-verify-all.log"), "/dev/loop0", unique), "/dev/loop1", twice);

        EvidenceService.WipeImport result = service.importWipeReportAnyMachine("nwipe_log_20261128-061859.txt", utf8(log), techId);

        assertEquals(tag, result.disks().get(0).machineTag());
        assertNull(result.disks().get(1).machineTag());
        assertEquals(List.of(twice), result.unmatchedSerials());
        assertEquals(List.of(result.disks().get(0).erasureId()), result.erasureIds());
        assertNull(result.disks().get(1).erasureId());
        assertTrue(result.notes().contains("Le n° de série " + twice + " est enregistré sur plusieurs machines (" + first
                + ", " + second + ") : importez ce fichier depuis la page de la bonne machine."), result.notes().toString());

        String nobody = serial("NOBODY");
        HttpProblem none = assertThrows(HttpProblem.class, () -> service.importWipeReportAnyMachine("x.log",
                utf8(withSerial(text("nwipe-0.33/zero-verify-last.log"), "/dev/loop0", nobody)), techId));
        assertTrue(none.getMessage().startsWith("Aucun disque de ce fichier ne correspond à un support enregistré"));
        assertTrue(none.getMessage().contains("N° de série du fichier : " + nobody + "."), none.getMessage());

        String received = Fixtures.intake(1).getFirst();
        HttpProblem early = assertThrows(HttpProblem.class, () -> service.importWipeReport(received, "x.log",
                utf8(withSerial(text("nwipe-0.33/zero-verify-last.log"), "/dev/loop0", serial("R"))), techId));
        assertEquals(409, early.status().code());
        assertTrue(early.getMessage().startsWith("Commencez le diagnostic de la machine " + received), early.getMessage());
        assertEquals(404, assertThrows(HttpProblem.class, () -> service.importWipeReport("PS-1999-99999", "x.log",
                utf8(text("nwipe-0.33/zero-verify-last.log")), techId)).status().code());
    }

    @Test
    void anAbortedWipeIsAFailureButNwipe035sAbortedLogOfAnErasedDiskIsAPass() {
        String aborted = serial("AB");
        String tag = machineWith(aborted);
        EvidenceService.WipeImport r = service.importWipeReport(tag, "aborted.log",
                utf8(withSerial(text("nwipe-0.42/aborted-sigint.log"), "/dev/loop2", aborted)), techId);
        assertEquals("Interrompu", r.disks().getFirst().status());
        assertEquals(1, app.count("SELECT count(*) FROM erasures WHERE id = " + r.disks().getFirst().erasureId()
                + " AND result = 'FAIL' AND passes = 10"));
        assertEquals(409, ready(tag).statusCode());

        String erased = serial("OK35");
        String tag035 = machineWith(erased);
        EvidenceService.WipeImport ok = service.importWipeReport(tag035, "nwipe-0.35.log",
                utf8(withSerial(text("nwipe-0.35/prng-verify-last.log"), "/dev/loop0", erased)), techId);
        assertEquals("Effacé", ok.disks().getFirst().status());
        assertTrue(ok.notes().getFirst().contains("nwipe 0.35"), ok.notes().toString());
        expect(200, ready(tag035));
    }

    @Test
    void aCertificatePdfWithAnEditedSerialRecordsTheErasure() {
        String disk = "P" + UUID.randomUUID().toString().replace("-", "").substring(0, 6).toUpperCase(Locale.ROOT);
        String tag = machineWith(disk);
        byte[] pdf = NwipeCertificateParserTest.withSerial(Samples.bytes(
                "shredos/nwipe_report_2026-11-28-06-19-07_Model_Loopback_device_Serial_Unknown_device_loop0.pdf"), disk);

        EvidenceService.WipeImport r = service.importWipeReport(tag, "nwipe_report.pdf", pdf, techId);

        assertEquals("nwipe 0.41.1", r.tool());
        assertEquals(tag, r.disks().getFirst().machineTag());
        assertEquals(1, app.count("SELECT count(*) FROM erasures e JOIN evidence_files f ON f.id = e.evidence_file_id "
                + "WHERE e.id = " + r.disks().getFirst().erasureId() + " AND f.kind = 'NWIPE_PDF' AND e.verified AND e.passes = 2"));
        expect(200, ready(tag));
    }

    @Test
    void anErasureWithoutVerificationIsRecordedButDoesNotClearTheGate() {
        String disk = serial("NV");
        String tag = machineWith(disk);
        String log = withSerial(text("nwipe-0.33/zero-verify-last.log"), "/dev/loop0", disk)
                .replace("verify   = 1 (last pass)", "verify   = 0 (off)").replace("1R+B+VL", "1R+B+NV");

        EvidenceService.WipeImport r = service.importWipeReport(tag, "noverify.log", utf8(log), techId);

        assertTrue(r.disks().getFirst().outcome().startsWith("Effacement enregistré (CLEAR), sans vérification"));
        assertEquals(409, ready(tag).statusCode());
    }

    @Test
    void aVerificationOnlyRunRecordsNoErasureButKeepsItsLine() {
        String disk = serial("VZ");
        String tag = machineWith(disk);
        EvidenceService.WipeImport r = service.importWipeReport(tag, "verify.log",
                utf8(withSerial(text("nwipe-0.33/verify_zero.log"), "/dev/loop0", disk)), techId);
        assertNull(r.disks().getFirst().erasureId());
        assertEquals("Rapproché : méthode de vérification seule, qui n'efface rien ; aucun effacement enregistré.",
                r.disks().getFirst().outcome());
        assertEquals(1, app.count("SELECT count(*) FROM evidence_devices WHERE evidence_file_id = " + r.fileId()
                + " AND erasure_id IS NULL AND machine_id = " + machineId(tag) + " AND method = 'Verify Zeros (0x00)'"));
        assertEquals(0, app.count("SELECT count(*) FROM erasures WHERE machine_id = " + machineId(tag)));
    }

    private String smartOf(String sample, String realSerial, String newSerial) {
        return text(sample).replace("\"" + realSerial + "\"", "\"" + newSerial + "\"");
    }

    private String smartHealth(String tag) {
        long id = machineId(tag);
        return app.app().database().inTransaction(tx -> SmartHealth.missing(tx, id));
    }

    @Test
    void aDiskFailingItsSmartAssessmentIsFlaggedAndBlocksUntilItIsDestroyed() {
        String failing = serial("MSK");
        String healthy = serial("S3YZ");
        String tag = machineWith(failing, healthy);
        byte[] bad = utf8(smartOf("smart/scrutiny/smart-fail2.json", "MSK423Y20S3HBC", failing));

        EvidenceService.SmartImport r = service.importSmart(tag, "smart-sdc.json", bad, techId);

        assertTrue(r.flagged());
        assertEquals(Boolean.FALSE, r.passed());
        assertEquals(failing, r.serial());
        assertEquals(1, app.count("SELECT count(*) FROM smart_reports WHERE serial = '" + failing
                + "' AND NOT passed AND reallocated_sectors = 1975 AND pending_sectors = 8 AND power_on_hours = 65592"));
        JsonObject event = lastEvent(tag);
        assertEquals("DIAGNOSIS", event.getString("kind"));
        assertTrue(event.getString("note").startsWith("Rapport SMART (smartctl 7.1) de " + failing), event.toString());
        assertEquals("disque en échec SMART à remplacer et détruire : " + failing + " (WDC WD5000LPVX)", smartHealth(tag));

        assertEquals(List.of("SMARTCTL_JSON"), service.filesOf(tag).stream().map(EvidenceService.EvidenceFile::kind).toList());
        assertEquals("application/json", service.file(r.fileId()).mediaType());

        EvidenceService.SmartImport ok = service.importSmart(tag, "smart-sda.json",
                utf8(smartOf("smart/scrutiny/smart-ata-full.json", "S3YZNB0KB00864E", healthy)), techId);
        assertFalse(ok.flagged());
        assertEquals("disque en échec SMART à remplacer et détruire : " + failing + " (WDC WD5000LPVX)", smartHealth(tag));

        // An erasure, even a verified one, does not lift it: the failing disk must be destroyed.
        service.importWipeReport(tag, "wipe.log", utf8(withSerial(withSerial(
                text("nwipe-0.42/two-devices-prng-verify-all.log"), "/dev/loop0", failing), "/dev/loop1", healthy)), techId);
        assertTrue(smartHealth(tag).contains(failing));
        expect(201, tech.postJson("/api/v1/machines/" + tag + "/erasures", Json.createObjectBuilder().add("device", failing)
                .add("method", "DESTROY").add("tool", "Broyeur HSM").add("passes", 0).add("verified", true)
                .add("result", "PASS").build()));
        assertNull(smartHealth(tag));

        Map<String, Long> before = counts();
        EvidenceService.SmartImport again = service.importSmart(tag, "encore.json", bad, techId);
        assertTrue(again.alreadyImported());
        assertEquals(r.fileId(), again.fileId());
        assertTrue(again.flagged());
        assertEquals(before, counts());
    }

    @Test
    void smartOutputsThatCannotBeUsedAreRefusedAndNothingIsWritten() {
        String disk = serial("NV1");
        String tag = machineWith(disk);
        Map<String, Long> before = counts();

        HttpProblem vm = assertThrows(HttpProblem.class, () -> service.importSmart(tag, "vda.json",
                Samples.bytes("smart/this-vm/smartctl-j-a-vda.json"), techId));
        assertTrue(vm.getMessage().startsWith("smartctl n'a pas pu lire ce disque (« /dev/vda: Unable to detect device type »)"));

        HttpProblem other = assertThrows(HttpProblem.class, () -> service.importSmart(tag, "nvme.json",
                Samples.bytes("smart/scrutiny/smart-nvme.json"), techId));
        assertEquals(400, other.status().code());
        assertEquals("Aucun disque de ce fichier ne correspond aux supports de la machine " + tag + " (n° de série "
                + "comparés sans tenir compte des majuscules ni des espaces). N° de série du fichier : BTNH93710FS91P0B. "
                + "Supports enregistrés sur la machine : " + disk + " (WDC WD5000LPVX).", other.getMessage());
        assertEquals(before, counts());
        assertNull(smartHealth(tag));
    }
}
