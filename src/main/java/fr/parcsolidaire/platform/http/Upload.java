package fr.parcsolidaire.platform.http;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * A file sent as the raw request body (pages send it with fetch from app.js, scripts with curl --data-binary),
 * which avoids multipart parsing altogether. The size is capped while reading and the type is decided
 * from the first bytes, never from the name or the declared Content-Type.
 */
public record Upload(String contentType, byte[] bytes) {

    public static final String JPEG = "image/jpeg";
    public static final String PNG = "image/png";
    public static final String PDF = "application/pdf";
    /** A tool's text output (a log): no NUL byte in its first bytes, not JSON. */
    public static final String TEXT = "text/plain";
    /** A tool's JSON output: text that opens an object, or an array of objects, arrays or strings. */
    public static final String JSON = "application/json";

    /** How far text is checked for NUL bytes: binary formats show one early. */
    private static final int TEXT_PROBE = 8192;

    /** Reads the body; refuses (413) anything over maxBytes, declared or read, and (415) any type not in accepted. */
    public static Upload read(ServerRequest req, long maxBytes, Set<String> accepted) {
        return of(RequestBody.read(req, maxBytes, tooLarge(maxBytes)), maxBytes, accepted);
    }

    /**
     * The file of a form: the {@code field} part of a multipart body (a page without JavaScript, see {@link Multipart}),
     * or else the raw body (app.js, scripts); held to the same size and types either way.
     */
    public static Upload fromForm(ServerRequest req, String field, long maxBytes, Set<String> accepted) {
        if (req.context().get(Multipart.class).isPresent()) {
            Multipart.Part part = Multipart.of(req).file(field).orElseThrow(() -> new ValidationException(
                    Map.of(field, "Choisissez d'abord un fichier.")));
            return of(part.body(), maxBytes, accepted);
        }
        return read(req, maxBytes, accepted);
    }

    /** Checks bytes already read: size (413), emptiness (400) and real type (415). */
    public static Upload of(byte[] bytes, long maxBytes, Set<String> accepted) {
        if (bytes.length > maxBytes) {
            throw new HttpProblem(Status.REQUEST_ENTITY_TOO_LARGE_413, "too_large", tooLarge(maxBytes), Map.of());
        }
        if (bytes.length == 0) {
            throw new HttpProblem(Status.BAD_REQUEST_400, "invalid", "Aucun fichier reçu.", Map.of());
        }
        String type = sniff(bytes);
        if (type == null || !accepted.contains(type)) {
            throw new HttpProblem(Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported_type",
                    "Type de fichier non accepté : envoyez " + describe(accepted) + ".", Map.of());
        }
        return new Upload(type, bytes);
    }

    private static String tooLarge(long maxBytes) {
        return "Le fichier dépasse la taille maximale de " + (maxBytes / (1024 * 1024)) + " Mo.";
    }

    /** The type the content really has, from its magic number, or null. */
    public static String sniff(byte[] b) {
        if (startsWith(b, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (startsWith(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        if (startsWith(b, '%', 'P', 'D', 'F', '-')) {
            return PDF;
        }
        return textType(b);
    }

    /** TEXT or JSON for bytes that look like text, else null. */
    private static String textType(byte[] b) {
        int probe = Math.min(b.length, TEXT_PROBE);
        for (int i = 0; i < probe; i++) {
            if (b[i] == 0) {
                return null;
            }
        }
        int i = startsWith(b, 0xEF, 0xBB, 0xBF) ? 3 : 0;
        while (i < probe && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
            i++;
        }
        if (i < probe && b[i] == '[') {
            // A log line often starts with "[2026/11/28 …]": an array is JSON only when what it holds looks like it.
            int j = i + 1;
            while (j < probe && (b[j] == ' ' || b[j] == '\t' || b[j] == '\r' || b[j] == '\n')) {
                j++;
            }
            return j < probe && (b[j] == '{' || b[j] == '[' || b[j] == '"' || b[j] == ']') ? JSON : TEXT;
        }
        return i < probe && b[i] == '{' ? JSON : TEXT;
    }

    private static boolean startsWith(byte[] bytes, int... magic) {
        if (bytes.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((bytes[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Set<String> accepted) {
        return String.join(", ", accepted.stream().sorted().map(t -> switch (t) {
            case JPEG -> "une photo JPEG";
            case PNG -> "une image PNG";
            case PDF -> "un PDF";
            case TEXT -> "un journal texte";
            case JSON -> "un fichier JSON";
            default -> t;
        }).toList());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Upload u && u.contentType.equals(contentType) && Arrays.equals(u.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return 31 * contentType.hashCode() + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Upload[" + contentType + ", " + bytes.length + " bytes]";
    }
}
