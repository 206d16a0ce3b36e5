package fr.parcsolidaire.platform.http;

import io.helidon.http.Status;

import java.util.Map;

/**
 * A request that cannot be served as asked, with a French sentence for the person and,
 * for invalid input, one sentence per field. Mapped to the API's error JSON or to an HTML page.
 */
public class HttpProblem extends RuntimeException {

    private final Status status;
    private final String code;
    private final Map<String, String> fields;

    public HttpProblem(Status status, String code, String message, Map<String, String> fields) {
        super(message);
        this.status = status;
        this.code = code;
        this.fields = Map.copyOf(fields);
    }

    public static HttpProblem notFound(String message) {
        return new HttpProblem(Status.NOT_FOUND_404, "not_found", message, Map.of());
    }

    public static HttpProblem conflict(String message) {
        return new HttpProblem(Status.CONFLICT_409, "conflict", message, Map.of());
    }

    public static HttpProblem forbidden() {
        return new HttpProblem(Status.FORBIDDEN_403, "forbidden",
                "Votre rôle ne permet pas d'accéder à cette page.", Map.of());
    }

    public static HttpProblem badRequest(String message) {
        return new HttpProblem(Status.BAD_REQUEST_400, "invalid", message, Map.of());
    }

    public Status status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, String> fields() {
        return fields;
    }
}
