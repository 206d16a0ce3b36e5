package fr.parcsolidaire.evidence;

import java.util.Locale;

/**
 * Serial numbers as tools print them and people type them: "S3Z1 NB0K" on a label, "s3z1nb0k" in a form,
 * " S3Z1NB0K" padded by nwipe. Two serials are the same disk when they match with case and spacing ignored.
 */
final class Serials {

    private Serials() {
    }

    /** The comparison key: upper case, without any space (including no-break spaces); null when nothing is left. */
    static String key(String serial) {
        if (serial == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(serial.length());
        for (int i = 0; i < serial.length(); i++) {
            char c = serial.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                b.append(c);
            }
        }
        return b.isEmpty() ? null : b.toString().toUpperCase(Locale.ROOT);
    }

    /**
     * The serial as the tool printed it, trimmed, or null when it printed none: loop devices and some USB bridges
     * report an empty serial, and nwipe's --quiet option prints question marks (or X) in its place.
     */
    static String printed(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.strip();
        if (s.isEmpty() || masked(s)) {
            return null;
        }
        return s;
    }

    /** nwipe --quiet anonymises serials as a run of '?' (0.3x) or 'X'. */
    static boolean masked(String s) {
        String t = s.strip();
        return !t.isEmpty() && (t.chars().allMatch(c -> c == '?') || (t.length() >= 6 && t.chars().allMatch(c -> c == 'X')));
    }
}
