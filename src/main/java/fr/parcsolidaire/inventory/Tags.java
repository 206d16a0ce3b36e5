package fr.parcsolidaire.inventory;

import fr.parcsolidaire.platform.http.HttpProblem;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asset tags (PREFIX-YEAR-NNNNN, see TagAllocator): their format, how what is typed, scanned or photographed
 * becomes one (QR codes print the label's URL in capitals; keyboard-wedge scanners may type it either way), and
 * the refusal when no machine bears it.
 */
public final class Tags {

    private static final String TAG = "[A-Za-z]{1,10}-\\d{4}-\\d{5}";
    private static final Pattern BARE_TAG = Pattern.compile(TAG);
    private static final Pattern LABEL_URL = Pattern.compile("(?i)(?:https?://[^/\\s]+)?/m/(" + TAG + ")/?");
    /** A tag at the end of whatever was typed in the search box: a bare tag, a label's URL, a pasted link. */
    private static final Pattern TRAILING_TAG = Pattern.compile("(" + TAG + ")/?$");

    private Tags() {
    }

    /** A tag as stored: tags are upper case, people and scanners type them in any case. */
    /** A tag as the site's counter hands it out: PREFIX-YEAR-NNNNN. */
    public static String format(String prefix, int year, int number) {
        return String.format("%s-%04d-%05d", prefix, year, number);
    }

    public static String normalise(String tag) {
        return tag.strip().toUpperCase(Locale.ROOT);
    }

    public static boolean isTag(String s) {
        return s != null && BARE_TAG.matcher(s).matches();
    }

    /** The tag a scanner, a photo or a person hands over (the tag or its label's URL), or a 400 saying what is wrong. */
    public static String fromScan(String scanned) {
        String s = scanned == null ? "" : scanned.strip();
        if (s.isEmpty()) {
            throw HttpProblem.badRequest("Scannez une étiquette ou tapez un numéro d'inventaire.");
        }
        if (BARE_TAG.matcher(s).matches()) {
            return normalise(s);
        }
        Matcher url = LABEL_URL.matcher(s);
        if (url.matches()) {
            return normalise(url.group(1));
        }
        if (s.contains("/") || s.contains(":")) {
            throw HttpProblem.badRequest("Cette adresse n'est pas celle d'une étiquette de machine "
                    + "(une adresse …/m/PS-2026-00042 est attendue).");
        }
        throw HttpProblem.badRequest("« " + abbreviate(s) + " » n'est pas un numéro d'inventaire (format PS-2026-00042).");
    }

    /** The tag that ends what was typed in a search box, if any; the rest is searched as text. */
    static Optional<String> inSearch(String typed) {
        Matcher m = TRAILING_TAG.matcher(typed.strip());
        return m.find() ? Optional.of(normalise(m.group(1))) : Optional.empty();
    }

    /** "Aucune machine ne porte le numéro « PS-2026-00042 »." */
    public static String unknown(String tag) {
        return "Aucune machine ne porte le numéro « " + tag + " ».";
    }

    /** "Aucune machine ne porte les numéros A, B (et 3 autres)." for {@code count} tags listed as {@code listed}. */
    public static String unknown(int count, String listed) {
        return "Aucune machine ne porte " + (count == 1 ? "le numéro " : "les numéros ") + listed + ".";
    }

    /** A 404 for a tag no machine bears. */
    public static HttpProblem notFound(String tag) {
        return HttpProblem.notFound(unknown(tag));
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
