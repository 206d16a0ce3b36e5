package fr.parcsolidaire.acceptance;

import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.PasswordHasher;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL becomes unreachable under a running service, then comes back: meanwhile a clear French 503
 * (page and API) and /health DOWN; afterwards everything works again without restarting the service.
 */
class DatabaseOutageTest {

    @Test
    void theServiceAnswers503WhileTheDatabaseIsAwayAndRecoversAlone() throws Exception {
        String database = ScratchApp.createDatabase();
        try (TcpProxy proxy = new TcpProxy(5432);
             ScratchApp scratch = ScratchApp.start("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database, database,
                     Map.of("db.connection-timeout", "PT1S"))) {
            ScratchApp.sql(ScratchApp.url(database), "INSERT INTO users (username, display_name, role, password_hash) VALUES ('"
                    + ScratchApp.ADMIN_USER + "', 'Admin', 'ADMIN', '" + PasswordHasher.hash(TestApp.PASSWORD) + "')");
            String token = scratch.token(ScratchApp.ADMIN_USER);
            assertEquals(200, scratch.get("/machines", token).statusCode());
            assertEquals(200, scratch.get("/api/v1/sites", token).statusCode());

            proxy.cut();

            long start = System.nanoTime();
            HttpResponse<String> page = scratch.get("/machines", token);
            assertEquals(503, page.statusCode(), page.body());
            assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
            assertTrue(page.body().contains("Service momentanément indisponible"), page.body());
            assertTrue(page.body().contains("La base de données est momentanément indisponible"), page.body());
            assertTrue(!page.body().contains("Exception"));
            assertTrue(page.headers().firstValue("Retry-After").isPresent());
            assertTrue(System.nanoTime() - start < 10_000_000_000L, "answered within seconds, not hung");

            HttpResponse<String> api = scratch.get("/api/v1/sites", token);
            assertEquals(503, api.statusCode(), api.body());
            assertEquals("unavailable", Http.json(api).getString("error"));
            assertTrue(Http.json(api).getString("message").contains("momentanément indisponible"));

            HttpResponse<String> health = scratch.get("/health", null);
            assertEquals(503, health.statusCode(), health.body());
            assertEquals("DOWN", Http.json(health).getString("status"));

            assertEquals(200, scratch.get("/login", null).statusCode(), "pages that need no data still open");

            proxy.restore();

            long deadline = System.nanoTime() + 20_000_000_000L;
            int status = 0;
            while (System.nanoTime() < deadline && (status = scratch.get("/api/v1/sites", token).statusCode()) != 200) {
                Thread.sleep(200);
            }
            assertEquals(200, status, "recovered without a restart");
            assertEquals(200, scratch.get("/machines", token).statusCode());
            HttpResponse<String> up = scratch.get("/health", null);
            assertEquals(200, up.statusCode(), up.body());
            assertEquals("UP", Http.json(up).getString("status"));
        }
    }
}
