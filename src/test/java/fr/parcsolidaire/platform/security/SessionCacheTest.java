package fr.parcsolidaire.platform.security;

import fr.parcsolidaire.platform.security.Role;
import fr.parcsolidaire.platform.security.SessionStore;
import fr.parcsolidaire.TestApp;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The instance's short memory of tokens: it saves a round trip, and forgets at once what was revoked here. */
class SessionCacheTest {

    private final TestApp app = TestApp.get();
    private final SessionStore store = new SessionStore(app.app().database().client(), Duration.ofHours(12),
            Duration.ofHours(2), Duration.ofDays(30), Duration.ofMinutes(10));

    private long technicianId() {
        return app.count("SELECT id FROM users WHERE username = '" + app.username(Role.TECHNICIAN) + "'");
    }

    @Test
    void aRememberedTokenIsServedWithoutTheDatabaseUntilItsUserIsForgotten() {
        String token = store.open(technicianId(), SessionStore.Kind.API);
        assertEquals(Role.TECHNICIAN, store.find(token, SessionStore.Kind.API).orElseThrow().user().role());
        // Behind the store's back: the row is gone, the memory still answers (that is the saved round trip).
        app.sql("DELETE FROM sessions WHERE token_hash = sha256(convert_to('" + token + "', 'UTF8'))");
        assertTrue(store.find(token, SessionStore.Kind.API).isPresent());
        store.forgetUser(technicianId());
        assertTrue(store.find(token, SessionStore.Kind.API).isEmpty());
    }

    @Test
    void closingATokenForgetsItAtOnce() {
        String token = store.open(technicianId(), SessionStore.Kind.WEB);
        assertTrue(store.find(token, SessionStore.Kind.WEB).isPresent());
        store.close(token);
        assertTrue(store.find(token, SessionStore.Kind.WEB).isEmpty());
    }

    @Test
    void aRememberedTokenIsNotAcceptedAsTheOtherKind() {
        String token = store.open(technicianId(), SessionStore.Kind.WEB);
        assertTrue(store.find(token, SessionStore.Kind.WEB).isPresent());
        assertTrue(store.find(token, SessionStore.Kind.API).isEmpty());
    }
}
