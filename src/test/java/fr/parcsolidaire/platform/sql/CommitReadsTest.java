package fr.parcsolidaire.platform.sql;

import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.settings.Settings;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A transaction-local setting read with the COMMIT itself (Database.afterCommit), on a pool of its own against the
 * tests' PostgreSQL: the value reaches the action after a commit only, a COMMIT that fails still fails, and the
 * pool's connections serve the next transactions normally.
 */
class CommitReadsTest {

    private static Database database;
    private static final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void open() throws Exception {
        database = Database.open(Settings.of(Config.builder()
                        .addSource(ConfigSources.create(Map.of("db.pool-size", "2")))
                        .addSource(ConfigSources.classpath("application.yaml"))
                        .disableEnvironmentVariablesSource().disableSystemPropertiesSource().build()).section("db"),
                new DatabaseCoordinates(TestApp.get().jdbcUrl(), "postgres", "", null),
                List.of(Database.STATEMENTS));
        database.afterCommit("parc.commit_reads_test", seen::add);
        try (Connection c = TestApp.get().connection(); var st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS commit_reads_test (id integer, "
                    + "CONSTRAINT commit_reads_test_once UNIQUE (id) DEFERRABLE INITIALLY DEFERRED)");
        }
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static void set(io.helidon.dbclient.DbExecute tx, String value) {
        tx.createGet("SELECT set_config('parc.commit_reads_test', ?, true)").addParam(value).execute();
    }

    @Test
    void theSettingReachesTheActionAfterTheCommitOnly() {
        seen.clear();
        database.inTransaction(tx -> {
            set(tx, "PS-1,PS-2");
            assertTrue(seen.isEmpty(), "nothing before the commit");
            return null;
        });
        assertEquals(List.of("PS-1,PS-2"), seen);

        database.inTransaction(tx -> tx.createGet("SELECT 1").execute());
        assertEquals(List.of("PS-1,PS-2"), seen, "a transaction that set nothing says nothing");

        assertThrows(IllegalStateException.class, () -> database.inTransaction(tx -> {
            set(tx, "PS-3");
            throw new IllegalStateException("rolled back");
        }));
        assertEquals(List.of("PS-1,PS-2"), seen, "a rolled back transaction says nothing");
    }

    @Test
    void aCommitThatFailsStillFailsAndSaysNothing() {
        seen.clear();
        RuntimeException e = assertThrows(RuntimeException.class, () -> database.inTransaction(tx -> {
            set(tx, "PS-4");
            // Checked at COMMIT only: the failure comes from the commit's own round trip.
            tx.createDmlStatement("INSERT INTO commit_reads_test VALUES (1), (1)").execute();
            return null;
        }));
        assertTrue(SqlState.is(e, SqlState.UNIQUE_VIOLATION), "the unique violation at commit: " + e);
        assertTrue(seen.isEmpty(), "nothing committed, nothing said: " + seen);
        assertEquals(0, TestApp.get().count("SELECT count(*) FROM commit_reads_test"));

        // The pool's two connections both went through the failed commit's path: they still work.
        for (int i = 0; i < 4; i++) {
            String value = "PS-after-" + i;
            int id = 10 + i;
            database.inTransaction(tx -> {
                set(tx, value);
                return tx.createDmlStatement("INSERT INTO commit_reads_test VALUES (" + id + ")").execute();
            });
        }
        assertEquals(List.of("PS-after-0", "PS-after-1", "PS-after-2", "PS-after-3"), seen);
        assertEquals(4, TestApp.get().count("SELECT count(*) FROM commit_reads_test"), "each committed");
    }
}
