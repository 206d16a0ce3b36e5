package fr.parcsolidaire.web;

import fr.parcsolidaire.auth.Authenticator;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Maps every failure to the API's error JSON or to a French HTML page. No stack trace reaches a user:
 * unexpected errors are logged with a reference the person can quote.
 */
public final class ErrorHandling {

    private static final Logger LOG = Logger.getLogger(ErrorHandling.class.getName());

    private final Pages pages;
    private final Authenticator authenticator;

    public ErrorHandling(Pages pages, Authenticator authenticator) {
        this.pages = pages;
        this.authenticator = authenticator;
    }

    public void register(HttpRouting.Builder routing) {
        routing.error(HttpProblem.class, this::problem);
        routing.error(Throwable.class, this::unexpected);
    }

    private void problem(ServerRequest req, ServerResponse res, HttpProblem problem) {
        respond(req, res, problem);
    }

    private void unexpected(ServerRequest req, ServerResponse res, Throwable error) {
        HttpProblem translated = error instanceof HttpException http ? fromHelidon(http) : DatabaseErrors.translate(error);
        if (translated != null) {
            respond(req, res, translated);
            return;
        }
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.log(Level.SEVERE, "Unexpected error " + reference + " on " + req.prologue().method().text() + " "
                + req.path().path(), error);
        respond(req, res, new HttpProblem(Status.INTERNAL_SERVER_ERROR_500, "internal",
                "Une erreur inattendue s'est produite (référence " + reference + "). Rien n'a été enregistré.", Map.of()));
    }

    /** Helidon's own refusals (no such route, bad request line) in the service's words; server errors stay unexpected. */
    private static HttpProblem fromHelidon(HttpException e) {
        Status status = e.status();
        if (status.code() == 404) {
            return HttpProblem.notFound("Cette page n'existe pas.");
        }
        if (status.code() >= 400 && status.code() < 500) {
            return new HttpProblem(status, "invalid", "Requête invalide : " + status.reasonPhrase() + ".", Map.of());
        }
        return null;
    }

    private void respond(ServerRequest req, ServerResponse res, HttpProblem problem) {
        if (res.isSent()) {
            return;
        }
        if (Guard.isApi(req) || req.path().path().equals("/health")) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", problem.code());
            body.put("message", problem.getMessage());
            if (!problem.fields().isEmpty()) {
                body.put("fields", problem.fields());
            }
            Json.send(res, problem.status(), body);
            return;
        }
        Map<String, Object> params = new HashMap<>();
        params.put("me", authenticator.authenticate(req).orElse(null));
        params.put("problem", problem);
        pages.render(res, problem.status(), "error.jte", params);
    }
}
