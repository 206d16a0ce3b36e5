package fr.parcsolidaire.platform.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;

import java.nio.charset.StandardCharsets;

/**
 * Requests Helidon refuses before routing (address too long, unreadable request line or headers, body over
 * the limit) would otherwise get a short English text. They get the same French answer as every other
 * error: JSON under /api/, a small page elsewhere, with the security headers. Helidon's own message is
 * never echoed, since it may quote the request.
 */
public final class FrenchDirectHandler implements DirectHandler {

    public static DirectHandlers all() {
        FrenchDirectHandler handler = new FrenchDirectHandler();
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, String message) {
        String french = message(status);
        boolean api = request.path() != null && request.path().startsWith("/api/");
        byte[] body = (api
                ? "{\"error\":\"" + (status.code() >= 500 ? "internal" : "invalid") + "\",\"message\":\"" + french + "\"}"
                : "<!doctype html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>Requête refusée · Parc Solidaire</title>\n<link rel=\"stylesheet\" href=\"/static/app.css\">\n</head>\n"
                + "<body>\n<main id=\"main\">\n<h1>Requête refusée</h1>\n<p class=\"alert\" role=\"alert\">" + french + "</p>\n"
                + "<p><a href=\"/\">Retour à l'accueil</a></p>\n</main>\n</body>\n</html>\n").getBytes(StandardCharsets.UTF_8);
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, api ? "application/json" : "text/html; charset=UTF-8")
                .header(HeaderNames.create("Content-Security-Policy"), SecurityHeaders.CONTENT_SECURITY_POLICY)
                .header(HeaderNames.create("X-Content-Type-Options"), "nosniff")
                .header(HeaderNames.create("X-Frame-Options"), "DENY")
                .header(HeaderNames.create("Referrer-Policy"), "same-origin")
                .header(HeaderNames.CACHE_CONTROL, "no-store")
                .keepAlive(false)
                .entity(body)
                .build();
    }

    private static String message(Status status) {
        return switch (status.code()) {
            case 413 -> "La requête est trop volumineuse.";
            case 414 -> "L'adresse demandée est trop longue : raccourcissez la recherche.";
            case 431 -> "Les en-têtes de la requête sont trop volumineux.";
            case 403 -> "Accès refusé.";
            default -> status.code() >= 500
                    ? "Une erreur inattendue s'est produite. Rien n'a été enregistré."
                    : "La requête est invalide ou illisible.";
        };
    }
}
