package fr.parcsolidaire.platform.sql;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The migrations this jar ships (sql/, copied to db/migration on the classpath) and whether a database has exactly
 * them applied, read in one query of Flyway's schema history: the start-up's fast path. Starting Flyway to find that
 * nothing is to be done cost about half a second of a one-second start-up (its plugins, its classpath scanning, its
 * queries, all run cold); when anything differs (a migration to apply, a changed or unknown one, a failed one, a
 * baseline), {@link Database#migrate} lets Flyway decide as before, so Flyway's verdicts are unchanged.
 */
final class ShippedMigrations {

    private static final String DIRECTORY = "db/migration";
    /** Flyway's versioned migrations: V, a version, two underscores, a description. */
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__.+\\.sql");

    /** One migration file: its version as Flyway writes it, its file name and Flyway's checksum of it. */
    record Migration(String version, String script, int checksum) {
    }

    private ShippedMigrations() {
    }

    /**
     * Whether the database's schema history holds exactly {@code shipped}, each applied successfully with the same
     * file name and checksum, and nothing else. Any doubt answers false: Flyway then decides.
     */
    static boolean applied(DatabaseCoordinates coordinates, List<Migration> shipped) {
        if (shipped.isEmpty()) {
            return false;
        }
        Map<String, Migration> byVersion = new HashMap<>();
        for (Migration m : shipped) {
            byVersion.put(m.version(), m);
        }
        String query = Statements.text(Database.STATEMENTS, "schema-history");
        try (Connection c = DriverManager.getConnection(coordinates.url(), coordinates.user(), coordinates.password());
             Statement st = c.createStatement();
             ResultSet rows = st.executeQuery(query)) {
            int count = 0;
            while (rows.next()) {
                count++;
                Migration expected = byVersion.remove(rows.getString("version"));
                if (expected == null || !"SQL".equals(rows.getString("type")) || !rows.getBoolean("success")
                        || !expected.script().equals(rows.getString("script"))
                        || rows.getObject("checksum") == null || expected.checksum() != rows.getInt("checksum")) {
                    return false;
                }
            }
            return count == shipped.size() && byVersion.isEmpty();
        } catch (SQLException e) {
            // No schema history yet (an empty database), or no connection: Flyway says what to do, or why not.
            return false;
        }
    }

    /** The versioned migrations on the classpath; empty when they cannot be listed (Flyway then looks itself). */
    static List<Migration> onClasspath() {
        return on(ShippedMigrations.class.getClassLoader());
    }

    /**
     * Those of {@code loader}. Plain loops rather than streams and lambdas here and below: each lambda's class is made
     * when first used, and this code runs once, at start-up, where that is most of its cost.
     */
    static List<Migration> on(ClassLoader loader) {
        List<Migration> migrations = new ArrayList<>();
        for (String name : names(loader)) {
            Matcher m = VERSIONED.matcher(name);
            if (m.matches()) {
                migrations.add(new Migration(m.group(1).replace('_', '.'), name, checksum(loader, DIRECTORY + "/" + name)));
            }
        }
        return migrations;
    }

    /** File names under db/migration, in the jar or in a classes directory (tests). */
    private static List<String> names(ClassLoader loader) {
        URL list = loader.getResource(MigrationVacuum.LIST);
        if (list == null) {
            return List.of();
        }
        try {
            List<String> names = new ArrayList<>();
            if (list.openConnection() instanceof JarURLConnection jar) {
                String prefix = DIRECTORY + "/";
                for (Enumeration<JarEntry> entries = jar.getJarFile().entries(); entries.hasMoreElements(); ) {
                    String name = entries.nextElement().getName();
                    if (name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0) {
                        names.add(name.substring(prefix.length()));
                    }
                }
            } else if ("file".equals(list.getProtocol())) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(list.toURI()).getParent())) {
                    for (Path file : files) {
                        names.add(file.getFileName().toString());
                    }
                }
            }
            return names;
        } catch (IOException | URISyntaxException e) {
            return List.of();
        }
    }

    /**
     * Flyway's checksum of a migration: CRC-32 of the UTF-8 bytes of each line without its line break (so the
     * line endings do not count), a byte-order mark left out.
     */
    static int checksum(ClassLoader loader, String resource) {
        CRC32 crc = new CRC32();
        InputStream in = loader.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("Missing resource " + resource);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line = reader.readLine();
            if (line != null && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            for (; line != null; line = reader.readLine()) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (int) crc.getValue();
    }
}
