package fr.parcsolidaire.imports;

import fr.parcsolidaire.platform.http.HttpProblem;
import io.helidon.http.Status;

import java.text.NumberFormat;
import java.util.Locale;
import java.util.Map;

/** The French refusals of a file as a whole: nothing is imported, and the sentence says what to do. */
final class Refusals {

    private Refusals() {
    }

    static HttpProblem unreadable(String message) {
        return new HttpProblem(Status.BAD_REQUEST_400, "invalid_file", message, Map.of());
    }

    static HttpProblem tooLarge(String message) {
        return new HttpProblem(Status.REQUEST_ENTITY_TOO_LARGE_413, "too_large", message, Map.of());
    }

    static HttpProblem unsupported(String message) {
        return new HttpProblem(Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported_type", message, Map.of());
    }

    /** 50000 → "50 000", as a French reader expects (a narrow no-break space would not survive every terminal). */
    static String number(long n) {
        return NumberFormat.getIntegerInstance(Locale.FRANCE).format(n).replace('\u202f', ' ').replace('\u00a0', ' ');
    }

    static String megabytes(long bytes) {
        return number(bytes / (1024 * 1024)) + " Mo";
    }
}
