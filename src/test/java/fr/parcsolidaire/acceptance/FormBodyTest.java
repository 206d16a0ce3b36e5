package fr.parcsolidaire.acceptance;

import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile bodies on the routes that read forms and JSON (issue 12, items 1, 6 and 7): a megabyte of form
 * without "=" is refused at once instead of pinning a core, an unknown or foreign charset is 415, and bytes
 * that are not UTF-8 (raw or percent-encoded) are 400 — never stored as U+FFFD. Every refusal is in French and
 * leaves the database as it was.
 */
class FormBodyTest {

    static final String FORM = "application/x-www-form-urlencoded";
    /** Generous: the linear parser answers in milliseconds; the old one took 28 s for 80 KB. */
    static final Duration BOUND = Duration.ofSeconds(1);

    @Test
    void aMegabyteFormWithoutEqualsSignOnLoginIsRefusedWithinASecond() throws Exception {
        Http anonymous = loginPage();
        byte[] body = "a".repeat(1_000_000).getBytes(StandardCharsets.US_ASCII);
        for (boolean chunked : List.of(false, true)) {
            Timed r = timed(() -> post(anonymous, "/login", FORM, body, chunked));
            assertEquals(413, r.response().statusCode(), "chunked=" + chunked + " " + r.response().body());
            assertFrench(r.response());
            assertTrue(r.elapsed().compareTo(BOUND) < 0, "chunked=" + chunked + ": " + r.elapsed());
        }
    }

    @Test
    void aMegabyteFormWithoutEqualsSignOnACsrfCheckedRouteIsRefusedWithinASecond() throws Exception {
        Http browser = Http.browser(Role.SOCIAL_WORKER);
        byte[] body = "a".repeat(1_000_000).getBytes(StandardCharsets.US_ASCII);
        Map<String, String> before = BadInputCorpusTest.fingerprint();
        for (boolean chunked : List.of(false, true)) {
            Timed r = timed(() -> post(browser, "/courses", FORM, body, chunked));
            assertEquals(413, r.response().statusCode(), "chunked=" + chunked);
            assertFrench(r.response());
            assertTrue(r.elapsed().compareTo(BOUND) < 0, "chunked=" + chunked + ": " + r.elapsed());
        }
        assertEquals(before, BadInputCorpusTest.fingerprint());
    }

    @Test
    void aFormJustUnderTheCapWithoutEqualsSignIsParsedWithinASecond() throws Exception {
        // 60 KB of one unnamed field: under the 64 KiB cap, so the parser itself must be linear.
        byte[] body = "a".repeat(60_000).getBytes(StandardCharsets.US_ASCII);
        Http anonymous = loginPage();
        Timed login = timed(() -> post(anonymous, "/login", FORM, body, false));
        assertEquals(403, login.response().statusCode(), "no CSRF field: the form is shown again");
        assertTrue(login.elapsed().compareTo(BOUND) < 0, "login: " + login.elapsed());
        Timed form = timed(() -> post(Http.browser(Role.SOCIAL_WORKER), "/courses", FORM, body, false));
        assertEquals(403, form.response().statusCode(), "no CSRF field");
        assertFrench(form.response());
        assertTrue(form.elapsed().compareTo(BOUND) < 0, "form: " + form.elapsed());
    }

    @Test
    void anUnknownOrForeignCharsetIs415InFrench() throws Exception {
        Http anonymous = loginPage();
        Http browser = Http.browser(Role.SOCIAL_WORKER);
        Http api = Http.api(Role.SOCIAL_WORKER);
        Map<String, String> before = BadInputCorpusTest.fingerprint();
        for (String charset : List.of("nope", "ISO-8859-1", "utf-16", "\"\"", "utf-8x")) {
            HttpResponse<String> login = post(anonymous, "/login", FORM + "; charset=" + charset,
                    ("username=x&password=y&_csrf=" + enc(anonymous.csrf())).getBytes(StandardCharsets.UTF_8), false);
            assertEquals(415, login.statusCode(), "login, charset " + charset + ": " + login.body());
            assertFrench(login);
            HttpResponse<String> form = post(browser, "/courses", FORM + "; charset=" + charset,
                    ("name=Charset+" + charset.hashCode() + "&_csrf=" + enc(browser.csrf())).getBytes(StandardCharsets.UTF_8), false);
            assertEquals(415, form.statusCode(), "form, charset " + charset + ": " + form.body());
            assertFrench(form);
            HttpResponse<String> json = post(api, "/api/v1/courses", "application/json; charset=" + charset,
                    ("{\"name\":\"Charset " + charset.hashCode() + "\"}").getBytes(StandardCharsets.UTF_8), false);
            assertEquals(415, json.statusCode(), "JSON, charset " + charset + ": " + json.body());
            assertFrench(json);
        }
        assertEquals(before, BadInputCorpusTest.fingerprint());
    }

    @Test
    void utf8SpelledAnyWayIsAccepted() {
        Http browser = Http.browser(Role.SOCIAL_WORKER);
        Http api = Http.api(Role.SOCIAL_WORKER);
        for (String charset : List.of("", "; charset=utf-8", "; charset=UTF-8", "; charset=\"UTF-8\"", "; Charset=Utf8")) {
            String name = "Café n° " + System.nanoTime();
            HttpResponse<String> form = post(browser, "/courses", FORM + charset,
                    ("name=" + enc(name) + "&_csrf=" + enc(browser.csrf())).getBytes(StandardCharsets.UTF_8), false);
            assertEquals(303, form.statusCode(), "form" + charset + ": " + form.body());
            assertEquals(1, TestApp.get().count("SELECT count(*) FROM courses WHERE name = '" + name + "'"), charset);
            String other = "Thé n° " + System.nanoTime();
            HttpResponse<String> json = post(api, "/api/v1/courses", "application/json" + charset,
                    ("{\"name\":\"" + other + "\"}").getBytes(StandardCharsets.UTF_8), false);
            assertEquals(201, json.statusCode(), "JSON" + charset + ": " + json.body());
            assertEquals(1, TestApp.get().count("SELECT count(*) FROM courses WHERE name = '" + other + "'"), charset);
        }
    }

    @Test
    void invalidUtf8IsRefusedWith400AndNothingIsWritten() throws Exception {
        Http anonymous = loginPage();
        Http browser = Http.browser(Role.SOCIAL_WORKER);
        Http api = Http.api(Role.SOCIAL_WORKER);
        Map<String, String> before = BadInputCorpusTest.fingerprint();
        List<byte[]> invalid = List.of("%C3%28".getBytes(StandardCharsets.US_ASCII), "%FF".getBytes(StandardCharsets.US_ASCII),
                "%ED%A0%80".getBytes(StandardCharsets.US_ASCII), "%C0%AF".getBytes(StandardCharsets.US_ASCII),
                "%E2%82".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC3, '('});
        for (byte[] bad : invalid) {
            String label = new String(bad, StandardCharsets.ISO_8859_1);
            HttpResponse<String> form = post(browser, "/courses", FORM,
                    concat("name=Caf".getBytes(StandardCharsets.US_ASCII), bad, ("&_csrf=" + enc(browser.csrf())).getBytes(StandardCharsets.US_ASCII)), false);
            assertEquals(400, form.statusCode(), "form " + label + ": " + form.body());
            assertFrench(form);
            HttpResponse<String> name = post(browser, "/courses", FORM,
                    concat("na".getBytes(StandardCharsets.US_ASCII), bad, ("me=Caf&_csrf=" + enc(browser.csrf())).getBytes(StandardCharsets.US_ASCII)), false);
            assertEquals(400, name.statusCode(), "field name " + label + ": " + name.body());
            HttpResponse<String> login = post(anonymous, "/login", FORM,
                    concat("username=".getBytes(StandardCharsets.US_ASCII), bad, ("&password=x&_csrf=" + enc(anonymous.csrf())).getBytes(StandardCharsets.US_ASCII)), false);
            assertEquals(400, login.statusCode(), "login " + label + ": " + login.body());
            assertFrench(login);
        }
        for (byte[] bad : List.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC3, '('}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xE2, (byte) 0x82})) {
            HttpResponse<String> json = post(api, "/api/v1/courses", "application/json",
                    concat("{\"name\":\"Caf".getBytes(StandardCharsets.US_ASCII), bad, "\"}".getBytes(StandardCharsets.US_ASCII)), false);
            assertEquals(400, json.statusCode(), "JSON " + Arrays.toString(bad) + ": " + json.body());
            assertFrench(json);
        }
        assertEquals(before, BadInputCorpusTest.fingerprint());
        assertEquals(0, TestApp.get().count("SELECT count(*) FROM courses WHERE strpos(name, U&'\\FFFD') > 0"));
    }

    @Test
    void aNumberWithAHugeExponentIsRefusedBeforeItIsWrittenOut() throws Exception {
        // 15 bytes of JSON, a billion digits once written out in full: the service ran out of memory on it.
        Http api = Http.api(Role.SOCIAL_WORKER);
        Map<String, String> before = BadInputCorpusTest.fingerprint();
        for (String number : List.of("1e999999999", "-1E+999999999", "1e-999999999", "0.1e-2147483647")) {
            String body = "{\"lastName\":\"Nombre\",\"firstName\":\"Énorme\",\"commune\":\"Saint-Denis\",\"postcode\":\"93200\","
                    + "\"ageBracket\":\"FROM_26_TO_44\",\"situation\":\"RSA\",\"gdprNoticeOn\":\"" + java.time.LocalDate.now()
                    + "\",\"socialWorkerId\":" + number + "}";
            Timed r = timed(() -> post(api, "/api/v1/beneficiaries", "application/json", body.getBytes(StandardCharsets.UTF_8), false));
            assertEquals(400, r.response().statusCode(), number + ": " + r.response().body());
            assertFrench(r.response());
            assertTrue(r.elapsed().compareTo(BOUND) < 0, number + ": " + r.elapsed());
        }
        assertEquals(before, BadInputCorpusTest.fingerprint());
    }

    @Test
    void aBrokenEscapeOrANameWithoutValueInTheQueryIsNeverA500() {
        // Found by the generated corpus: Helidon's decoder threw on "?q=%" (500 on every page, /login included), and
        // the pages that read the whole query took "?page" (no '=') for a parameter without any value (500).
        int port = TestApp.get().app().server().port();
        for (String path : List.of("/login?q=%", "/login?next=%2", "/login?next=%FF", "/api/v1/auth/token?%")) {
            RawHttp.Response r = RawHttp.get(port, path, null);
            assertEquals(400, r.status(), path + ": " + r.body());
            assertTrue(BadInputCorpusTest.isFrench(BadInputCorpusTest.frenchMessage(r.contentType(), r.body())), r.body());
        }
        Http browser = Http.browser(Role.ADMIN);
        for (String path : List.of("/machines?state", "/reports?from", "/reports/machines.csv?site", "/assignments/new?type", "/labels/print?layout")) {
            HttpResponse<String> r = browser.get(path);
            assertTrue(r.statusCode() < 500, path + ": " + r.statusCode());
        }
        assertEquals(200, browser.get("/machines?q=caf%C3%A9&state=&page=1").statusCode(), "a well-formed query still works");
    }

    @Test
    void theFormsPeopleReallySendAboveTheSmallCapStillPass() throws Exception {
        Http social = Http.browser(Role.SOCIAL_WORKER);
        long loan = fr.parcsolidaire.loans.LoanFixtures.loan(fr.parcsolidaire.Fixtures.readyMachine(),
                fr.parcsolidaire.loans.LoanFixtures.beneficiary("Grande", "Signature"));
        String staff = "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(scribble(1));
        String beneficiary = "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(scribble(2));
        byte[] body = ("staff=" + enc(staff) + "&beneficiary=" + enc(beneficiary) + "&_csrf=" + enc(social.csrf()))
                .getBytes(StandardCharsets.US_ASCII);
        assertTrue(body.length > 64 * 1024, "two signatures drawn on screen outweigh the small cap: " + body.length);
        HttpResponse<String> signed = post(social, "/assignments/" + loan + "/sign", FORM, body, false);
        assertEquals(303, signed.statusCode(), signed.body());
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM assignment_events WHERE assignment_id = " + loan
                + " AND kind = 'CONTRACT_SIGNED'"));

        Http technician = Http.browser(Role.TECHNICIAN);
        StringBuilder intake = new StringBuilder("donorId=new&donor.name=Grand+don&donor.kind=COMPANY&receivedOn="
                + java.time.LocalDate.now() + "&site=atelier");
        String serial = "BIG-" + System.nanoTime() + "-";
        for (int i = 0; i < 500; i++) {
            String p = enc("machines[" + i + "].");
            intake.append('&').append(p).append("type=LAPTOP&").append(p).append("brand=Lenovo&").append(p)
                    .append("model=ThinkPad+X270&").append(p).append("serial=").append(serial).append(i);
        }
        intake.append("&_csrf=").append(enc(technician.csrf()));
        assertTrue(intake.length() > 64 * 1024, "a donation of 500 machines typed row by row: " + intake.length());
        HttpResponse<String> donation = post(technician, "/donations", FORM, intake.toString().getBytes(StandardCharsets.US_ASCII), false);
        assertEquals(303, donation.statusCode(), BadInputCorpusTest.abbreviate(donation.body()));
        assertEquals(500, TestApp.get().count("SELECT count(*) FROM machines WHERE serial LIKE '" + serial + "%'"));
    }

    /** A signature pad's PNG: 600 x 250 with a few hundred anti-aliased strokes, as a finger draws them (tens of KB). */
    private static byte[] scribble(long seed) throws java.io.IOException {
        var image = new java.awt.image.BufferedImage(600, 250, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        var g = image.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        g.setStroke(new java.awt.BasicStroke(2.5f));
        g.setColor(java.awt.Color.BLACK);
        java.util.Random random = new java.util.Random(seed);
        int x = 20;
        int y = 125;
        for (int i = 0; i < 400; i++) {
            int nx = Math.max(0, Math.min(599, x + random.nextInt(41) - 18));
            int ny = Math.max(0, Math.min(249, y + random.nextInt(61) - 30));
            g.drawLine(x, y, nx, ny);
            x = nx;
            y = ny;
        }
        g.dispose();
        var out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    // --- helpers shared with the corpus and the cost test

    record Timed(HttpResponse<String> response, Duration elapsed) {
    }

    interface Call {
        HttpResponse<String> call() throws Exception;
    }

    static Timed timed(Call call) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = call.call();
        return new Timed(r, Duration.ofNanos(System.nanoTime() - start));
    }

    /** The login page, for its CSRF cookie and field; the session's token is kept in {@link Http#csrf()}. */
    static Http loginPage() {
        return Http.loginForm();
    }

    /** A raw body; chunked leaves Content-Length out, so the cap must hold while reading. */
    static HttpResponse<String> post(Http who, String path, String contentType, byte[] body, boolean chunked) {
        HttpRequest.Builder b = who.request(path).timeout(Duration.ofSeconds(20)).header("Content-Type", contentType);
        if (who.csrf() != null && !path.equals("/login") && !contentType.startsWith(FORM)) {
            b.header("X-CSRF-Token", who.csrf());
        }
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        return who.send(b.POST(publisher).build());
    }

    static void assertFrench(HttpResponse<String> r) {
        String message = BadInputCorpusTest.frenchMessage(r);
        assertNotNull(message, r.statusCode() + " without a message: " + r.body());
        assertTrue(BadInputCorpusTest.isFrench(message), r.statusCode() + " not in French: " + message);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
