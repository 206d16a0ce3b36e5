package fr.parcsolidaire.platform.security;

import fr.parcsolidaire.Poll;
import fr.parcsolidaire.Race;
import fr.parcsolidaire.TestApp;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every connection of a busy client carries the same token, so its memory expires for all of them at once: one
 * read of the sessions table must answer them all, not one read each (a wave of pool connections every few seconds).
 */
class SessionSingleFlightTest {

    private static final int CALLERS = 64;
    private static final Duration TTL = Duration.ofSeconds(1);

    private final TestApp app = TestApp.get();
    private final SessionStore store = new SessionStore(app.app().database().client(), Duration.ofHours(12),
            Duration.ofHours(2), Duration.ofDays(30), TTL);

    private long technicianId() {
        return app.count("SELECT id FROM users WHERE username = '" + app.username(Role.TECHNICIAN) + "'");
    }

    @Test
    void concurrentRequestsAfterExpiryReadTheSessionOnce() throws Exception {
        String token = store.open(technicianId(), SessionStore.Kind.API);
        assertTrue(store.find(token, SessionStore.Kind.API).isPresent());
        Thread.sleep(TTL.toMillis() + 50);
        long before = store.reads();
        List<Optional<Principal>> answers = burst(token, SessionStore.Kind.API);
        assertEquals(1, store.reads() - before, "one read for " + CALLERS + " callers");
        for (Optional<Principal> answer : answers) {
            assertEquals(Role.TECHNICIAN, answer.orElseThrow().user().role());
        }
    }

    @Test
    void anUnknownTokenIsRefusedToEveryCallerOfTheBurst() throws Exception {
        List<Optional<Principal>> answers = burst(SessionStore.randomToken(), SessionStore.Kind.WEB);
        assertEquals(CALLERS, answers.size());
        assertTrue(answers.stream().allMatch(Optional::isEmpty));
    }

    @Test
    void aTokenClosedAfterABurstIsRefusedAtOnce() throws Exception {
        String token = store.open(technicianId(), SessionStore.Kind.WEB);
        assertTrue(burst(token, SessionStore.Kind.WEB).stream().allMatch(Optional::isPresent));
        store.close(token);
        assertTrue(burst(token, SessionStore.Kind.WEB).stream().allMatch(Optional::isEmpty));
    }

    @Test
    void aReadBegunBeforeAForgetIsNotRemembered() throws Exception {
        SessionStore lasting = new SessionStore(app.app().database().client(), Duration.ofHours(12),
                Duration.ofHours(2), Duration.ofDays(30), Duration.ofMinutes(10));
        String token = lasting.open(technicianId(), SessionStore.Kind.API);
        Future<Optional<Principal>> read;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
             Connection blocker = app.connection(); Statement st = blocker.createStatement()) {
            // Holds the read in PostgreSQL so that the user's role change lands while it is under way.
            blocker.setAutoCommit(false);
            st.execute("LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE");
            read = threads.submit(() -> lasting.find(token, SessionStore.Kind.API));
            Poll.until(Duration.ofSeconds(10), "the read waits for the lock on sessions", () -> app.count(
                    "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                    + "WHERE c.relname = 'sessions' AND NOT l.granted") > 0);
            lasting.forgetUser(technicianId());
            blocker.commit();
            assertTrue(read.get().isPresent(), "the read began before the forget: its caller is answered");
        }
        // Behind the store's back: were the answer remembered, the next call would not see the row is gone.
        app.sql("DELETE FROM sessions WHERE token_hash = sha256(convert_to('" + token + "', 'UTF8'))");
        assertTrue(lasting.find(token, SessionStore.Kind.API).isEmpty());
    }

    private List<Optional<Principal>> burst(String token, SessionStore.Kind kind) {
        Callable<Optional<Principal>> find = () -> store.find(token, kind);
        return Race.run(Collections.nCopies(CALLERS, find));
    }
}
