package fr.parcsolidaire.platform.http;

import fr.parcsolidaire.platform.security.Authenticator;
import fr.parcsolidaire.platform.security.Principal;
import io.helidon.http.HeaderNames;
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
    private final SecurityHeaders securityHeaders;

    public ErrorHandling(Pages pages, Authenticator authenticator, SecurityHeaders securityHeaders) {
        this.pages = pages;
        this.authenticator = authenticator;
        this.securityHeaders = securityHeaders;
    }

    public void register(HttpRouting.Builder routing) {
        routing.error(HttpProblem.class, this::problem);
        routing.error(Throwable.class, this::unexpected);
    }

    private void problem(ServerRequest req, ServerResponse res, HttpProblem problem) {
        respond(req, res, problem);
    }

    private void unexpected(ServerRequest req, ServerResponse res, Throwable error) {
        HttpProblem translated = DatabaseErrors.translate(error);
        if (translated == null) {
            translated = fromHelidon(error);
        }
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

    /** The signed-in person for the page's navigation, unless the database is what failed. */
    private Principal whoever(ServerRequest req, HttpProblem problem) {
        if (problem.status() == Status.SERVICE_UNAVAILABLE_503) {
            return null;
        }
        try {
            return authenticator.authenticate(req).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Helidon's own refusals (no such route, unreadable request) in French; its message is English and may echo input. */
    private static HttpProblem fromHelidon(Throwable error) {
        if (!(error instanceof HttpException http) || http.status().code() >= 500) {
            return null;
        }
        int code = http.status().code();
        if (code == 404) {
            return HttpProblem.notFound("Cette page n'existe pas. Vérifiez l'adresse.");
        }
        if (code == 405) {
            return new HttpProblem(http.status(), "method_not_allowed", "Cette action n'est pas possible à cette adresse.", Map.of());
        }
        if (code == 413) {
            return new HttpProblem(http.status(), "too_large", "La requête est trop volumineuse.", Map.of());
        }
        if (code == 415) {
            return new HttpProblem(http.status(), "unsupported_media_type", "Ce type de contenu n'est pas accepté ici.", Map.of());
        }
        return new HttpProblem(http.status(), "invalid", "La requête est invalide ou illisible.", Map.of());
    }

    private void respond(ServerRequest req, ServerResponse res, HttpProblem problem) {
        if (res.isSent()) {
            return;
        }
        securityHeaders.apply(req, res);
        if (problem instanceof RetryLater later) {
            res.header(HeaderNames.RETRY_AFTER, String.valueOf(later.seconds()));
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
        params.put("me", whoever(req, problem));
        params.put("problem", problem);
        pages.render(res, problem.status(), "platform/http/error.jte", params);
    }
}
