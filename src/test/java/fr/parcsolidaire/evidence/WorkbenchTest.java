package fr.parcsolidaire.evidence;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static fr.parcsolidaire.evidence.Samples.text;
import static fr.parcsolidaire.evidence.Samples.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The workbench script, for real: a technician prepares a token on the machine's page, the script is downloaded with
 * it and run with bash on this machine (lshw and smartmontools installed, no disk named: nothing is wiped) against
 * the running service. The token is good for its machine's posts only, for a while, and every use is journaled.
 */
class WorkbenchTest {

    private static final Pattern CODE = Pattern.compile("id=\"workbench-code\">([A-Z0-9-]{14})<");

    private final TestApp app = TestApp.get();

    /** Prepares a token on the machine's page, as a technician does, and returns the code the page shows once. */
    private static String prepare(String tag) {
        Http browser = Http.browser(Role.TECHNICIAN);
        HttpResponse<String> page = browser.postForm("/m/" + tag + "/workbench", Map.of());
        assertEquals(200, page.statusCode(), page.body());
        Matcher m = CODE.matcher(page.body());
        assertTrue(m.find(), "the page shows the code");
        assertTrue(page.body().contains("<svg"), "and its QR code");
        assertTrue(page.body().contains("--machine " + tag + " --code " + m.group(1)), "and the command to type");
        return m.group(1);
    }

    private static Http token(String code) {
        return Http.apiWithToken(code);
    }

    private record Run(int exit, String out) {
    }

    private Run script(Path script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null"))).start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the script ends");
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private Path download(String code) throws IOException {
        Http http = token(code);
        HttpResponse<byte[]> r = http.send(http.request("/workbench.sh").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        try (var in = WorkbenchTest.class.getResourceAsStream("/evidence/workbench.sh")) {
            assertArrayEquals(in.readAllBytes(), r.body(), "the script served is the file of the repository");
        }
        Path file = Files.createTempFile("workbench", ".sh");
        Files.write(file, r.body());
        return file;
    }

    @Test
    void theScriptRunOnThisMachinePostsItsHardwareAndSaysWhenNoDiskGivesSmartData() throws Exception {
        String tag = Fixtures.intake(1).getFirst();
        String code = prepare(tag);
        Path script = download(code);

        Run run = script(script, "--server", app.baseUrl(), "--machine", tag.toLowerCase(), "--code", code.toLowerCase());

        assertEquals(0, run.exit(), run.out());
        assertTrue(run.out().contains("Inventaire matériel (lshw)…"), run.out());
        assertTrue(run.out().contains("reçu (200)"), run.out());
        JsonObject machine = Http.json(Http.api(Role.TECHNICIAN).get("/api/v1/machines/" + tag));
        var events = machine.getJsonArray("events");
        assertTrue(events.stream().anyMatch(e -> e.asJsonObject().getString("kind").equals("HARDWARE_IMPORT")), machine.toString());
        assertTrue(machine.containsKey("cpu"), "lshw of this machine filled the processor: " + machine);
        long smart = app.count("SELECT count(*) FROM smart_reports r JOIN machines m ON m.id = r.machine_id WHERE m.tag = '" + tag + "'");
        if (smart == 0) {
            // This VM's disk gives no SMART data: the script says so rather than posting what the service would refuse.
            assertTrue(run.out().contains("Pas de données SMART pour") || run.out().contains("Aucun disque SMART trouvé"), run.out());
        }
        assertTrue(app.count("SELECT count(*) FROM workbench_token_uses u JOIN workbench_tokens t ON t.id = u.token_id "
                + "JOIN machines m ON m.id = t.machine_id WHERE m.tag = '" + tag + "' AND u.accepted AND u.method = 'POST' "
                + "AND u.path = '/api/v1/machines/" + tag + "/hardware'") >= 1, "the use is journaled");
        assertTrue(Http.browser(Role.TECHNICIAN).get("/m/" + tag).body().contains("utilisé "), "the page lists the token in force");
    }

    @Test
    void theScriptRefusesNwipeWithoutAnExplicitDeviceList() throws Exception {
        String tag = Fixtures.intake(1).getFirst();
        String code = prepare(tag);
        Path script = download(code);
        long uses = app.count("SELECT count(*) FROM workbench_token_uses");

        for (List<String> wipe : List.of(List.of("--wipe"), List.of("--wipe", "--no-smart"), List.of("--autonuke"),
                List.of("--wipe-all"))) {
            List<String> args = new ArrayList<>(List.of("--server", app.baseUrl(), "--machine", tag, "--code", code));
            args.addAll(wipe);
            Run run = script(script, args.toArray(String[]::new));
            assertEquals(2, run.exit(), wipe + ": " + run.out());
            assertTrue(run.out().contains("jamais"), run.out());
        }
        assertEquals(uses, app.count("SELECT count(*) FROM workbench_token_uses"), "refused before any request");

        // A named disk still needs the typed confirmation: without a terminal, nothing is wiped.
        Run noTty = script(script, "--server", app.baseUrl(), "--machine", tag, "--code", code, "--no-smart",
                "--wipe", "/dev/nonexistent-disk");
        assertTrue(noTty.exit() != 0, noTty.out());
        assertTrue(noTty.out().contains("rien n'a été effacé"), noTty.out());
    }

    @Test
    void aTokenIsGoodForItsMachinesPostsOnlyUntilItExpiresOrIsRevoked() {
        String tagA = Fixtures.intake(1).getFirst();
        String tagB = Fixtures.intake(1).getFirst();
        String code = prepare(tagA);
        Http a = token(code);

        assertEquals(200, a.get("/api/v1/machines/" + tagA).statusCode());
        HttpResponse<String> other = a.get("/api/v1/machines/" + tagB);
        assertEquals(403, other.statusCode());
        assertEquals("Ce jeton du poste de travail ne vaut que pour la machine " + tagA
                + " (envoi du matériel, des rapports SMART et des journaux nwipe).", Http.json(other).getString("message"));
        HttpResponse<String> posted = a.send(a.request("/api/v1/machines/" + tagB + "/smart").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text("smart/scrutiny/smart-fail2.json"))).build());
        assertEquals(403, posted.statusCode());
        assertEquals(403, a.get("/api/v1/machines").statusCode(), "not even the list");
        assertEquals(403, a.send(a.request("/api/v1/machines/" + tagA + "/transitions").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"IN_DIAGNOSIS\"}")).build()).statusCode(),
                "nor a workshop step on its own machine");
        assertEquals(401, Http.apiWithToken("ABCD-EFGH-JKLM").get("/api/v1/machines/" + tagA).statusCode());

        app.sql("UPDATE workbench_tokens SET created_at = now() - interval '3 hours', expires_at = now() - interval '1 hour' "
                + "WHERE machine_id = (SELECT id FROM machines WHERE tag = '" + tagA + "')");
        HttpResponse<String> expired = a.get("/api/v1/machines/" + tagA);
        assertEquals(401, expired.statusCode());
        assertTrue(Http.json(expired).getString("message").startsWith("Ce jeton du poste de travail a expiré le "),
                expired.body());
        HttpResponse<String> script = a.get("/workbench.sh");
        assertEquals(401, script.statusCode(), "the script too, as a page");
        assertTrue(script.body().contains("a expiré le "), script.body());
        assertEquals(2, app.count("SELECT count(*) FROM workbench_token_uses u JOIN workbench_tokens t ON t.id = u.token_id "
                + "JOIN machines m ON m.id = t.machine_id WHERE m.tag = '" + tagA + "' AND NOT u.accepted"),
                "each refused use is journaled once");

        String second = prepare(tagA);
        long id = app.count("SELECT max(t.id) FROM workbench_tokens t JOIN machines m ON m.id = t.machine_id WHERE m.tag = '" + tagA + "'");
        Http browser = Http.browser(Role.TECHNICIAN);
        HttpResponse<String> revoke = browser.postForm("/m/" + tagA + "/workbench/" + id + "/revoke", Map.of());
        assertEquals(303, revoke.statusCode(), revoke.body());
        assertEquals(409, browser.postForm("/m/" + tagA + "/workbench/" + id + "/revoke", Map.of()).statusCode(),
                "a second revocation changes nothing");
        HttpResponse<String> revoked = token(second).get("/api/v1/machines/" + tagA);
        assertEquals(401, revoked.statusCode());
        assertTrue(Http.json(revoked).getString("message").startsWith("Ce jeton du poste de travail a été révoqué le "));
        assertEquals(1, app.count("SELECT count(*) FROM workbench_tokens WHERE id = " + id + " AND revoked_by = (SELECT id FROM users "
                + "WHERE username = '" + app.username(Role.TECHNICIAN) + "')"));
        assertFalse(browser.get("/m/" + tagA).body().contains("Révoquer"), "no token left in force");
    }

    @Test
    void onlyTechniciansAndAdministratorsPrepareATokenAndItIsKeptAsAHashOnly() {
        String tag = Fixtures.intake(1).getFirst();
        for (Role role : List.of(Role.SOCIAL_WORKER, Role.COORDINATOR)) {
            assertEquals(403, Http.browser(role).postForm("/m/" + tag + "/workbench", Map.of()).statusCode());
        }
        HttpResponse<String> ready = Http.browser(Role.TECHNICIAN).postForm("/m/" + Fixtures.readyMachine() + "/workbench", Map.of());
        assertEquals(409, ready.statusCode(), "a machine out of the workshop gets no token");
        String code = prepare(tag);
        assertEquals(0, app.count("SELECT count(*) FROM workbench_tokens WHERE encode(token_hash, 'escape') LIKE '%"
                + code.replace("-", "") + "%'"));
        assertEquals(1, app.count("SELECT count(*) FROM workbench_tokens WHERE token_hash = sha256('" + code.replace("-", "") + "')"));
        HttpResponse<String> notLshw = EvidenceApiTest.post(token(code), "/api/v1/machines/" + tag + "/hardware",
                "application/json", utf8("{}"));
        assertEquals(400, notLshw.statusCode(), "past the guard, refused by the route itself: " + notLshw.body());
        assertEquals("Ce JSON ne ressemble pas à la sortie de « lshw -json ».", Http.json(notLshw).getString("message"));
    }
}
