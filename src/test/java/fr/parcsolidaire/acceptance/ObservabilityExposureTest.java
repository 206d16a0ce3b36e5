package fr.parcsolidaire.acceptance;

import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.PasswordHasher;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * /health and /metrics tell outsiders nothing but UP or DOWN; the details, in French, and the metrics are served
 * on the management port only. A database password, given in the URL and as the password setting, appears in no
 * answer, no log line and no start-up error, while PostgreSQL is away.
 */
class ObservabilityExposureTest {

    private static final String SECRET = "MotDePasse" + UUID.randomUUID().toString().replace("-", "");

    @Test
    void whileTheDatabaseIsDownNoAnswerAndNoLogLineShowsItsPassword() throws Exception {
        String database = ScratchApp.createDatabase();
        try (LogCapture logs = LogCapture.start();
             TcpProxy proxy = new TcpProxy(5432);
             ScratchApp scratch = ScratchApp.start("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database
                             + "?password=" + SECRET + "&ApplicationName=parc", database,
                     Map.of("db.connection-timeout", "PT1S", "db.connection.password", SECRET, "app.management.port", "0"))) {
            ScratchApp.sql(ScratchApp.url(database), "INSERT INTO users (username, display_name, role, password_hash) VALUES ('"
                    + ScratchApp.ADMIN_USER + "', 'Admin', 'ADMIN', '" + PasswordHasher.hash(TestApp.PASSWORD) + "')");
            String token = scratch.token(ScratchApp.ADMIN_USER);

            HttpResponse<String> up = scratch.get("/health", null);
            assertEquals(200, up.statusCode(), up.body());
            assertOnlyStatus("UP", up);

            proxy.cut();

            HttpResponse<String> down = scratch.get("/health", null);
            assertEquals(503, down.statusCode(), down.body());
            assertOnlyStatus("DOWN", down);
            assertNoSecret(down.body());
            // Signed in or not, the public port gives no details.
            HttpResponse<String> downForAdmin = scratch.get("/health", token);
            assertOnlyStatus("DOWN", downForAdmin);

            HttpResponse<String> api = scratch.get("/api/v1/sites", token);
            assertEquals(503, api.statusCode(), api.body());
            assertNoSecret(api.body());
            HttpResponse<String> page = scratch.get("/machines", token);
            assertEquals(503, page.statusCode(), page.body());
            assertNoSecret(page.body());

            HttpResponse<String> details = management(scratch, "/health");
            assertEquals(503, details.statusCode(), details.body());
            JsonObject check = Http.json(details).getJsonArray("checks").getJsonObject(0);
            assertEquals("database", check.getString("name"));
            assertEquals("DOWN", check.getString("status"));
            assertTrue(check.getJsonObject("data").getString("message").startsWith("La base de données"), details.body());
            assertNoSecret(details.body());

            proxy.restore();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() < deadline && scratch.get("/health", null).statusCode() != 200) {
                Thread.sleep(200);
            }
            assertOnlyStatus("UP", scratch.get("/health", null));
            scratch.stop();
            assertTrue(logs.text().contains("interrompue"), "the outage was logged: " + logs.text());
            assertNoSecret(logs.text());
        }
    }

    @Test
    void metricsAndHealthDetailsAreServedOnTheManagementPortOnly() {
        assertEquals(404, Http.anonymous().get("/metrics").statusCode());
        assertEquals(404, Http.api(fr.parcsolidaire.platform.security.Role.ADMIN).get("/metrics").statusCode());
        try (ScratchApp scratch = ScratchApp.fresh(Map.of("app.management.port", "0"))) {
            assertEquals(404, scratch.get("/metrics", null).statusCode());
            HttpResponse<String> metrics = management(scratch, "/metrics");
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("jvm_uptime_seconds"), metrics.body());
            HttpResponse<String> health = management(scratch, "/health");
            assertEquals(200, health.statusCode(), health.body());
            assertEquals("UP", Http.json(health).getJsonArray("checks").getJsonObject(0).getString("status"));
        }
    }

    @Test
    void aStartRefusedForItsDatabaseNamesNoPassword() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (LogCapture logs = LogCapture.start()) {
            RuntimeException refused = assertThrows(RuntimeException.class, () -> ScratchApp.start(
                    "jdbc:postgresql://postgres:" + SECRET + "@127.0.0.1:" + closed + "/parc?password=" + SECRET, null,
                    Map.of("db.connection.password", SECRET)));
            StringWriter trace = new StringWriter();
            refused.printStackTrace(new PrintWriter(trace));
            assertNoSecret(trace.toString());
            assertNoSecret(logs.text());
        }
    }

    private static void assertOnlyStatus(String status, HttpResponse<String> r) {
        JsonObject body = Http.json(r);
        assertEquals(Set.of("status"), body.keySet(), r.body());
        assertEquals(status, body.getString("status"));
    }

    private static void assertNoSecret(String text) {
        assertFalse(text.contains(SECRET), "the password was printed: " + text);
    }

    private static HttpResponse<String> management(ScratchApp scratch, String path) {
        int port = scratch.app().server().port("management");
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
