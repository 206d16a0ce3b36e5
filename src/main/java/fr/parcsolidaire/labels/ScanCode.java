package fr.parcsolidaire.labels;

import fr.parcsolidaire.platform.http.HttpProblem;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a scanner, a photo or a person hands over to reach a machine: the tag itself, or the whole URL of a
 * label in any case (QR codes print it in capitals; keyboard-wedge scanners may type it either way).
 */
public final class ScanCode {

    private static final String TAG = "[A-Za-z]{1,10}-\\d{4}-\\d{5}";
    private static final Pattern BARE_TAG = Pattern.compile(TAG);
    private static final Pattern LABEL_URL = Pattern.compile("(?i)(?:https?://[^/\\s]+)?/m/(" + TAG + ")/?");

    private ScanCode() {
    }

    /** The upper-case tag, or a 400 with a French message saying what is wrong with the input. */
    public static String tagOf(String scanned) {
        String s = scanned == null ? "" : scanned.strip();
        if (s.isEmpty()) {
            throw HttpProblem.badRequest("Scannez une étiquette ou tapez un numéro d'inventaire.");
        }
        if (BARE_TAG.matcher(s).matches()) {
            return s.toUpperCase(Locale.ROOT);
        }
        Matcher url = LABEL_URL.matcher(s);
        if (url.matches()) {
            return url.group(1).toUpperCase(Locale.ROOT);
        }
        if (s.contains("/") || s.contains(":")) {
            throw HttpProblem.badRequest("Cette adresse n'est pas celle d'une étiquette de machine "
                    + "(une adresse …/m/PS-2026-00042 est attendue).");
        }
        throw HttpProblem.badRequest("« " + abbreviate(s) + " » n'est pas un numéro d'inventaire (format PS-2026-00042).");
    }

    public static boolean isTag(String s) {
        return s != null && BARE_TAG.matcher(s).matches();
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
