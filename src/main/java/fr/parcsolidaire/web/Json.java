package fr.parcsolidaire.web;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/** JSON in and out for the API: explicit parsing so that malformed input gets a French 400. */
public final class Json {

    /** API bodies are small; anything larger is refused before parsing. */
    private static final long MAX_BODY = 2 * 1024 * 1024;
    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withFormatting(false));

    private Json() {
    }

    public static void send(ServerResponse res, Status status, Object body) {
        res.status(status);
        res.headers().contentType(MediaTypes.APPLICATION_JSON);
        res.send(JSONB.toJson(body));
    }

    public static void ok(ServerResponse res, Object body) {
        send(res, Status.OK_200, body);
    }

    /** The body as the API writes it, for answers kept already written. */
    public static byte[] bytes(Object body) {
        return JSONB.toJson(body).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A 200 whose JSON was written beforehand by {@link #bytes}. */
    public static void okWritten(ServerResponse res, byte[] json) {
        res.status(Status.OK_200);
        res.headers().contentType(MediaTypes.APPLICATION_JSON);
        res.send(json);
    }

    public static JsonObject object(ServerRequest req) {
        if (!req.headers().contentType().map(ct -> ct.mediaType().subtype().equals("json")).orElse(false)) {
            throw new HttpProblem(Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported_media_type",
                    "Le corps de la requête doit être du JSON (Content-Type: application/json).", Map.of());
        }
        if (req.headers().contentLength().orElse(0) > MAX_BODY) {
            throw new HttpProblem(Status.REQUEST_ENTITY_TOO_LARGE_413, "too_large",
                    "La requête est trop volumineuse.", Map.of());
        }
        try (InputStream in = req.content().inputStream(); var reader = Jsonp.reader(in)) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw HttpProblem.badRequest("Un objet JSON est attendu.");
            }
            return value.asJsonObject();
        } catch (jakarta.json.JsonException e) {
            throw HttpProblem.badRequest("JSON mal formé : vérifiez la syntaxe de la requête.");
        } catch (HttpProblem e) {
            throw e;
        } catch (RuntimeException e) {
            // The parser refuses input nested too deeply with a bare RuntimeException.
            throw HttpProblem.badRequest("JSON mal formé ou trop imbriqué : vérifiez la syntaxe de la requête.");
        } catch (java.io.IOException e) {
            throw HttpProblem.badRequest("Corps de requête illisible.");
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
            case NUMBER -> ((JsonNumber) value).bigDecimalValue().toPlainString();
            case TRUE -> "true";
            case FALSE -> "false";
            default -> throw new ValidationException(Map.of(field, "Une valeur simple est attendue, pas un objet ni une liste."));
        };
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
