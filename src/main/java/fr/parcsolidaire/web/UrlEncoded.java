package fr.parcsolidaire.web;

import io.helidon.http.Status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code application/x-www-form-urlencoded} in one pass over the bytes, as the WHATWG URL standard's
 * urlencoded parser: pairs split on '&', name and value on the first '=' (none: empty value), '+' is a space,
 * %XX is a byte (a '%' not followed by two hex digits stays as it is), then the bytes of each name and value
 * must be UTF-8. Each byte is looked at a bounded number of times, so the cost is linear in the body; the
 * number of fields is bounded too. Helidon 4.1.2's reader split the body with a backtracking regular
 * expression whose cost grew with the square of a body without '=' (issue 12: 80 KB took 28 s).
 */
public final class UrlEncoded {

    private UrlEncoded() {
    }

    /** The fields in the order sent; 413 beyond {@code maxFields} fields, 400 on bytes that are not UTF-8. */
    public static Map<String, List<String>> parse(byte[] body, int maxFields) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        byte[] scratch = new byte[body.length];
        int count = 0;
        int start = 0;
        while (start < body.length) {
            int end = indexOf(body, (byte) '&', start, body.length);
            if (end > start) {
                if (++count > maxFields) {
                    throw new HttpProblem(Status.REQUEST_ENTITY_TOO_LARGE_413, "too_many_fields",
                            "Le formulaire contient trop de champs (" + maxFields + " au plus).", Map.of());
                }
                int eq = indexOf(body, (byte) '=', start, end);
                String name = decode(body, start, eq, scratch);
                String value = eq == end ? "" : decode(body, eq + 1, end, scratch);
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
    private static String decode(byte[] b, int from, int to, byte[] scratch) {
        int n = 0;
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '+') {
                c = ' ';
            } else if (c == '%' && i + 2 < to) {
                int hi = Character.digit(b[i + 1], 16);
                int lo = Character.digit(b[i + 2], 16);
                if (hi >= 0 && lo >= 0) {
                    c = (byte) (hi << 4 | lo);
                    i += 2;
                }
            }
            ascii &= c >= 0;
            scratch[n++] = c;
        }
        return ascii ? new String(scratch, 0, n, StandardCharsets.ISO_8859_1) : RequestBody.utf8(scratch, 0, n);
    }
}
