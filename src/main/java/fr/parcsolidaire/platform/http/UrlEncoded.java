package fr.parcsolidaire.platform.http;

import io.helidon.http.Status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code application/x-www-form-urlencoded} in one pass over the bytes, as the WHATWG URL standard's
 * urlencoded parser: pairs split on '&', name and value on the first '=' (none: empty value), '+' is a space,
 * %XX is a byte (a '%' not followed by two hex digits stays as it is), then the bytes of each name and value
 * must be UTF-8. Each byte is looked at a bounded number of times, so the cost is linear in the body; the
 * number of fields is bounded too. Helidon 4.1.2's reader split the body with a backtracking regular
 * expression whose cost grew with the square of a body without '=' (issue 12: 80 KB took 28 s).
 */
final class UrlEncoded {

    private UrlEncoded() {
    }

    /** A form body's fields in the order sent; 413 beyond {@code maxFields} fields, 400 on bytes that are not UTF-8. */
    public static Map<String, List<String>> parse(byte[] body, int maxFields) {
        return parse(body, false, maxFields, () -> new HttpProblem(Status.REQUEST_ENTITY_TOO_LARGE_413, "too_many_fields",
                "Le formulaire contient trop de champs (" + maxFields + " au plus).", Map.of()));
    }

    /**
     * A raw query string's parameters. Stricter than a form: a '%' must start an escape (Helidon 4.1.2's own
     * decoder fails on "?q=%" with a 500), else 400 in French, like bytes that are not UTF-8.
     */
    public static Map<String, List<String>> parseQuery(String raw, int maxFields) {
        return parse(raw.getBytes(StandardCharsets.ISO_8859_1), true, maxFields, () -> new HttpProblem(Status.REQUEST_URI_TOO_LONG_414,
                "too_many_parameters", "L'adresse demandée contient trop de paramètres (" + maxFields + " au plus).", Map.of()));
    }

    private static Map<String, List<String>> parse(byte[] body, boolean strict, int maxFields, Supplier<HttpProblem> tooMany) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        byte[] scratch = new byte[body.length];
        int count = 0;
        int start = 0;
        while (start < body.length) {
            int end = indexOf(body, (byte) '&', start, body.length);
            if (end > start) {
                if (++count > maxFields) {
                    throw tooMany.get();
                }
                int eq = indexOf(body, (byte) '=', start, end);
                String name = decode(body, start, eq, scratch, strict);
                String value = eq == end ? "" : decode(body, eq + 1, end, scratch, strict);
                fields.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
            }
            start = end + 1;
        }
        return fields;
    }

    private static int indexOf(byte[] b, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == wanted) {
                return i;
            }
        }
        return to;
    }

    /** Percent- and plus-decodes b[from, to) into scratch, then reads it as strict UTF-8. */
    private static String decode(byte[] b, int from, int to, byte[] scratch, boolean strict) {
        int n = 0;
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '+') {
                c = ' ';
            } else if (c == '%') {
                int hi = i + 2 < to ? Character.digit(b[i + 1], 16) : -1;
                int lo = i + 2 < to ? Character.digit(b[i + 2], 16) : -1;
                if (hi >= 0 && lo >= 0) {
                    c = (byte) (hi << 4 | lo);
                    i += 2;
                } else if (strict) {
                    throw HttpProblem.badRequest("Adresse mal encodée : un « % » doit être suivi de deux chiffres hexadécimaux.");
                }
            }
            ascii &= c >= 0;
            scratch[n++] = c;
        }
        return ascii ? new String(scratch, 0, n, StandardCharsets.ISO_8859_1) : RequestBody.utf8(scratch, 0, n);
    }
}
