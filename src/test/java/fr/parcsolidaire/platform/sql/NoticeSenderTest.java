package fr.parcsolidaire.platform.sql;

import fr.parcsolidaire.Poll;
import fr.parcsolidaire.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Queued change notices (V34) against the real PostgreSQL of the tests, whose running service is "another
 * instance" here: a row left by a writer that died after its commit is sent without anyone waking the sender; a
 * session that did not ask for queuing (psql, scripts) still notifies at once; many keys are split into notices
 * PostgreSQL accepts.
 */
class NoticeSenderTest {

    private static final String CHANNEL = "sender_test";

    private final DatabaseCoordinates coordinates = TestApp.get().app().database().coordinates();
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final List<String> machineNotices = new CopyOnWriteArrayList<>();
    private final ChangeListener listener = new ChangeListener(coordinates, CHANNEL, heard::add, () -> { });
    private final ChangeListener machines = new ChangeListener(coordinates, "machine_changed", machineNotices::add, () -> { });

    @BeforeEach
    void listen() throws InterruptedException {
        listener.start();
        machines.start();
        waitFor(() -> listener.listening() && machines.listening(), "listening");
    }

    @AfterEach
    void close() {
        listener.close();
        machines.close();
    }

    @Test
    void aNoticeLeftByAWriterThatDiedIsSentByAnotherInstance() throws Exception {
        // As if an instance had committed its change and been killed before sending: nothing wakes any sender.
        exec("INSERT INTO change_notices (channel, payload) VALUES ('" + CHANNEL + "', 'orphelin-1,orphelin-2')");
        waitFor(() -> heard.contains("orphelin-1,orphelin-2"), "the orphan notice, sent on the running instance's round");
        assertEquals(0, TestApp.get().count("SELECT count(*) FROM change_notices WHERE channel = '" + CHANNEL + "'"));
    }

    @Test
    void syncSendsWhatIsQueuedBeforeReturning() throws Exception {
        exec("INSERT INTO change_notices (channel, payload) VALUES ('" + CHANNEL + "', 'en-attente')");
        listener.sync(Duration.ofSeconds(10));
        assertTrue(heard.contains("en-attente"), "queued before sync(), handled when it returns: " + heard);
    }

    @Test
    void aSessionThatDidNotAskStillNotifiesAtOnceAndTheServicesPoolQueues() throws Exception {
        try (Connection c = connect(); var st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SELECT announce_machine_changes(ARRAY['PS-PSQL-1'])");
            assertEquals(0, count(c, "PS-PSQL-1"), "psql's change is not queued");
            c.commit();

            st.execute("SET LOCAL parc.deferred_notices = on");
            st.execute("SELECT announce_machine_changes(ARRAY['PS-POOL-1'])");
            assertEquals(1, count(c, "PS-POOL-1"), "the pool's change is queued in its own transaction");
            c.commit();
        }
        machines.sync(Duration.ofSeconds(10));
        assertTrue(machineNotices.contains("PS-PSQL-1"), machineNotices.toString());
        assertTrue(machineNotices.contains("PS-POOL-1"), machineNotices.toString());
        try (Connection c = TestApp.get().app().database().client().execute().unwrap(Connection.class);
             var st = c.createStatement(); var rs = st.executeQuery("SELECT current_setting('parc.deferred_notices', true)")) {
            rs.next();
            assertEquals("on", rs.getString(1), "the service's pooled connections queue their notices");
        }
    }

    @Test
    void manyKeysAreSplitIntoNoticesOfAtMost300AndStarBeyond3000() throws Exception {
        exec("INSERT INTO change_notices (channel, payload) SELECT '" + CHANNEL + "', 'cle-' || g FROM generate_series(1, 650) g");
        listener.sync(Duration.ofSeconds(10));
        Set<String> keys = new HashSet<>();
        for (String notice : heard) {
            List<String> some = Arrays.asList(notice.split(","));
            assertTrue(some.size() <= 300, "a notice of " + some.size() + " keys");
            keys.addAll(some);
        }
        assertEquals(650, keys.size());

        heard.clear();
        exec("INSERT INTO change_notices (channel, payload) SELECT '" + CHANNEL + "', string_agg('k' || g, ',') "
                + "FROM generate_series(1, 3001) g");
        listener.sync(Duration.ofSeconds(10));
        assertEquals(List.of("*"), heard, "beyond 3,000 keys, everything is forgotten");
    }

    private static long count(Connection c, String payload) throws SQLException {
        try (var st = c.prepareStatement("SELECT count(*) FROM change_notices WHERE payload = ?")) {
            st.setString(1, payload);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void exec(String sql) throws SQLException {
        try (Connection c = connect(); var st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(coordinates.url(), coordinates.user(), coordinates.password());
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        Poll.until(Duration.ofSeconds(10), what, condition);
    }
}
