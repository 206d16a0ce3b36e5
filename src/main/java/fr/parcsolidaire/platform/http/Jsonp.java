package fr.parcsolidaire.platform.http;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;

/**
 * JSON-P builders and readers from one provider looked up once. {@code jakarta.json.Json.createXxx} runs a
 * ServiceLoader lookup on every call: with ten history events per machine that was the scan lookup's top cost.
 */
public final class Jsonp {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsonp() {
    }

    public static JsonObjectBuilder objectBuilder() {
        return PROVIDER.createObjectBuilder();
    }

    public static JsonArrayBuilder arrayBuilder() {
        return PROVIDER.createArrayBuilder();
    }

    public static JsonReader reader(Reader reader) {
        return PROVIDER.createReader(reader);
    }

    public static JsonReader reader(InputStream in) {
        return PROVIDER.createReader(in);
    }

    /** Compact UTF-8 JSON onto {@code out}, for bodies written by hand rather than by JSON-B. */
    public static JsonGenerator generator(OutputStream out) {
        return PROVIDER.createGenerator(out);
    }
}
