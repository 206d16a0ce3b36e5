package fr.parcsolidaire.platform.http;

import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** JSON in and out for the API: explicit parsing so that malformed input gets a French 400. */
public final class Json {

    /** API bodies are small; anything larger is refused before parsing. */
    private static final long MAX_BODY = 2 * 1024 * 1024;
    /** Digits after (or zeros before) the decimal point a number may have; far beyond any field's own range. */
    private static final int MAX_SCALE = 400;
    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withFormatting(false));

    private Json() {
    }

    public static void send(ServerResponse res, Status status, Object body) {
        res.status(status);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(JSONB.toJson(body));
    }

    public static void ok(ServerResponse res, Object body) {
        send(res, Status.OK_200, body);
    }

    /** The body as the API writes it, for answers kept already written. */
    public static byte[] bytes(Object body) {
        return JSONB.toJson(body).getBytes(StandardCharsets.UTF_8);
    }

    /** A 200 whose JSON was written beforehand by {@link #bytes}. */
    public static void okWritten(ServerResponse res, byte[] json) {
        res.status(Status.OK_200);
        // Helidon's constant keeps its bytes: nothing to encode again on the scan's hot path.
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(json);
    }

    /** A JSON object body (Content-Type application/json or +json); every refusal is a French 4xx. */
    public static JsonObject object(ServerRequest req) {
        if (!RequestBody.contentType(req).map(ct -> ct.mediaType().subtype().equals("json")
                || ct.mediaType().subtype().endsWith("+json")).orElse(false)) {
            throw new HttpProblem(Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported_media_type",
                    "Le corps de la requête doit être du JSON (Content-Type: application/json).", Map.of());
        }
        JsonValue value = value(req, "JSON mal formé : vérifiez la syntaxe de la requête.");
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw HttpProblem.badRequest("Un objet JSON est attendu.");
        }
        return value.asJsonObject();
    }

    /**
     * Any JSON value, whatever the declared type (scripts post files with curl's default type): a declared
     * charset must be UTF-8 (415), at most 2 MB, counted while reading since a chunked body declares no length
     * (413), valid UTF-8 (400, never U+FFFD), then parsed (400 with {@code malformed}; nesting is bounded by the parser).
     */
    public static JsonValue value(ServerRequest req, String malformed) {
        RequestBody.requireUtf8(req);
        return parse(RequestBody.read(req, MAX_BODY, "La requête est trop volumineuse (2 Mio au plus)."), malformed);
    }

    /** Bytes already read and capped: strict UTF-8 (a leading byte-order mark is allowed), then JSON. */
    public static JsonValue parse(byte[] body, String malformed) {
        String text = RequestBody.utf8(body, 0, body.length);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try (var reader = Jsonp.reader(new StringReader(text))) {
            return reader.readValue();
        } catch (JsonException e) {
            throw HttpProblem.badRequest(malformed);
        } catch (RuntimeException e) {
            // The parser refuses input nested too deeply with a bare RuntimeException.
            throw HttpProblem.badRequest("JSON mal formé ou trop imbriqué : vérifiez la syntaxe de la requête.");
        }
    }

    /**
     * A scalar member as text, whatever its JSON type (the validators then parse it), or null when absent.
     * An object or a list where a scalar is expected is refused at once, naming the field.
     */
    public static String text(JsonObject o, String name, String field) {
        if (o == null || !o.containsKey(name)) {
            return null;
        }
        JsonValue value = o.get(name);
        return switch (value.getValueType()) {
            case NULL -> null;
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> plain((JsonNumber) value, field);
            case TRUE -> "true";
            case FALSE -> "false";
            default -> throw new ValidationException(Map.of(field, "Une valeur simple est attendue, pas un objet ni une liste."));
        };
    }

    /**
     * A number written out in full. 1e999999999 is 15 bytes of JSON but a billion digits in full: refused
     * before it is written out, since no field of this service takes a number of more than a few digits.
     */
    private static String plain(JsonNumber number, String field) {
        BigDecimal n = number.bigDecimalValue();
        if (Math.abs((long) n.scale()) > MAX_SCALE || n.precision() > MAX_SCALE) {
            throw new ValidationException(Map.of(field, "Nombre hors des limites acceptées."));
        }
        return n.toPlainString();
    }

    public static JsonObject objectOrNull(JsonObject o, String name, String field) {
        if (o == null || !o.containsKey(name) || o.isNull(name)) {
            return null;
        }
        if (o.get(name).getValueType() != JsonValue.ValueType.OBJECT) {
            throw new ValidationException(Map.of(field, "Un objet est attendu."));
        }
        return o.getJsonObject(name);
    }

    public static List<JsonValue> array(JsonObject o, String name, String field) {
        if (o == null || !o.containsKey(name) || o.isNull(name)) {
            return List.of();
        }
        if (o.get(name).getValueType() != JsonValue.ValueType.ARRAY) {
            throw new ValidationException(Map.of(field, "Une liste est attendue."));
        }
        JsonArray array = o.getJsonArray(name);
        return array;
    }
}
