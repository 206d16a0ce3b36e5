package fr.parcsolidaire.platform.security;

import fr.parcsolidaire.TestApp;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
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

    private List<Optional<Principal>> burst(String token, SessionStore.Kind kind) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<Principal>>> calls = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CALLERS; i++) {
                calls.add(threads.submit(() -> {
                    start.await();
                    return store.find(token, kind);
                }));
            }
            start.countDown();
            List<Optional<Principal>> answers = new ArrayList<>();
            for (Future<Optional<Principal>> call : calls) {
                answers.add(call.get());
            }
            return answers;
        }
    }
}
