package fr.parcsolidaire.loans;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The contracts of a cohort handover signed one after the other on the usual signature page: the page carries
 * {@code then} ("session-id.id.id"), and after each signature the next one opens. Only this shape is followed, so
 * the field cannot send the browser anywhere else.
 */
final class SignChain {

    private static final Pattern THEN = Pattern.compile("^([0-9]{1,12})-([0-9]{1,12}(?:\\.[0-9]{1,12}){0,59})?$");

    private SignChain() {
    }

    /** The {@code then} value for a session's remaining assignments (comma-separated ids, possibly none). */
    static String encode(long sessionId, String remainingIds) {
        return sessionId + "-" + remainingIds.replace(',', '.');
    }

    /** Where to go after signing: the next contract of the chain, or the session's handover page once all are signed. */
    static Optional<String> next(String then) {
        if (then == null) {
            return Optional.empty();
        }
        Matcher m = THEN.matcher(then);
        if (!m.matches()) {
            return Optional.empty();
        }
        String ids = m.group(2) == null ? "" : m.group(2).replace('.', ',');
        return Optional.of("/sessions/" + m.group(1) + "/handover/sign?ids=" + ids);
    }

    /** The value itself when well formed, else null (the page then signs one contract, as before). */
    static String valid(String then) {
        return next(then).isPresent() ? then : null;
    }
}
