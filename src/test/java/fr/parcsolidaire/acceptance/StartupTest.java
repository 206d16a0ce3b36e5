package fr.parcsolidaire.acceptance;

import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.DatabaseCoordinates;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A start the settings or the database refuse, as a person sees it: one French sentence on the error output, nothing else. */
class StartupTest {

    @Test
    void demoDataInProductionStopsTheStartWithOneFrenchSentence() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), "fr.parcsolidaire.Main"));
        pb.environment().put("APP_MODE", "production");
        pb.environment().put("DEMO", "true");
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the refused start ends by itself");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.exitValue());
        assertEquals("", out);
        assertEquals("Données de démonstration refusées en mode production : retirez DEMO=true (ou --demo) ou APP_MODE=production.\n",
                err);
    }

    /** The start-up's shortcut over Flyway (platform/sql/ShippedMigrations) must not let a changed migration through. */
    @Test
    void aMigrationChangedSinceItWasAppliedStopsTheStartWithAFrenchSentence() throws IOException, InterruptedException {
        String database = ScratchApp.createDatabase();
        try {
            Database.migrate(new DatabaseCoordinates(ScratchApp.url(database), "postgres", "", null));
            ScratchApp.sql(ScratchApp.url(database), "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '12'");
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), "fr.parcsolidaire.Main"));
            pb.environment().put("DATABASE_URL", ScratchApp.url(database));
            pb.environment().put("DATABASE_USER", "postgres");
            pb.environment().put("SERVER_PORT", "0");
            pb.environment().remove("DEMO");
            Process p = pb.start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the refused start ends by itself");
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(1, p.exitValue());
            assertEquals("", out);
            assertTrue(err.startsWith("Impossible de préparer la base de données jdbc:postgresql://127.0.0.1:5432/" + database + " : "), err);
            assertTrue(err.contains("checksum mismatch for migration version 12"), err);
            assertFalse(err.contains("\tat "), "no stack trace: " + err);
        } finally {
            ScratchApp.dropDatabase(database);
        }
    }
}
