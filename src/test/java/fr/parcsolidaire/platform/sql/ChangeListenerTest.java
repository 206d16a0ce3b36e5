package fr.parcsolidaire.platform.sql;

import fr.parcsolidaire.Poll;
import fr.parcsolidaire.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LISTEN on a connection of its own, against the real PostgreSQL of the tests: notices arrive in commit order,
 * sync() returns once everything committed before it is handled, and a lost connection is said (onGap), then
 * listened to again without being asked.
 */
class ChangeListenerTest {

    private static final String CHANNEL = "listener_test";

    private final DatabaseCoordinates coordinates = TestApp.get().app().database().coordinates();
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private final AtomicInteger gaps = new AtomicInteger();
    private final ChangeListener listener = new ChangeListener(coordinates, CHANNEL, notices::add, gaps::incrementAndGet);

    @AfterEach
    void close() {
        listener.close();
    }

    @Test
    void noticesArriveInCommitOrderAndSyncWaitsForThem() throws Exception {
        listener.start();
        waitFor(listener::listening, "listening");
        assertEquals(1, gaps.get(), "what changed before LISTEN took effect is a gap");
        notify("a,b");
        notify("c");
        listener.sync(Duration.ofSeconds(10));
        assertEquals(List.of("a,b", "c"), notices, "every notice committed before sync() is handled when it returns");
    }

    @Test
    void aLostConnectionIsAGapThenItListensAgainByItself() throws Exception {
        listener.start();
        waitFor(listener::listening, "listening");
        try (Connection c = connect(); var st = c.createStatement()) {
            st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'parc-listen-" + CHANNEL + "'");
        }
        waitFor(() -> gaps.get() >= 2, "the loss is reported");
        waitFor(() -> listener.listening() && gaps.get() >= 3, "listening again, after a gap for what it missed");
        notify("after");
        listener.sync(Duration.ofSeconds(10));
        assertTrue(notices.contains("after"), "notices reach the new connection: " + notices);
    }

    @Test
    void syncGivesUpWhenNothingCanBeHeard() {
        // Never started: its own notice goes out, but nobody listens for it.
        TimeoutException e = assertThrows(TimeoutException.class, () -> listener.sync(Duration.ofMillis(300)));
        assertTrue(e.getMessage().contains(CHANNEL));
        assertFalse(listener.listening());
    }

    @Test
    void aChannelNameIsCheckedSinceItCannotBeBound() {
        assertThrows(IllegalArgumentException.class, () -> new ChangeListener(coordinates, "x; DROP TABLE users", s -> { }, () -> { }));
    }

    private void notify(String payload) throws SQLException {
        try (Connection c = connect(); var st = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            st.setString(1, CHANNEL);
            st.setString(2, payload);
            st.execute();
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(coordinates.url(), coordinates.user(), coordinates.password());
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        Poll.until(Duration.ofSeconds(30), what, condition);
    }
}
