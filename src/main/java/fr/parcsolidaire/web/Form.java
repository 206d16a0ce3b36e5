package fr.parcsolidaire.web;

import io.helidon.common.parameters.Parameters;
import io.helidon.webserver.http.ServerRequest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fields of a submitted HTML form, read once by the {@link Guard} (which checks its CSRF token). */
public record Form(Parameters parameters) {

    public static Form of(ServerRequest req) {
        return req.context().get(Form.class)
                .orElseThrow(() -> HttpProblem.badRequest("Formulaire attendu."));
    }

    public String get(String name) {
        return parameters.first(name).orElse(null);
    }

    public List<String> all(String name) {
        return parameters.contains(name) ? parameters.all(name) : List.of();
    }

    public boolean has(String name) {
        return parameters.contains(name);
    }

    /** What was typed, to fill the form again when it comes back with errors. */
    public Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : parameters.names()) {
            if (!name.equals(Guard.CSRF_FIELD)) {
                values.put(name, parameters.first(name).orElse(""));
            }
        }
        return values;
    }
}
