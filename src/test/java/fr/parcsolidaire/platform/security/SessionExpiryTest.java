package fr.parcsolidaire.platform.security;

import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.PasswordHasher;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Idle and absolute expiry of sessions, proven by ageing the session rows rather than waiting hours. */
class SessionExpiryTest {

    @Test
    void aBrowserSessionIdleForMoreThanTwoHoursEnds() {
        String user = newUser();
        String cookie = login(user);
        assertEquals(200, page(cookie).statusCode());
        age(user, "last_seen_at = now() - interval '119 minutes'");
        assertEquals(200, page(cookie).statusCode(), "still within the idle limit");
        age(user, "last_seen_at = now() - interval '121 minutes'");
        HttpResponse<String> r = page(cookie);
        assertEquals(303, r.statusCode());
        assertEquals("/login?next=%2Fmachines", r.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void aBrowserSessionEndsAtItsAbsoluteLifetimeEvenWhenActive() {
        String user = newUser();
        String cookie = login(user);
        assertEquals(12 * 3600, TestApp.get().count("SELECT round(extract(epoch FROM expires_at - created_at)) FROM sessions "
                + "WHERE user_id = (SELECT id FROM users WHERE username = '" + user + "')"), 5);
        age(user, "expires_at = now() - interval '1 second', last_seen_at = now()");
        assertEquals(303, page(cookie).statusCode());
    }

    @Test
    void anApiTokenEndsAtItsLifetime() {
        String user = newUser();
        HttpResponse<String> t = Http.anonymous().postJson("/api/v1/auth/token",
                "{\"username\":\"" + user + "\",\"password\":\"" + TestApp.PASSWORD + "\"}");
        String token = Http.json(t).getString("token");
        Http anon = Http.anonymous();
        HttpRequest request = anon.request("/api/v1/sites").header("Authorization", "Bearer " + token).GET().build();
        assertEquals(200, anon.send(request).statusCode());
        age(user, "expires_at = now() - interval '1 second'");
        HttpResponse<String> r = anon.send(request);
        assertEquals(401, r.statusCode());
        assertEquals("unauthorized", Http.json(r).getString("error"));
    }

    /**
     * Changes the rows behind the service's back, as time or another instance would, and drops this instance's
     * short memory of the user's tokens so that the next request reads the rows.
     */
    private static void age(String user, String assignments) {
        TestApp.get().sql("UPDATE sessions SET " + assignments
                + " WHERE user_id = (SELECT id FROM users WHERE username = '" + user + "')");
        TestApp.get().app().sessions().forgetUser(TestApp.get().count("SELECT id FROM users WHERE username = '" + user + "'"));
    }

    private static HttpResponse<String> page(String cookie) {
        Http anon = Http.anonymous();
        return anon.send(anon.request("/machines").header("Cookie", cookie).GET().build());
    }

    private static String newUser() {
        String name = "t-session-" + UUID.randomUUID().toString().substring(0, 8);
        TestApp.get().sql("INSERT INTO users (username, display_name, role, password_hash) VALUES ('" + name
                + "', 'Session', 'TECHNICIAN', '" + PasswordHasher.hash(TestApp.PASSWORD) + "')");
        return name;
    }

    private static String login(String user) {
        Http anon = Http.anonymous();
        HttpResponse<String> form = anon.get("/login");
        String csrfCookie = form.headers().allValues("Set-Cookie").getFirst().split(";")[0];
        HttpResponse<String> r = anon.send(anon.request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", csrfCookie).POST(HttpRequest.BodyPublishers.ofString("_csrf=" + Http.csrfOf(form.body())
                        + "&username=" + user + "&password=" + TestApp.PASSWORD)).build());
        assertEquals(303, r.statusCode());
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("ps_session="))
                .findFirst().orElseThrow().split(";")[0];
    }
}
