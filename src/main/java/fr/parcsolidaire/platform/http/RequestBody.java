package fr.parcsolidaire.platform.http;

import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Request bodies read under a cap and decoded strictly, before any parser sees them. The cap is checked
 * against Content-Length before a byte is read, and again while reading, since a chunked body declares no
 * length. Text is UTF-8: a declared charset that is not UTF-8 is refused (415) rather than guessed, and bytes
 * that are not valid UTF-8 are refused (400) rather than stored as U+FFFD.
 */
final class RequestBody {

    private RequestBody() {
    }

    /** The whole body, at most {@code max} bytes; 413 with {@code tooLarge} (French) beyond. */
    public static byte[] read(ServerRequest req, long max, String tooLarge) {
        if (req.headers().contentLength().orElse(0) > max) {
            throw tooLarge(tooLarge);
        }
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        byte[] bytes;
        try (InputStream in = req.content().inputStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > max) {
            throw tooLarge(tooLarge);
        }
        return bytes;
    }

    /** The declared media type; a Content-Type header that cannot be read is the client's error (400), not ours. */
    public static Optional<HttpMediaType> contentType(ServerRequest req) {
        try {
            return req.headers().contentType();
        } catch (RuntimeException e) {
            throw HttpProblem.badRequest("L'en-tête Content-Type de la requête est illisible.");
        }
    }

    /** Refuses (415) a declared charset other than UTF-8; no charset means UTF-8. */
    public static void requireUtf8(ServerRequest req) {
        contentType(req).ifPresent(type -> {
            for (Map.Entry<String, String> p : type.parameters().entrySet()) {
                if (p.getKey().equalsIgnoreCase(HttpMediaType.CHARSET_PARAMETER) && !isUtf8(p.getValue())) {
                    throw new HttpProblem(Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported_charset",
                            "Jeu de caractères non accepté : envoyez le texte en UTF-8 (charset=utf-8).", Map.of());
                }
            }
        });
    }

    /** The bytes as text; 400 in French when they are not valid UTF-8 (overlong forms and surrogates included). */
    public static String utf8(byte[] bytes, int offset, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalidUtf8();
        }
    }

    static HttpProblem invalidUtf8() {
        return HttpProblem.badRequest("Le texte envoyé contient des caractères invalides (UTF-8 attendu) : rien n'a été enregistré.");
    }

    static boolean isUtf8(String charset) {
        String c = charset.strip();
        if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
            c = c.substring(1, c.length() - 1).strip();
        }
        return c.equalsIgnoreCase("utf-8") || c.equalsIgnoreCase("utf8");
    }

    private static HttpProblem tooLarge(String message) {
        return new HttpProblem(Status.REQUEST_ENTITY_TOO_LARGE_413, "too_large", message, Map.of());
    }

    /** "64 Kio", "8 Mio": a cap as people read it. */
    static String size(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return (bytes / (1024 * 1024)) + " Mio";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return (bytes / 1024) + " Kio";
        }
        return bytes + " octets";
    }
}
