package fr.parcsolidaire.evidence;

import fr.parcsolidaire.web.HttpProblem;
import io.helidon.http.Status;

import java.util.Map;

/** The French 422 answers of this package: a file that is not what it claims, too large, or of no use. */
final class Unreadable {

    private static final Status UNPROCESSABLE = Status.create(422);

    private Unreadable() {
    }

    static HttpProblem file(String message) {
        return new HttpProblem(UNPROCESSABLE, "unreadable", message, Map.of());
    }

    static HttpProblem tooLarge(String what, int maxBytes) {
        return new HttpProblem(UNPROCESSABLE, "too_large",
                what + " dépasse " + (maxBytes / (1024 * 1024)) + " Mo : ce n'est pas un fichier produit par l'outil.",
                Map.of());
    }

    static HttpProblem noMatch(String message) {
        return new HttpProblem(UNPROCESSABLE, "no_match", message, Map.of());
    }
}
