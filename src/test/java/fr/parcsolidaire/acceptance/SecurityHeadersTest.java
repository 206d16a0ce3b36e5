package fr.parcsolidaire.acceptance;

import fr.parcsolidaire.Http;
import fr.parcsolidaire.platform.http.SecurityHeaders;
import fr.parcsolidaire.platform.security.Role;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecurityHeadersTest {

    @Test
    void pagesApiErrorsAndHealthCarryTheSecurityHeaders() {
        Http browser = Http.browser(Role.TECHNICIAN);
        Http api = Http.api(Role.TECHNICIAN);
        assertProtected(expect(200, browser.get("/machines")), true);
        assertProtected(expect(200, api.get("/api/v1/sites")), true);
        assertProtected(expect(404, browser.get("/m/PS-1999-00001")), true);
        assertProtected(expect(404, api.get("/api/v1/machines/PS-1999-00001")), true);
        assertProtected(expect(403, Http.browser(Role.SOCIAL_WORKER).get("/admin/users")), true);
        assertProtected(expect(401, Http.anonymous().get("/api/v1/machines")), true);
        assertProtected(expect(400, api.postJson("/api/v1/donations", "{not json")), true);
        assertProtected(expect(404, Http.anonymous().get("/nowhere/at/all")), true);
        assertProtected(expect(200, Http.anonymous().get("/login")), true);
        assertProtected(expect(200, Http.anonymous().get("/health")), true);
        assertProtected(expect(200, Http.anonymous().get("/static/app.js")), false);
    }

    @Test
    void hstsOnlyBehindTls() {
        HttpResponse<String> clear = Http.anonymous().get("/login");
        assertTrue(clear.headers().firstValue("Strict-Transport-Security").isEmpty());
        Http anon = Http.anonymous();
        HttpResponse<String> tls = anon.send(anon.request("/login").header("X-Forwarded-Proto", "https").GET().build());
        assertEquals("max-age=31536000", tls.headers().firstValue("Strict-Transport-Security").orElseThrow());
    }

    @Test
    void requestsRefusedBeforeRoutingAreAnsweredInFrenchWithTheSameHeaders() {
        Http api = Http.api(Role.TECHNICIAN);
        HttpResponse<String> longUrl = api.get("/api/v1/machines?q=" + "a".repeat(20_000));
        assertEquals(414, longUrl.statusCode());
        // The request line could not be read, so whether it was an API call is unknown: the answer is the French page.
        assertTrue(longUrl.body().contains("trop longue"), longUrl.body());
        assertProtected(longUrl, true);

        Http browser = Http.browser(Role.TECHNICIAN);
        HttpResponse<String> longPage = browser.get("/machines?q=" + "a".repeat(20_000));
        assertEquals(414, longPage.statusCode());
        assertTrue(longPage.body().contains("role=\"alert\">L'adresse demandée est trop longue"), longPage.body());
        assertProtected(longPage, true);

        // Expect: 100-continue lets the server refuse on the declared length before any body is sent; without it the
        // refusal races the upload and the client may see a reset connection instead of the 413.
        HttpResponse<String> huge = api.send(api.request("/api/v1/machines/PS-2000-00001/hardware")
                .header("Content-Type", "application/json").expectContinue(true)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[30 * 1024 * 1024])).build());
        assertEquals(413, huge.statusCode(), huge.body());
        assertTrue(Http.json(huge).getString("message").contains("trop volumineuse"), huge.body());
    }

    @Test
    void templatesHaveNoInlineScriptHandlerOrStyle() throws Exception {
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/jte"))) {
            for (var file : files.filter(f -> f.toString().endsWith(".jte")).toList()) {
                String text = java.nio.file.Files.readString(file);
                assertFalse(text.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), file + " has an inline script");
                assertFalse(text.matches("(?s).*\\son[a-z]+\\s*=.*"), file + " has an inline event handler");
                assertFalse(text.matches("(?s).*\\sstyle\\s*=.*"), file + " has a style attribute");
                assertFalse(text.contains("javascript:"), file + " has a javascript: URL");
            }
        }
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), () -> r.uri() + " " + r.body());
        return r;
    }

    private static void assertProtected(HttpResponse<String> r, boolean noStore) {
        var h = r.headers();
        String where = r.uri().getPath() + " (" + r.statusCode() + ")";
        assertEquals(SecurityHeaders.CONTENT_SECURITY_POLICY, h.firstValue("Content-Security-Policy").orElse(null), where);
        assertEquals("nosniff", h.firstValue("X-Content-Type-Options").orElse(null), where);
        assertEquals("same-origin", h.firstValue("Referrer-Policy").orElse(null), where);
        assertEquals("DENY", h.firstValue("X-Frame-Options").orElse(null), where);
        if (noStore) {
            assertEquals("no-store", h.firstValue("Cache-Control").orElse(null), where);
        }
        assertEquals(1, h.allValues("Content-Security-Policy").size(), where);
    }
}
