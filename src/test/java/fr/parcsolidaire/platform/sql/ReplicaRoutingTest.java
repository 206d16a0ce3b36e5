package fr.parcsolidaire.platform.sql;

import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.settings.Settings;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where report queries read when the replica cannot be trusted (docs/operations.md, « Plusieurs instances »). A real
 * replica, read and then stopped under load, is ClusterTest's; here the cases that must never read it.
 */
class ReplicaRoutingTest {

    @Test
    void aServerThatIsNotInRecoveryIsNeverReadAsAReplica() {
        // The primary itself given as "replica": a promoted replica looks the same, and its data may have diverged.
        try (Opened db = open(TestApp.get().jdbcUrl())) {
            assertFalse(db.database().readingReplica());
            assertEquals(Long.MAX_VALUE, db.database().replicaLagMillis());
            assertEquals(1, (int) db.database().readReport(x -> x.createNamedGet("health-check").execute().orElseThrow()
                    .column(1).get(Integer.class)));
        }
    }

    @Test
    void anUnreachableReplicaSendsReportsToThePrimaryAndDoesNotStopTheStart() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (Opened db = open("jdbc:postgresql://127.0.0.1:" + closed + "/parc")) {
            assertFalse(db.database().readingReplica());
            assertEquals(-1, db.database().replicaLagMillis());
            assertEquals(1, (int) db.database().readReport(x -> x.createNamedGet("health-check").execute().orElseThrow()
                    .column(1).get(Integer.class)));
        }
    }

    @Test
    void onlyALostConnectionCountsAsTheReplicaFailingNotAWrongQuery() {
        assertTrue(Database.connectionLost(new RuntimeException(new SQLException("I/O error", "08006"))));
        assertTrue(Database.connectionLost(new SQLException("terminating connection due to administrator command", "57P01")));
        assertTrue(Database.connectionLost(new java.sql.SQLTransientConnectionException("pool timeout")));
        assertFalse(Database.connectionLost(new SQLException("duplicate key", "23505")));
        assertFalse(Database.connectionLost(new SQLException("syntax error", "42601")));
        // A query that is wrong fails on the primary too: it is not run twice.
        try (Opened db = open(TestApp.get().jdbcUrl())) {
            assertThrows(RuntimeException.class, () -> db.database().readReport(x -> x.createQuery("SELECT nope FROM nowhere")
                    .execute().toList()));
        }
    }

    private record Opened(Database database) implements AutoCloseable {
        @Override
        public void close() {
            database.close();
        }
    }

    private static Opened open(String replicaUrl) {
        Settings db = Settings.of(Config.builder()
                .addSource(ConfigSources.create(Map.of("db.pool-size", "2", "db.replica.url", replicaUrl)))
                .addSource(ConfigSources.classpath("application.yaml"))
                .disableEnvironmentVariablesSource().disableSystemPropertiesSource().build()).section("db");
        return new Opened(Database.open(db, new DatabaseCoordinates(TestApp.get().jdbcUrl(), "postgres", "", null),
                List.of(Database.STATEMENTS)));
    }
}
