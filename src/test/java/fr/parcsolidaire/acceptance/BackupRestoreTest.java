package fr.parcsolidaire.acceptance;

import fr.parcsolidaire.Http;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The procedure of docs/operations.md: pg_dump -Fc, pg_restore into a new database, run the service on it. */
class BackupRestoreTest {

    @Test
    void aDumpRestoredIntoAFreshDatabaseServesTheSameMachines() throws Exception {
        Path dump = Files.createTempFile("parc-backup", ".dump");
        String tag;
        long events;
        String source;
        try (ScratchApp original = ScratchApp.fresh(Map.of())) {
            String token = original.token(ScratchApp.ADMIN_USER);
            var r = original.postJson("/api/v1/donations", "{\"donor\":{\"name\":\"Mairie de Pantin\",\"kind\":\"PUBLIC_BODY\"},"
                    + "\"receivedOn\":\"" + LocalDate.now() + "\",\"site\":\"atelier\",\"machines\":[{\"type\":\"LAPTOP\","
                    + "\"brand\":\"Dell\",\"model\":\"Latitude 5490 sauvegardé\",\"serial\":\"BK-" + System.nanoTime() + "\"}]}", token);
            assertEquals(201, r.statusCode(), r.body());
            tag = Http.json(r).getJsonArray("machines").getJsonObject(0).getString("tag");
            assertEquals(200, original.postJson("/api/v1/machines/" + tag + "/transitions", "{\"to\":\"IN_DIAGNOSIS\"}", token).statusCode());
            source = original.app().database().coordinates().url();
            events = ScratchApp.count(source, "SELECT count(*) FROM machine_events");
            run(List.of("/usr/bin/pg_dump", "-Fc", "-h", "127.0.0.1", "-U", "postgres", "-f", dump.toString(), dbName(source)));
        }
        assertTrue(Files.size(dump) > 1000);

        String restored = ScratchApp.createDatabase();
        run(List.of("/usr/bin/pg_restore", "--no-owner", "--exit-on-error", "-h", "127.0.0.1", "-U", "postgres",
                "-d", restored, dump.toString()));
        try (ScratchApp again = ScratchApp.start(ScratchApp.url(restored), restored, Map.of())) {
            String token = again.token(ScratchApp.ADMIN_USER);
            var machine = again.get("/api/v1/machines/" + tag, token);
            assertEquals(200, machine.statusCode(), machine.body());
            assertEquals("Latitude 5490 sauvegardé", Http.json(machine).getString("model"));
            assertEquals("IN_DIAGNOSIS", Http.json(machine).getString("state"));
            var page = again.get("/m/" + tag, token);
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("Mairie de Pantin") || page.body().contains("Latitude 5490 sauvegardé"));
            assertEquals(events, ScratchApp.count(ScratchApp.url(restored), "SELECT count(*) FROM machine_events"));
            // New work continues on the restored copy: identity sequences came back with the data.
            assertEquals(201, again.postJson("/api/v1/machines/" + tag + "/no-storage", "{\"note\":\"aucun support\"}", token).statusCode());
            assertEquals(200, again.postJson("/api/v1/machines/" + tag + "/transitions",
                    "{\"to\":\"SCRAPPED\",\"weightKg\":2.1,\"channel\":\"Ecosystem\"}", token).statusCode());
        } finally {
            Files.deleteIfExists(dump);
        }
    }

    private static String dbName(String jdbcUrl) {
        return jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), command.getFirst() + ": " + output);
    }
}
