package fr.parcsolidaire.evidence;

import fr.parcsolidaire.platform.http.HttpProblem;
import io.helidon.http.Status;

import java.util.Map;

/** The French refusals of this package: 422 for a file that is not what it claims or too large, 400 when nothing matches. */
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

    /** 400, as shared/API.md promises outside scripts for a log none of whose serials matches. */
    static HttpProblem noMatch(String message) {
        return new HttpProblem(Status.BAD_REQUEST_400, "no_match", message, Map.of());
    }
}
