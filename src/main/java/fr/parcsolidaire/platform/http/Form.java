package fr.parcsolidaire.platform.http;

import io.helidon.webserver.http.ServerRequest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of a submitted HTML form, in the order sent, read once by the {@link Guard} (which checks its CSRF
 * token) through {@link UrlEncoded}.
 */
public record Form(Map<String, List<String>> fields) {

    public Form {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public static Form of(ServerRequest req) {
        return req.context().get(Form.class)
                .orElseThrow(() -> HttpProblem.badRequest("Formulaire attendu."));
    }

    /** A form filled in by the service itself (one value per field; null is empty). */
    public static Form of(Map<String, String> values) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        values.forEach((k, v) -> fields.put(k, List.of(v == null ? "" : v)));
        return new Form(fields);
    }

    public String get(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    public List<String> all(String name) {
        return fields.getOrDefault(name, List.of());
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }

    public Set<String> names() {
        return fields.keySet();
    }

    /** What was typed, to fill the form again when it comes back with errors. */
    public Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        fields.forEach((name, all) -> {
            if (!name.equals(Guard.CSRF_FIELD)) {
                values.put(name, all.isEmpty() ? "" : all.getFirst());
            }
        });
        return values;
    }
}
