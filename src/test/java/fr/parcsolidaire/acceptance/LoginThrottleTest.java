package fr.parcsolidaire.acceptance;

import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.PasswordHasher;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginThrottleTest {

    private static final String LOCKED = "Trop de tentatives de connexion échouées";

    @Test
    void fiveFailuresLockTheUsernameEvenForTheRightPasswordOnBothRoutes() {
        String user = newUser();
        for (int i = 0; i < 5; i++) {
            assertEquals(401, token(user, "wrong-password").statusCode());
        }
        HttpResponse<String> api = token(user, TestApp.PASSWORD);
        assertEquals(429, api.statusCode(), api.body());
        assertTrue(Http.json(api).getString("message").startsWith(LOCKED), api.body());
        assertEquals("900", api.headers().firstValue("Retry-After").orElseThrow());

        HttpResponse<String> page = loginForm(user, TestApp.PASSWORD);
        assertEquals(429, page.statusCode());
        assertTrue(page.body().contains(LOCKED), page.body());
        assertEquals("900", page.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(page.headers().firstValue("Set-Cookie").stream().noneMatch(c -> c.startsWith("ps_session=")));

        // Fifteen minutes later (moved in the database rather than waited for) the right password opens again.
        TestApp.get().sql("UPDATE login_throttle SET window_start = now() - interval '16 minutes', "
                + "locked_until = now() - interval '1 minute'");
        assertEquals(201, token(user, TestApp.PASSWORD).statusCode());
        assertEquals(303, loginForm(user, TestApp.PASSWORD).statusCode());
    }

    @Test
    void fortyParallelWrongPasswordsGetAtMostFiveRefusalsBeforeTheLock() throws Exception {
        String user = newUser();
        List<Integer> statuses = new CopyOnWriteArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> guesses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            guesses.add(Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                statuses.add(token(user, "wrong-password").statusCode());
            }));
        }
        start.countDown();
        for (Thread t : guesses) {
            t.join();
        }
        assertEquals(40, statuses.size());
        long refused = statuses.stream().filter(s -> s == 401).count();
        long locked = statuses.stream().filter(s -> s == 429).count();
        assertEquals(40, refused + locked, statuses.toString());
        assertTrue(refused <= 5, refused + " wrong passwords checked, at most 5 allowed: " + statuses);
        assertEquals(429, token(user, TestApp.PASSWORD).statusCode(), "locked, even for the right password");
    }

    @Test
    void anUnknownUsernameIsLockedExactlyLikeAKnownOne() {
        String nobody = "personne-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = token(nobody, "wrong-password");
            assertEquals(401, r.statusCode());
            assertEquals("Identifiant ou mot de passe incorrect.", Http.json(r).getString("message"));
        }
        HttpResponse<String> r = token(nobody, "wrong-password");
        assertEquals(429, r.statusCode());
        assertTrue(Http.json(r).getString("message").startsWith(LOCKED));
    }

    @Test
    void aSuccessfulLoginResetsTheCount() {
        String user = newUser();
        for (int i = 0; i < 4; i++) {
            assertEquals(401, token(user, "wrong-password").statusCode());
        }
        assertEquals(201, token(user, TestApp.PASSWORD).statusCode());
        for (int i = 0; i < 4; i++) {
            assertEquals(401, token(user, "wrong-password").statusCode());
        }
        assertEquals(201, token(user, TestApp.PASSWORD).statusCode());
    }

    @Test
    void usernamesAreNotKeptInClear() {
        String user = newUser();
        assertEquals(401, token(user, "wrong-password").statusCode());
        assertEquals(0, TestApp.get().count("SELECT count(*) FROM login_throttle WHERE key LIKE '%" + user + "%'"));
        assertTrue(TestApp.get().count("SELECT count(*) FROM login_throttle WHERE key ~ '^user:[0-9a-f]{64}$'") > 0);
    }

    @Test
    void tooManyFailuresFromOneAddressLockItForEveryUsername() {
        try (ScratchApp scratch = ScratchApp.fresh(Map.of("app.login.max-failures-per-ip", "3"))) {
            for (int i = 0; i < 3; i++) {
                assertEquals(401, scratch.postJson("/api/v1/auth/token",
                        "{\"username\":\"guess" + i + "\",\"password\":\"nope-nope\"}", null).statusCode());
            }
            HttpResponse<String> r = scratch.postJson("/api/v1/auth/token",
                    "{\"username\":\"" + ScratchApp.ADMIN_USER + "\",\"password\":\"" + TestApp.PASSWORD + "\"}", null);
            assertEquals(429, r.statusCode(), r.body());
            assertTrue(Http.json(r).getString("message").startsWith(LOCKED));
        }
    }

    private static String newUser() {
        String name = "t-throttle-" + UUID.randomUUID().toString().substring(0, 8);
        TestApp.get().sql("INSERT INTO users (username, display_name, role, password_hash) VALUES ('" + name
                + "', 'Throttle', 'TECHNICIAN', '" + PasswordHasher.hash(TestApp.PASSWORD) + "')");
        return name;
    }

    private static HttpResponse<String> token(String username, String password) {
        return Http.anonymous().postJson("/api/v1/auth/token",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }

    private static HttpResponse<String> loginForm(String username, String password) {
        Http anon = Http.anonymous();
        HttpResponse<String> form = anon.get("/login");
        String cookie = form.headers().allValues("Set-Cookie").getFirst().split(";")[0];
        String body = "_csrf=" + Http.csrfOf(form.body()) + "&username=" + enc(username) + "&password=" + enc(password);
        return anon.send(anon.request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookie).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
