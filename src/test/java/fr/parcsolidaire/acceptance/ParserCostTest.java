package fr.parcsolidaire.acceptance;

import fr.parcsolidaire.Http;
import fr.parcsolidaire.acceptance.FormBodyTest.Timed;
import fr.parcsolidaire.platform.security.Role;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import static fr.parcsolidaire.acceptance.FormBodyTest.FORM;
import static fr.parcsolidaire.acceptance.FormBodyTest.assertFrench;
import static fr.parcsolidaire.acceptance.FormBodyTest.post;
import static fr.parcsolidaire.acceptance.FormBodyTest.timed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per family of routes that take a body, the most hostile body each accepts (just under its cap, in the shape
 * that was quadratic or that builds the most objects) and one far over it are answered within generous bounds:
 * about 20 times what {@code ./parc bench parsers} measures, which also shows each 10× larger body costing
 * about 10× more. A parser whose cost grew with the square of the size would take minutes to hours here.
 */
class ParserCostTest {

    private static final Duration BOUND = Duration.ofSeconds(1);
    /** Bodies of several megabytes: the bound also covers sending them on a loaded machine. */
    private static final Duration LARGE_BOUND = Duration.ofSeconds(3);

    @Test
    void forms() throws Exception {
        Http browser = Http.browser(Role.TECHNICIAN);
        byte[] large = ascii("a".repeat(8 * 1024 * 1024 - 1));
        Timed underCap = timed(() -> post(browser, "/donations", FORM, large, false));
        assertEquals(403, underCap.response().statusCode(), "parsed, then refused for its missing CSRF field");
        assertTrue(underCap.elapsed().compareTo(LARGE_BOUND) < 0, "8 MiB large form without '=': " + underCap.elapsed());
        Timed overCap = timed(() -> post(browser, "/donations", FORM, ascii("a".repeat(8 * 1024 * 1024 + 1)), true));
        assertEquals(413, overCap.response().statusCode(), "counted while reading: a chunked body declares no length");
        assertFrench(overCap.response());
        assertTrue(overCap.elapsed().compareTo(LARGE_BOUND) < 0, "over the large-form cap, chunked: " + overCap.elapsed());
        Timed wayOver = timed(() -> post(browser, "/m/PS-0000-00000/repair", FORM, ascii("a".repeat(10 * 64 * 1024)), true));
        assertEquals(413, wayOver.response().statusCode());
        assertFrench(wayOver.response());
        assertTrue(wayOver.elapsed().compareTo(BOUND) < 0, "10 × the form cap, chunked: " + wayOver.elapsed());
    }

    @Test
    void json() throws Exception {
        Http api = Http.api(Role.SOCIAL_WORKER);
        byte[] members = manyMembers(2 * 1024 * 1024 - 1);
        Timed underCap = timed(() -> post(api, "/api/v1/courses/999999999/sessions", "application/json", members, false));
        assertEquals(404, underCap.response().statusCode(), "parsed, then the unknown course");
        assertTrue(underCap.elapsed().compareTo(BOUND) < 0, "2 MiB of JSON members: " + underCap.elapsed());
        byte[] deep = ascii("[".repeat(2 * 1024 * 1024 - 1));
        Timed nested = timed(() -> post(api, "/api/v1/courses/999999999/sessions", "application/json", deep, true));
        assertEquals(400, nested.response().statusCode());
        assertFrench(nested.response());
        assertTrue(nested.elapsed().compareTo(BOUND) < 0, "2 MiB of '[': " + nested.elapsed());
        Timed wayOver = timed(() -> post(api, "/api/v1/courses/999999999/sessions", "application/json",
                ascii("[".repeat(20 * 1024 * 1024)), true));
        assertEquals(413, wayOver.response().statusCode());
        assertFrench(wayOver.response());
        assertTrue(wayOver.elapsed().compareTo(LARGE_BOUND) < 0, "10 × the JSON cap, chunked: " + wayOver.elapsed());
    }

    @Test
    void uploads() throws Exception {
        Http api = Http.api(Role.SOCIAL_WORKER);
        byte[] pdf = new byte[10 * 1024 * 1024];
        Arrays.fill(pdf, (byte) ' ');
        System.arraycopy(ascii("%PDF-1.7\n"), 0, pdf, 0, 9);
        Timed underCap = timed(() -> post(api, "/api/v1/assignments/999999999/scans", "application/pdf", pdf, false));
        assertEquals(404, underCap.response().statusCode(), "read, then the unknown assignment");
        assertTrue(underCap.elapsed().compareTo(LARGE_BOUND) < 0, "10 MiB upload: " + underCap.elapsed());
        byte[] over = Arrays.copyOf(pdf, 10 * 1024 * 1024 + 1);
        Timed overCap = timed(() -> post(api, "/api/v1/assignments/999999999/scans", "application/pdf", over, false));
        assertEquals(413, overCap.response().statusCode(), "refused from its Content-Length, before reading");
        assertFrench(overCap.response());
        assertTrue(overCap.elapsed().compareTo(LARGE_BOUND) < 0, "over the upload cap: " + overCap.elapsed());
    }

    /**
     * Issue 17: a page's file form (multipart, platform/http/Multipart) at its cap, filled with what a naive boundary
     * search re-examines the most (near-boundaries), is cut in one pass; over its cap it is refused before parsing.
     */
    @Test
    void multipart() throws Exception {
        Http browser = Http.browser(Role.SOCIAL_WORKER);
        String boundary = "b".repeat(70);
        String near = "\r\n--" + "b".repeat(69) + "#";
        int cap = 10 * 1024 * 1024 + 64 * 1024;
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.pdf\"\r\n\r\n";
        byte[] hostile = ascii(head + near.repeat((cap - head.length() - 200) / near.length()) + "\r\n--" + boundary + "--\r\n");
        String type = "multipart/form-data; boundary=" + boundary;
        Timed underCap = timed(() -> post(browser, "/assignments/999999999/scan", type, hostile, false));
        assertEquals(403, underCap.response().statusCode(), "parsed, then refused for its missing CSRF field");
        assertTrue(underCap.elapsed().compareTo(LARGE_BOUND) < 0, "10 MiB of near-boundaries: " + underCap.elapsed());
        byte[] over = Arrays.copyOf(hostile, cap + 1);
        Timed overCap = timed(() -> post(browser, "/assignments/999999999/scan", type, over, true));
        assertEquals(413, overCap.response().statusCode(), "counted while reading: a chunked body declares no length");
        assertFrench(overCap.response());
        assertTrue(overCap.elapsed().compareTo(LARGE_BOUND) < 0, "over the upload cap, chunked: " + overCap.elapsed());
    }

    private static byte[] manyMembers(int size) {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; s.length() < size - 20; i++) {
            s.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        return ascii(s.append('}').toString());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
