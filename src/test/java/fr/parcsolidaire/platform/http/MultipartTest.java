package fr.parcsolidaire.platform.http;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pages' file forms without JavaScript: what a browser sends is read, anything hostile is a French 400. */
class MultipartTest {

    private static final String B = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

    @Test
    void aBrowsersFormGivesItsFieldsAndItsFile() {
        byte[] pdf = "%PDF-1.7\r\n--not a boundary\r\n\u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        Multipart m = Multipart.parse(body(field("_csrf", "jeton"), file("file", "contrat signé.pdf", pdf),
                field("note", "Signée au guichet")), B);
        assertEquals("jeton", m.field("_csrf"));
        assertEquals("Signée au guichet", m.field("note"));
        assertEquals("contrat signé.pdf", m.file("file").orElseThrow().filename());
        assertArrayEquals(pdf, m.file("file").orElseThrow().body());
        assertNull(m.field("file"), "a file is not a text field");
    }

    @Test
    void noFileChosenIsAnEmptyPartAndNoFile() {
        Multipart m = Multipart.parse(body(field("_csrf", "x"), file("file", "", new byte[0])), B);
        assertTrue(m.file("file").isEmpty());
    }

    @Test
    void hostileBodiesAreRefusedInFrench() {
        String part = "--" + B + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nz\r\n";
        for (String[] hostile : new String[][] {
                {"", B}, {part, B}, {part.repeat(17) + "--" + B + "--\r\n", B},
                {"--" + B + "\r\nContent-Disposition: form-data; name=\"a\"\r\nX: " + "y".repeat(5000) + "\r\n\r\nz\r\n--" + B + "--", B},
                {"--" + B + "\r\nContent-Disposition: form-data\r\n\r\nz\r\n--" + B + "--", B},
                {"--" + B + "\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nz\r\n--" + B + "--", B},
                {"--" + B + "\r\nsans deux-points\r\n\r\nz\r\n--" + B + "--", B},
                {"--" + B + "xx", B}, {part, "b".repeat(71)}, {part, null}, {part, "a b"}}) {
            HttpProblem p = assertThrows(HttpProblem.class, () -> Multipart.parse(hostile[0].getBytes(StandardCharsets.ISO_8859_1),
                    hostile[1]), hostile[0].length() > 80 ? hostile[0].substring(0, 80) : hostile[0]);
            assertEquals(400, p.status().code());
            assertTrue(p.getMessage().startsWith("Envoi de fichier illisible"), p.getMessage());
        }
    }

    @Test
    void nearBoundariesCostOnePass() {
        String boundary = "b".repeat(70);
        String near = "\r\n--" + "b".repeat(69) + "#";
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x\"\r\n\r\n"
                + near.repeat(120_000) + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        Multipart m = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> Multipart.parse(body, boundary));
        assertEquals(near.length() * 120_000, m.file("file").orElseThrow().body().length);
    }

    private static byte[] field(String name, String value) {
        return ("--" + B + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] file(String name, String filename, byte[] content) {
        byte[] head = ("--" + B + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        return concat(head, content, "\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] body(byte[]... parts) {
        byte[][] all = Arrays.copyOf(parts, parts.length + 1);
        all[parts.length] = ("--" + B + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        return concat(all);
    }

    private static byte[] concat(byte[]... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : pieces) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
