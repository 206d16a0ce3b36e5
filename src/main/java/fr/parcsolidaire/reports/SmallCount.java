package fr.parcsolidaire.reports;

/**
 * Statistics about people are anonymous only once rare values are gone (DESIGN.md): any count from
 * 1 to 4 is shown as "< 5", on pages, in JSON and in exports alike.
 */
public final class SmallCount {

    public static final String SUPPRESSED = "< 5";
    private static final int THRESHOLD = 5;

    private SmallCount() {
    }

    public static boolean suppressed(long n) {
        return n > 0 && n < THRESHOLD;
    }

    public static String shown(long n) {
        return suppressed(n) ? SUPPRESSED : Long.toString(n);
    }
}
