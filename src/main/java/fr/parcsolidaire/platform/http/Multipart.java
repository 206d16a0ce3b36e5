package fr.parcsolidaire.platform.http;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code multipart/form-data} body (RFC 7578), so that a file goes up from a plain HTML form, without JavaScript
 * (Helidon's multipart module does not resolve here). Bounded before parsing: the body is read up to its cap
 * ({@link RequestBody}, 413 beyond), then cut in one linear pass (a boundary is at most 70 characters, RFC 2046, so
 * looking for it costs at most 70 comparisons a byte); at most {@link #MAX_PARTS} parts, each header block at most
 * {@link #MAX_HEADER_BYTES}. Anything else is a 400 in French.
 */
public record Multipart(List<Part> parts) {

    /** A form field or a file; {@code filename} is null for a field. */
    public record Part(String name, String filename, String contentType, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A file form has its CSRF field, the file and perhaps a note: a few parts, never hundreds. */
    static final int MAX_PARTS = 16;
    static final int MAX_HEADER_BYTES = 2048;
    private static final int MAX_BOUNDARY = 70;

    public static boolean isMultipart(HttpMediaType type) {
        return type.mediaType().equals(MediaTypes.MULTIPART_FORM_DATA);
    }

    /** The multipart body the Guard read (and checked the CSRF field of), or a 400 when the request had none. */
    public static Multipart of(ServerRequest req) {
        return req.context().get(Multipart.class).orElseThrow(() -> HttpProblem.badRequest("Formulaire d'envoi de fichier attendu."));
    }

    static Multipart read(ServerRequest req, long maxBytes) {
        HttpMediaType type = RequestBody.contentType(req).orElseThrow(() -> unreadable("type de contenu absent"));
        String boundary = type.parameters().get("boundary");
        byte[] body = RequestBody.read(req, maxBytes, "L'envoi dépasse la taille maximale de "
                + RequestBody.size(maxBytes) + " : choisissez un fichier plus petit.");
        return parse(body, boundary);
    }

    /** Cuts a body on its boundary; linear in the body's size. */
    public static Multipart parse(byte[] body, String boundary) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > MAX_BOUNDARY
                || !boundary.chars().allMatch(c -> c > 32 && c < 127)) {
            throw unreadable("séparateur absent ou invalide");
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        byte[] between = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(body, delimiter, 0);
        if (at != 0) {
            at = indexOf(body, between, 0);
            if (at < 0) {
                throw unreadable("aucune partie");
            }
            at += 2;
        }
        List<Part> parts = new ArrayList<>();
        int pos = at + delimiter.length;
        while (true) {
            if (startsWith(body, pos, "--")) {
                return new Multipart(List.copyOf(parts));
            }
            if (!startsWith(body, pos, "\r\n")) {
                throw unreadable("séparateur mal terminé");
            }
            pos += 2;
            if (parts.size() == MAX_PARTS) {
                throw unreadable("plus de " + MAX_PARTS + " parties");
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), pos, pos + MAX_HEADER_BYTES + 4);
            if (headersEnd < 0) {
                throw unreadable("en-têtes d'une partie trop longs ou incomplets");
            }
            Map<String, String> headers = headers(new String(body, pos, headersEnd - pos, StandardCharsets.UTF_8));
            int start = headersEnd + 4;
            int end = indexOf(body, between, start);
            if (end < 0) {
                throw unreadable("dernière partie non terminée");
            }
            parts.add(part(headers, Arrays.copyOfRange(body, start, end)));
            pos = end + between.length;
        }
    }

    /** The first text field of this name, or null. */
    public String field(String name) {
        return parts.stream().filter(p -> p.name().equals(name) && p.filename() == null).map(Part::text).findFirst().orElse(null);
    }

    /** The first file of this name that was chosen (a browser sends an empty part when none was). */
    public Optional<Part> file(String name) {
        return parts.stream().filter(p -> p.name().equals(name) && p.filename() != null && p.body().length > 0).findFirst();
    }

    private static Part part(Map<String, String> headers, byte[] content) {
        String disposition = headers.get("content-disposition");
        if (disposition == null || !disposition.toLowerCase(Locale.ROOT).startsWith("form-data")) {
            throw unreadable("partie sans « Content-Disposition: form-data »");
        }
        String name = parameter(disposition, "name");
        if (name == null) {
            throw unreadable("partie sans nom");
        }
        return new Part(name, parameter(disposition, "filename"), headers.get("content-type"), content);
    }

    private static Map<String, String> headers(String block) {
        Map<String, String> headers = new HashMap<>();
        for (String line : block.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw unreadable("en-tête de partie illisible");
            }
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        return headers;
    }

    /** A quoted or bare parameter of a Content-Disposition header ({@code name="file"}). */
    private static String parameter(String header, String key) {
        for (String piece : header.split(";")) {
            String p = piece.strip();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase(key)) {
                String v = p.substring(eq + 1).strip();
                return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
            }
        }
        return null;
    }

    private static boolean startsWith(byte[] b, int at, String s) {
        if (at + s.length() > b.length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[at + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, byte[] needle, int from) {
        return indexOf(b, needle, from, b.length);
    }

    /**
     * The first occurrence of needle starting in [from, limit), or -1: Knuth-Morris-Pratt, so each byte of the body is
     * looked at a bounded number of times whatever it holds (near-boundaries cost no more than anything else).
     */
    private static int indexOf(byte[] b, byte[] needle, int from, int limit) {
        int[] fallback = new int[needle.length];
        for (int i = 1, k = 0; i < needle.length; i++) {
            while (k > 0 && needle[i] != needle[k]) {
                k = fallback[k - 1];
            }
            if (needle[i] == needle[k]) {
                k++;
            }
            fallback[i] = k;
        }
        int end = Math.min(limit, b.length);
        for (int i = from, k = 0; i < end; i++) {
            while (k > 0 && b[i] != needle[k]) {
                k = fallback[k - 1];
            }
            if (b[i] == needle[k]) {
                k++;
            }
            if (k == needle.length) {
                return i - needle.length + 1;
            }
        }
        return -1;
    }

    private static HttpProblem unreadable(String why) {
        return new HttpProblem(Status.BAD_REQUEST_400, "invalid", "Envoi de fichier illisible (" + why
                + ") : rechargez la page et recommencez.", Map.of());
    }
}
