package fr.parcsolidaire.platform.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * VACUUM (ANALYZE) after a migration that rewrote many rows, as sql/after-migration.properties lists them
 * (migration version = tables): until rewritten rows are vacuumed, index-only scans visit them again, and
 * autovacuum may be off or late. VACUUM cannot run inside a migration's transaction, so it runs here, once,
 * right after Flyway applied that migration.
 */
final class MigrationVacuum {

    /** Beside the migrations: {@link ShippedMigrations} finds their folder through it. */
    static final String LIST = "db/migration/after-migration.properties";
    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]*");

    private MigrationVacuum() {
    }

    static void afterMigrations(DatabaseCoordinates coordinates, Collection<String> appliedVersions) {
        Properties vacuums = load();
        for (String version : appliedVersions) {
            String tables = vacuums.getProperty(version);
            if (tables != null) {
                vacuum(coordinates, List.of(tables.split("\\s*,\\s*")));
            }
        }
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = MigrationVacuum.class.getClassLoader().getResourceAsStream(LIST)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private static void vacuum(DatabaseCoordinates coordinates, List<String> tables) {
        try (Connection c = DriverManager.getConnection(coordinates.url(), coordinates.user(), coordinates.password());
             Statement st = c.createStatement()) {
            for (String table : tables) {
                if (!TABLE.matcher(table).matches()) {
                    throw new IllegalArgumentException("table " + table + " in " + LIST);
                }
                // Identifiers cannot be bound; the name was checked against a strict pattern above.
                st.execute("VACUUM (ANALYZE) " + table);
            }
        } catch (SQLException e) {
            throw coordinates.failure("VACUUM après migration impossible", e);
        }
    }
}
