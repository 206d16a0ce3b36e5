package fr.parcsolidaire.evidence;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static fr.parcsolidaire.Fixtures.expect;
import static fr.parcsolidaire.evidence.Samples.text;
import static fr.parcsolidaire.evidence.Samples.utf8;
import static fr.parcsolidaire.evidence.Samples.withSerial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The machine page keeps its "Preuves d'effacement" section in memory beside the record (docs/performance.md,
 * issue 18): files, SMART health and workbench tokens, changed through the service or in SQL on another connection,
 * show on the next page view; tokens only to those who may use them, and never once expired.
 */
class EvidencePagePartsTest {

    private final TestApp app = TestApp.get();
    private final Http tech = Http.api(Role.TECHNICIAN);

    private static String page(Role role, String tag) {
        return expect(200, Http.browser(role).get("/m/" + tag)).body();
    }

    private static void viewAll(String tag) {
        for (Role role : List.of(Role.TECHNICIAN, Role.SOCIAL_WORKER, Role.ADMIN)) {
            page(role, tag);
            page(role, tag);
        }
    }

    private static String serial() {
        return "MSK" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase(Locale.ROOT);
    }

    @Test
    void filesAndSmartHealthShowAtOnceWhetherImportedOrWrittenInSql() {
        String disk = serial();
        String tag = EvidenceApiTest.machineWith(tech, disk);
        viewAll(tag);
        assertTrue(page(Role.TECHNICIAN, tag).contains("Aucun fichier importé"));

        byte[] log = utf8(withSerial(text("nwipe-0.42/zero-verify-last.log"), "/dev/loop0", disk));
        expect(201, EvidenceApiTest.post(tech, "/api/v1/machines/" + tag + "/erasure-logs?name=memoire-page.log", "text/plain", log));
        for (Role role : List.of(Role.TECHNICIAN, Role.SOCIAL_WORKER, Role.ADMIN)) {
            assertTrue(page(role, tag).contains("memoire-page.log"), role + ": the imported log, at once");
        }

        byte[] bad = utf8(text("smart/scrutiny/smart-fail2.json").replace("\"MSK423Y20S3HBC\"", "\"" + disk + "\""));
        expect(200, EvidenceApiTest.post(tech, "/api/v1/machines/" + tag + "/smart?name=smart-memoire.json", "application/json", bad));
        String failing = page(Role.TECHNICIAN, tag);
        assertTrue(failing.contains("SMART en échec : à remplacer et détruire") && failing.contains("smart-memoire.json"), failing);

        // A later report that passes, written in SQL as psql would (a copy of the last one, now passing).
        app.sql("INSERT INTO smart_reports (evidence_file_id, machine_id, storage_device_id, protocol, model, serial, passed, imported_by) "
                + "SELECT evidence_file_id, machine_id, storage_device_id, protocol, model, serial, true, imported_by "
                + "FROM smart_reports WHERE serial = '" + disk + "'");
        String passing = page(Role.TECHNICIAN, tag);
        assertTrue(passing.contains("SMART correct") && !passing.contains("SMART en échec"), passing);
    }

    @Test
    void tokensShowToThoseWhoWriteUntilUsedRevokedOrExpired() throws Exception {
        String tag = Fixtures.intake(1).getFirst();
        expect(200, Fixtures.transition(tech, tag, jakarta.json.Json.createObjectBuilder().add("to", "IN_DIAGNOSIS").build()));
        viewAll(tag);
        assertFalse(page(Role.TECHNICIAN, tag).contains("Jeton préparé par"));

        HttpResponse<String> prepared = Http.browser(Role.TECHNICIAN).postForm("/m/" + tag + "/workbench", Map.of());
        assertEquals(200, prepared.statusCode(), prepared.body());
        String code = prepared.body().replaceAll("(?s).*id=\"workbench-code\">([A-Z0-9-]{14})<.*", "$1");
        assertTrue(page(Role.TECHNICIAN, tag).contains("(utilisé 0 fois)"), "the new token, at once");
        assertTrue(page(Role.ADMIN, tag).contains("(utilisé 0 fois)"));
        assertFalse(page(Role.SOCIAL_WORKER, tag).contains("Jeton préparé par"), "not for those who cannot use it");

        assertEquals(200, Http.apiWithToken(code).get("/api/v1/machines/" + tag).statusCode());
        assertTrue(page(Role.TECHNICIAN, tag).contains("(utilisé 1 fois)"), "its use counts at once");

        app.sql("UPDATE workbench_tokens SET revoked_at = now(), revoked_by = created_by "
                + "WHERE machine_id = (SELECT id FROM machines WHERE tag = '" + tag + "')");
        assertFalse(page(Role.TECHNICIAN, tag).contains("Jeton préparé par"), "revoked in SQL");

        expect(200, Http.browser(Role.TECHNICIAN).postForm("/m/" + tag + "/workbench", Map.of()));
        app.sql("UPDATE workbench_tokens SET expires_at = now() + interval '2 seconds' "
                + "WHERE revoked_at IS NULL AND machine_id = (SELECT id FROM machines WHERE tag = '" + tag + "')");
        assertTrue(page(Role.TECHNICIAN, tag).contains("Jeton préparé par"), "in force for two more seconds");
        Thread.sleep(2_500);
        // Nothing announces an expiry: the page drops the token when it is drawn.
        assertFalse(page(Role.TECHNICIAN, tag).contains("Jeton préparé par"), "expired");
    }
}
