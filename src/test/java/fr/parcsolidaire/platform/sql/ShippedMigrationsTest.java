package fr.parcsolidaire.platform.sql;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The start-up's fast path over Flyway: it says "already migrated" only when the schema history holds exactly the
 * shipped migrations with Flyway's own checksums; in every other case Flyway decides, as before (applies what is
 * missing, refuses a migration that changed).
 */
class ShippedMigrationsTest {

    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private final String name = "parc_migrations_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final DatabaseCoordinates coordinates;

    ShippedMigrationsTest() throws SQLException {
        sql(ADMIN_URL, "CREATE DATABASE " + name);
        coordinates = new DatabaseCoordinates(ADMIN_URL.replace("/postgres", "/" + name), "postgres", "", null);
    }

    @AfterEach
    void drop() throws SQLException {
        sql(ADMIN_URL, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    @Test
    void everyMigrationOfSqlFolderIsListedWithFlywaysChecksum() throws IOException, SQLException {
        List<ShippedMigrations.Migration> shipped = ShippedMigrations.onClasspath();
        try (Stream<Path> files = Files.list(Path.of("sql"))) {
            assertEquals(files.filter(p -> p.getFileName().toString().matches("V.*__.*\\.sql")).count(), shipped.size());
        }
        assertFalse(ShippedMigrations.applied(coordinates, shipped), "an empty database has no schema history yet");
        Database.migrate(coordinates);
        // Flyway wrote its checksums: the fast path computes the same ones, for every file.
        assertTrue(ShippedMigrations.applied(coordinates, shipped));
    }

    @Test
    void aMissingMigrationIsLeftToFlywayWhichAppliesIt() throws SQLException {
        List<ShippedMigrations.Migration> shipped = ShippedMigrations.onClasspath();
        // The version before the last one shipped (numbers have gaps: V36 was never published).
        String beforeLast = shipped.stream().map(ShippedMigrations.Migration::version).map(Integer::parseInt)
                .sorted(java.util.Comparator.reverseOrder()).skip(1).findFirst().orElseThrow().toString();
        Flyway.configure().dataSource(coordinates.url(), coordinates.user(), coordinates.password())
                .locations("classpath:db/migration").target(beforeLast).load().migrate();
        assertFalse(ShippedMigrations.applied(coordinates, shipped));
        Database.migrate(coordinates);
        assertTrue(ShippedMigrations.applied(coordinates, shipped));
    }

    @Test
    void aMigrationChangedSinceItWasAppliedStillStopsTheStartWithFlywaysVerdict() throws SQLException {
        Database.migrate(coordinates);
        sql(coordinates.url(), "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '12'");
        assertFalse(ShippedMigrations.applied(coordinates, ShippedMigrations.onClasspath()));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Database.migrate(coordinates));
        assertTrue(refused.getMessage().startsWith("Impossible de préparer la base de données"), refused.getMessage());
        assertTrue(refused.getMessage().contains("checksum mismatch for migration version 12"), refused.getMessage());
    }

    @Test
    void aFailedOrUnknownMigrationInTheHistoryIsNotTakenForUpToDate() throws SQLException {
        Database.migrate(coordinates);
        List<ShippedMigrations.Migration> shipped = ShippedMigrations.onClasspath();
        sql(coordinates.url(), "UPDATE flyway_schema_history SET success = false WHERE version = '3'");
        assertFalse(ShippedMigrations.applied(coordinates, shipped));
        sql(coordinates.url(), "UPDATE flyway_schema_history SET success = true WHERE version = '3'");
        assertTrue(ShippedMigrations.applied(coordinates, shipped));
        // Applied by a newer jar: this one does not know it (Flyway lets an older jar start on it, as before).
        sql(coordinates.url(), """
                INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
                                                   installed_by, execution_time, success)
                SELECT max(installed_rank) + 1, '999', 'from a newer jar', 'SQL', 'V999__from_a_newer_jar.sql', 1,
                       'postgres', 1, true FROM flyway_schema_history""");
        assertFalse(ShippedMigrations.applied(coordinates, shipped));
    }

    @Test
    void migrationsAreListedFromAJarToo(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("service.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, "db/migration/after-migration.properties", "");
            put(out, "db/migration/V1__first.sql", "CREATE TABLE a (id int);\r\nSELECT 1;\r\n");
            put(out, "db/migration/V2_1__second_part.sql", "\uFEFFCREATE TABLE b (id int);\nSELECT 1;\n");
            put(out, "db/migration/notes.txt", "not a migration");
            put(out, "db/migration/old/V9__elsewhere.sql", "SELECT 9;");
            put(out, "statements/V3__not_here.sql", "SELECT 3;");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            List<ShippedMigrations.Migration> listed = ShippedMigrations.on(loader);
            assertEquals(List.of("V1__first.sql", "V2_1__second_part.sql"), listed.stream().map(ShippedMigrations.Migration::script).toList());
            assertEquals(List.of("1", "2.1"), listed.stream().map(ShippedMigrations.Migration::version).toList());
            // Line endings and the byte-order mark do not count, as in Flyway.
            assertEquals(crcOfLines("CREATE TABLE a (id int);", "SELECT 1;"), listed.get(0).checksum());
            assertEquals(crcOfLines("CREATE TABLE b (id int);", "SELECT 1;"), listed.get(1).checksum());
        }
    }

    private static int crcOfLines(String... lines) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        for (String line : lines) {
            crc.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return (int) crc.getValue();
    }

    private static void put(JarOutputStream out, String name, String text) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    private static void sql(String url, String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }
}
