package fr.parcsolidaire.db;

import io.helidon.config.Config;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbStatements;
import io.helidon.dbclient.DbTransaction;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service's PostgreSQL: migrations (Flyway, from the top-level sql/ folder copied onto the classpath),
 * the Helidon DbClient with the named statements of the .sql files under resources/statements,
 * and a transaction helper.
 */
public final class Database {

    /** Statement files; each holds blocks that start with a line "-- name: statement-name". */
    private static final List<String> STATEMENT_FILES = List.of(
            "statements/auth.sql",
            "statements/inventory.sql",
            "statements/trust.sql",
            "statements/reports.sql",
            "statements/gdpr.sql",
            "statements/loans.sql",
            "statements/labels.sql",
            "statements/evidence.sql",
            "statements/imports.sql",
            "statements/messaging.sql");
    private static final Pattern NAME_LINE = Pattern.compile("^-- name: ([a-z0-9-]+)\\s*$", Pattern.MULTILINE);

    private final DbClient client;
    private final DatabaseCoordinates coordinates;
    private volatile Consumer<String> machineChanges = tags -> { };

    private Database(DbClient client, DatabaseCoordinates coordinates) {
        this.client = client;
        this.coordinates = coordinates;
    }

    public static Database open(Config config, DatabaseCoordinates coordinates) {
        migrate(coordinates);
        HikariPool pool = HikariPool.open(coordinates, config.get("db.pool-size").asInt().orElse(16),
                config.get("db.connection-timeout").as(Duration.class).orElse(Duration.ofSeconds(5)));
        DbStatements.Builder statements = DbStatements.builder();
        loadStatements().forEach(statements::addStatement);
        DbClient client = JdbcClientBuilder.create().connectionPool(pool).statements(statements.build()).build();
        return new Database(client, coordinates);
    }

    /** Applies the migrations of sql/ (copied onto the classpath at build) that the database does not have yet. */
    public static void migrate(DatabaseCoordinates coordinates) {
        MigrateResult result;
        try {
            result = Flyway.configure()
                    .dataSource(coordinates.url(), coordinates.user(), coordinates.password())
                    .locations("classpath:db/migration")
                    // Capabilities were built in parallel, each with a reserved version number: a database that already
                    // has a higher one must still receive a lower one that landed later.
                    .outOfOrder(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw coordinates.failure("Impossible de préparer la base de données " + coordinates.redact(coordinates.url()), e);
        }
        if (result.migrations.stream().anyMatch(m -> "11".equals(m.version))) {
            // V11 rewrites every machine event and assignment (backfill): until they are vacuumed, the reports'
            // index-only scans visit the rows again (dashboard 250 ms instead of 120 ms on 150 000 machines),
            // and autovacuum may be off or late. VACUUM cannot run inside the migration's transaction.
            vacuum(coordinates, "machine_events", "assignments");
        }
    }

    private static void vacuum(DatabaseCoordinates coordinates, String... tables) {
        try (Connection c = DriverManager.getConnection(coordinates.url(), coordinates.user(), coordinates.password());
             Statement st = c.createStatement()) {
            for (String table : tables) {
                st.execute("VACUUM (ANALYZE) " + table);
            }
        } catch (SQLException e) {
            throw coordinates.failure("VACUUM après migration impossible", e);
        }
    }

    public DbClient client() {
        return client;
    }

    public DatabaseCoordinates coordinates() {
        return coordinates;
    }

    /**
     * Told after each commit of {@link #inTransaction} which machines it changed, as the V12 triggers list
     * them ("*" for all): the instance that wrote forgets them at once, before it answers, instead of
     * waiting for PostgreSQL's notice like the other instances.
     */
    public void afterMachineChanges(Consumer<String> listener) {
        this.machineChanges = listener;
    }

    /** Runs work in one transaction: commits when it returns, rolls back when it throws. */
    public <T> T inTransaction(Function<DbTransaction, T> work) {
        DbTransaction tx = client.transaction();
        T result;
        String changedMachines;
        try {
            result = work.apply(tx);
            changedMachines = tx.createNamedGet("machines-changed-in-transaction").execute()
                    .map(r -> r.column("tags").get(String.class)).orElse(null);
        } catch (RuntimeException | Error e) {
            try {
                tx.rollback();
            } catch (RuntimeException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
        tx.commit();
        if (changedMachines != null && !changedMachines.isEmpty()) {
            machineChanges.accept(changedMachines);
        }
        return result;
    }

    /** One named statement's SQL, for tools that run it outside the service (the bench's pgbench script). */
    public static String statementText(String name) {
        String sql = loadStatements().get(name);
        if (sql == null) {
            throw new IllegalArgumentException("no statement " + name);
        }
        return sql;
    }

    static Map<String, String> loadStatements() {
        Map<String, String> all = new LinkedHashMap<>();
        for (String file : STATEMENT_FILES) {
            parseStatements(read(file)).forEach((name, sql) -> {
                if (all.put(name, sql) != null) {
                    throw new IllegalStateException("Statement " + name + " defined twice (" + file + ")");
                }
            });
        }
        return all;
    }

    static Map<String, String> parseStatements(String text) {
        Map<String, String> statements = new LinkedHashMap<>();
        Matcher m = NAME_LINE.matcher(text);
        String name = null;
        int start = 0;
        while (m.find()) {
            if (name != null) {
                statements.put(name, text.substring(start, m.start()).strip());
            }
            name = m.group(1);
            start = m.end();
        }
        if (name != null) {
            statements.put(name, text.substring(start).strip());
        }
        return statements;
    }

    private static String read(String resource) {
        try (InputStream in = Database.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void close() {
        client.close();
        try {
            coordinates.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
