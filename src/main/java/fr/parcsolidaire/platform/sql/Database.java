package fr.parcsolidaire.platform.sql;

import fr.parcsolidaire.platform.settings.Settings;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbStatements;
import io.helidon.dbclient.DbTransaction;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The service's PostgreSQL: migrations (Flyway, from the top-level sql/ folder copied onto the classpath),
 * the Helidon DbClient with the named statements of the features' .sql files (see {@link Statements}),
 * and a transaction helper whose commits features can follow ({@link #afterCommit}).
 * The pool's sessions queue their change notices (V34) and this instance's {@link NoticeSender} sends them, many
 * commits to a NOTIFY, rather than each commit waiting for PostgreSQL's global notify lock. With {@code db.replica.url}
 * set, report queries ({@link #readReport}, {@link #inReportTransaction}) read a streaming replica while it trails the
 * primary by less than {@code db.replica.max-lag}, and the primary otherwise (docs/operations.md, « Plusieurs instances »).
 */
public final class Database {

    /** Statements of the platform itself (the health check). */
    public static final String STATEMENTS = "statements/platform.sql";

    /** How often the replica's lag is measured (each report reads the last verdict, never waits for one). */
    static final Duration LAG_CHECK_EVERY = Duration.ofSeconds(1);
    /** The session ended under the query (administrator command, crash, shutdown) or no room for it; class 08 is matched whole. */
    private static final Set<String> CONNECTION_LOST = Set.of("57P01", "57P02", "57P03", "53300");

    private final DbClient client;
    private final DatabaseCoordinates coordinates;
    private final NoticeSender notices;
    private final CommitReads commitReads;
    private final List<Consumer<String>> settingActions = new CopyOnWriteArrayList<>();
    /** Null without a replica. */
    private final DbClient replica;
    private final ReplicaLag lag;
    private final Freshness freshness = new Freshness();
    /** What to tell of a commit that changed what a memory keeps, for the request running on this thread. */
    private static final ThreadLocal<Runnable> ON_CHANGE = new ThreadLocal<>();

    private Database(DbClient client, DatabaseCoordinates coordinates, CommitReads commitReads, DbClient replica,
                     ReplicaLag lag) {
        this.client = client;
        this.coordinates = coordinates;
        this.commitReads = commitReads;
        this.replica = replica;
        this.lag = lag;
        this.notices = new NoticeSender(coordinates).start();
    }

    /**
     * Migrates the database, then opens the pool ({@code db.pool-size}, {@code db.connection-timeout}) with the
     * statements of these classpath resources.
     */
    public static Database open(Settings db, DatabaseCoordinates coordinates, List<String> statementFiles) {
        migrate(coordinates);
        CommitReads commitReads = new CommitReads();
        HikariPool pool = HikariPool.open(coordinates, db.integer("pool-size"), db.duration("connection-timeout"), commitReads);
        DbStatements.Builder statements = DbStatements.builder();
        Statements.load(statementFiles).forEach(statements::addStatement);
        DbStatements named = statements.build();
        DbClient client = JdbcClientBuilder.create().connectionPool(pool).statements(named).build();
        String replicaUrl = db.optionalText("replica.url").orElse(null);
        if (replicaUrl == null) {
            return new Database(client, coordinates, commitReads, null, null);
        }
        DatabaseCoordinates replicaAt = new DatabaseCoordinates(replicaUrl, coordinates.user(), coordinates.password(), null);
        // A short wait for a replica connection: a replica gone between two lag checks costs a report this long
        // before it is read again from the primary.
        HikariPool replicaPool = HikariPool.open(replicaAt, db.integer("replica.pool-size"), Duration.ofSeconds(1), "parc-replica",
                new CommitReads());
        DbClient replica = JdbcClientBuilder.create().connectionPool(replicaPool).statements(named).build();
        ReplicaLag lag = new ReplicaLag(coordinates, replicaAt, db.duration("replica.max-lag"), LAG_CHECK_EVERY).start();
        return new Database(client, coordinates, commitReads, replica, lag);
    }

    /**
     * Applies the migrations of sql/ (copied onto the classpath at build) that the database does not have yet, in
     * version order: a database that has a higher version than a migration it lacks is refused by Flyway (the gaps
     * V4 and V5 were never released and stay unused). A database that already has exactly this jar's migrations is
     * recognised in one query, without starting Flyway ({@link ShippedMigrations}).
     */
    public static void migrate(DatabaseCoordinates coordinates) {
        if (ShippedMigrations.applied(coordinates, ShippedMigrations.onClasspath())) {
            return;
        }
        MigrateResult result;
        try {
            result = Flyway.configure()
                    .dataSource(coordinates.url(), coordinates.user(), coordinates.password())
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw coordinates.failure("Impossible de préparer la base de données " + coordinates.redact(coordinates.url()), e);
        }
        MigrationVacuum.afterMigrations(coordinates, result.migrations.stream().map(m -> m.version).toList());
    }

    public DbClient client() {
        return client;
    }

    public DatabaseCoordinates coordinates() {
        return coordinates;
    }

    /** The memories of this instance that read-your-writes across instances brings up to date (platform/http/ReadYourWrites). */
    public Freshness freshness() {
        return freshness;
    }

    /**
     * Where report queries read now: the replica while its last lag check found it within {@code db.replica.max-lag}
     * (checked every second, never waited for), the primary otherwise or without a replica. Read-only queries only:
     * a replica refuses writes. Prefer {@link #readReport}, which also falls back when the replica fails under the query.
     */
    public DbClient reports() {
        return replica != null && lag.fresh() ? replica : client;
    }

    /** Whether {@link #reports()} currently reads a replica (for the operators' health details and the tests). */
    public boolean readingReplica() {
        return reports() != client;
    }

    /** The replica's lag at its last check in milliseconds; -1 when it failed or without a replica. */
    public long replicaLagMillis() {
        return lag == null ? -1 : lag.lagMillis();
    }

    /**
     * Runs read-only report queries on {@link #reports()}; when the replica's connection fails under them it is trusted
     * no more until the next lag check, and the work runs again on the primary: nobody sees the replica go away.
     * {@code work} must read only, and finish its reading inside (lists, not open streams).
     */
    public <T> T readReport(Function<DbExecute, T> work) {
        DbClient target = reports();
        try {
            return work.apply(target.execute());
        } catch (RuntimeException e) {
            if (target == client || !replicaFailed(e)) {
                throw e;
            }
            return work.apply(client.execute());
        }
    }

    /**
     * A read-only transaction on {@link #reports()} (exports read through a cursor, which needs one). Falls back to
     * the primary like {@link #readReport}, but only while {@code nothingSentYet}: rows already streamed to a
     * reader cannot be taken back.
     */
    public <T> T inReportTransaction(Function<DbTransaction, T> work, BooleanSupplier nothingSentYet) {
        DbClient target = reports();
        try {
            return transaction(target, work);
        } catch (RuntimeException e) {
            if (target == client || !nothingSentYet.getAsBoolean() || !replicaFailed(e)) {
                throw e;
            }
            return transaction(client, work);
        }
    }

    /**
     * Whether a report query failed because of the replica rather than the query: its connection was lost or could not
     * be had (then the replica is trusted no more until the next lag check), or the replica cancelled the query to
     * replay the primary's changes (40001, "conflict with recovery": only a long query is hit, the replica stays).
     */
    private boolean replicaFailed(RuntimeException e) {
        if (connectionLost(e)) {
            lag.lost();
            return true;
        }
        return SqlState.is(e, "40001");
    }

    /** Whether {@code error} says the connection was lost or could not be had, rather than the query being wrong. */
    static boolean connectionLost(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || CONNECTION_LOST.contains(state))) {
                    return true;
                }
                if (state == null && sql.getMessage() != null && sql.getMessage().toLowerCase(java.util.Locale.ROOT).contains("closed")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * After each commit of {@link #inTransaction}, hands {@code action} the value the transaction left in a
     * transaction-local setting (its triggers fill it), when not empty. The value is read in the COMMIT's own round
     * trip ({@link CommitReads}), so this costs no statement.
     */
    public synchronized void afterCommit(String setting, Consumer<String> action) {
        int index = commitReads.add(setting);
        if (index != settingActions.size()) {
            throw new IllegalStateException("settings read at commit out of step");
        }
        settingActions.add(action);
    }

    /**
     * Runs {@code work}; each commit of {@link #inTransaction} it makes on this thread that hands a value to an
     * {@link #afterCommit} action (it changed what a memory of this instance keeps) runs {@code onChange} first. The
     * read-your-writes mark (platform/http/ReadYourWrites) is set this way, only on the answers of such writes.
     */
    public static void watchingChanges(Runnable onChange, Runnable work) {
        Runnable outer = ON_CHANGE.get();
        ON_CHANGE.set(onChange);
        try {
            work.run();
        } finally {
            ON_CHANGE.set(outer);
        }
    }

    /** Runs work in one transaction: commits when it returns, rolls back when it throws. */
    public <T> T inTransaction(Function<DbTransaction, T> work) {
        commitReads.clear();
        T result = transaction(client, work);
        notices.wake();
        String[] settings = commitReads.taken();
        if (settings != null) {
            boolean told = false;
            // An action registered while this transaction committed may not have its setting read yet, nor the reverse.
            for (int i = 0; i < Math.min(settings.length, settingActions.size()); i++) {
                if (settings[i] != null && !settings[i].isEmpty()) {
                    Runnable onChange = ON_CHANGE.get();
                    if (!told && onChange != null) {
                        onChange.run();
                        told = true;
                    }
                    settingActions.get(i).accept(settings[i]);
                }
            }
        }
        return result;
    }

    /** Begins, runs, commits; rolls back when the work throws. Report transactions stop here: they change nothing. */
    private static <T> T transaction(DbClient on, Function<DbTransaction, T> work) {
        DbTransaction tx = on.transaction();
        T result;
        try {
            result = work.apply(tx);
        } catch (RuntimeException | Error e) {
            try {
                tx.rollback();
            } catch (RuntimeException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
        tx.commit();
        return result;
    }

    public void close() {
        notices.close();
        if (replica != null) {
            lag.close();
            replica.close();
        }
        client.close();
        try {
            coordinates.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
