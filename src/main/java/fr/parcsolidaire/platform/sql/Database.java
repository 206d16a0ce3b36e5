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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The service's PostgreSQL: migrations (Flyway, from the top-level sql/ folder copied onto the classpath),
 * the Helidon DbClient with the named statements of the features' .sql files (see {@link Statements}),
 * and a transaction helper whose commits features can follow ({@link #onCommit}).
 * The pool's sessions queue their change notices (V34) and this instance's {@link NoticeSender} sends them, many
 * commits to a NOTIFY, rather than each commit waiting for PostgreSQL's global notify lock.
 */
public final class Database {

    /** Statements of the platform itself (the health check). */
    public static final String STATEMENTS = "statements/platform.sql";

    private final DbClient client;
    private final DatabaseCoordinates coordinates;
    private final List<CommitHook> commitHooks = new CopyOnWriteArrayList<>();
    private final NoticeSender notices;
    private final CommitReads commitReads;
    private final List<Consumer<String>> settingActions = new CopyOnWriteArrayList<>();

    private Database(DbClient client, DatabaseCoordinates coordinates, CommitReads commitReads) {
        this.client = client;
        this.coordinates = coordinates;
        this.commitReads = commitReads;
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
        DbClient client = JdbcClientBuilder.create().connectionPool(pool).statements(statements.build()).build();
        return new Database(client, coordinates, commitReads);
    }

    /**
     * Applies the migrations of sql/ (copied onto the classpath at build) that the database does not have yet, in
     * version order: a database that has a higher version than a migration it lacks is refused by Flyway (the gaps
     * V4 and V5 were never released and stay unused).
     */
    public static void migrate(DatabaseCoordinates coordinates) {
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

    /**
     * Something to do after each commit of {@link #inTransaction}, decided inside the transaction just before it
     * commits (what the transaction changed is only visible there), done once the commit succeeded.
     */
    @FunctionalInterface
    public interface CommitHook {
        /** Runs in the transaction before its commit; returns what to run after the commit, or null for nothing. */
        Runnable beforeCommit(DbExecute tx);
    }

    /**
     * Adds a hook every later transaction runs; nothing is run for a transaction that rolls back. Its statement costs
     * every transaction a round trip: where a transaction-local setting says it all, {@link #afterCommit} is free.
     */
    public void onCommit(CommitHook hook) {
        commitHooks.add(hook);
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

    /** Runs work in one transaction: commits when it returns, rolls back when it throws. */
    public <T> T inTransaction(Function<DbTransaction, T> work) {
        DbTransaction tx = client.transaction();
        T result;
        List<Runnable> afterCommit = new ArrayList<>(commitHooks.size());
        try {
            result = work.apply(tx);
            for (CommitHook hook : commitHooks) {
                Runnable after = hook.beforeCommit(tx);
                if (after != null) {
                    afterCommit.add(after);
                }
            }
        } catch (RuntimeException | Error e) {
            try {
                tx.rollback();
            } catch (RuntimeException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
        commitReads.clear();
        tx.commit();
        notices.wake();
        String[] settings = commitReads.taken();
        if (settings != null) {
            // An action registered while this transaction committed may not have its setting read yet, nor the reverse.
            for (int i = 0; i < Math.min(settings.length, settingActions.size()); i++) {
                if (settings[i] != null && !settings[i].isEmpty()) {
                    settingActions.get(i).accept(settings[i]);
                }
            }
        }
        afterCommit.forEach(Runnable::run);
        return result;
    }

    public void close() {
        notices.close();
        client.close();
        try {
            coordinates.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
