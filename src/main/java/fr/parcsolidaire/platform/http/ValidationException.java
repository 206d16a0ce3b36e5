package fr.parcsolidaire.platform.http;

import io.helidon.http.Status;

import java.util.Map;

/** Input that does not pass validation: one French sentence per faulty field, nothing written. */
public final class ValidationException extends HttpProblem {

    public ValidationException(Map<String, String> fields) {
        super(Status.BAD_REQUEST_400, "invalid", "Certains champs sont à corriger.", fields);
    }
}
