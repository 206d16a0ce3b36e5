package fr.parcsolidaire.accounts;

import fr.parcsolidaire.platform.security.Role;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthenticationTest {

    @Test
    void loginSetsAnHttpOnlyLaxSessionCookieAndReturnsToTheAskedPage() {
        Http anon = Http.anonymous();
        HttpResponse<String> page = anon.get("/machines?state=READY");
        assertEquals(303, page.statusCode());
        assertEquals("/login?next=%2Fmachines%3Fstate%3DREADY", page.headers().firstValue("Location").orElseThrow());

        HttpResponse<String> form = anon.get("/login?next=%2Fmachines%3Fstate%3DREADY");
        String csrf = Http.csrfOf(form.body());
        String loginCookie = form.headers().allValues("Set-Cookie").getFirst().split(";")[0];
        HttpResponse<String> login = anon.send(anon.request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", loginCookie)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("_csrf=" + csrf + "&username="
                        + TestApp.get().username(Role.TECHNICIAN) + "&password=" + TestApp.PASSWORD
                        + "&next=%2Fmachines%3Fstate%3DREADY")).build());
        assertEquals(303, login.statusCode());
        assertEquals("/machines?state=READY", login.headers().firstValue("Location").orElseThrow());
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("ps_session="))
                .findFirst().orElseThrow();
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Lax"), cookie);
    }

    @Test
    void wrongPasswordIsRefusedWithAFrenchMessage() {
        Http anon = Http.anonymous();
        HttpResponse<String> form = anon.get("/login");
        String loginCookie = form.headers().allValues("Set-Cookie").getFirst().split(";")[0];
        HttpResponse<String> r = anon.send(anon.request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", loginCookie)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("_csrf=" + Http.csrfOf(form.body())
                        + "&username=t-admin&password=nope")).build());
        assertEquals(401, r.statusCode());
        assertTrue(r.body().contains("Identifiant ou mot de passe incorrect."));
        assertEquals(401, anon.postJson("/api/v1/auth/token", "{\"username\":\"t-admin\",\"password\":\"nope\"}").statusCode());
    }

    @Test
    void loginWithoutItsCsrfCookieIsRefused() {
        HttpResponse<String> r = Http.anonymous().postRawForm("/login",
                Map.of("_csrf", "forged", "username", "t-admin", "password", TestApp.PASSWORD));
        assertEquals(403, r.statusCode());
    }

    @Test
    void aBrowserPostWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
        Http admin = Http.browser(Role.ADMIN);
        long before = TestApp.get().count("SELECT count(*) FROM users");
        HttpResponse<String> r = admin.postForm("/admin/users", Map.of("_csrf", "wrong", "username", "intrus",
                "displayName", "Intrus", "role", "ADMIN", "password", "long-enough-pw"));
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("Rechargez la page"));
        assertEquals(before, TestApp.get().count("SELECT count(*) FROM users"));
    }

    @Test
    void logoutEndsTheSession() {
        Http social = Http.browser(Role.SOCIAL_WORKER);
        assertEquals(200, social.get("/").statusCode());
        assertEquals(303, social.postForm("/logout", Map.of()).statusCode());
        assertEquals(303, social.get("/").statusCode());
    }

    @Test
    void adminManagesAccountsAndEveryChangeIsJournaled() {
        Http admin = Http.browser(Role.ADMIN);
        String username = "u" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = admin.postForm("/admin/users", Map.of("username", username,
                "displayName", "Nouvel agent", "role", "TECHNICIAN", "password", "premier-mdp-1"));
        assertEquals(303, created.statusCode());
        String location = created.headers().firstValue("Location").orElseThrow().replaceFirst("\\?saved=.*", "");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));

        String hash = hashOf(id);
        assertTrue(hash.startsWith("$argon2id$"), "password stored as an Argon2id hash: " + hash);

        assertEquals(303, admin.postForm(location + "/role", Map.of("role", "COORDINATOR")).statusCode());
        assertEquals(303, admin.postForm(location + "/password", Map.of("password", "second-mdp-2")).statusCode());
        assertEquals(303, admin.postForm(location + "/active", Map.of("active", "false")).statusCode());

        assertEquals(4, TestApp.get().count("SELECT count(*) FROM user_events WHERE user_id = " + id));
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM user_events WHERE user_id = " + id
                + " AND kind = 'ROLE_CHANGED' AND data->>'from' = 'TECHNICIAN' AND data->>'to' = 'COORDINATOR'"));
        HttpResponse<String> token = Http.anonymous().postJson("/api/v1/auth/token",
                "{\"username\":\"" + username + "\",\"password\":\"second-mdp-2\"}");
        assertEquals(401, token.statusCode(), "a deactivated account cannot sign in");
    }

    @Test
    void accountFormRejectsBadInputFieldByFieldAndKeepsWhatWasTyped() {
        Http admin = Http.browser(Role.ADMIN);
        HttpResponse<String> r = admin.postForm("/admin/users", Map.of("username", "A B",
                "displayName", "Quelqu'un <b>", "role", "PIRATE", "password", "court"));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("lettres minuscules"));
        assertTrue(r.body().contains("Valeur inconnue"));
        assertTrue(r.body().contains("8 à 200 caractères"));
        assertTrue(r.body().contains("value=\"Quelqu&#39;un &lt;b>\""), "typed value kept, escaped");
        assertFalse(r.body().contains("value=\"court\""), "a password is never echoed back");
    }

    private static String hashOf(long id) {
        try (var c = TestApp.get().connection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT password_hash FROM users WHERE id = " + id)) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
