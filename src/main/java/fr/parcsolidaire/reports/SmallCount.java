package fr.parcsolidaire.reports;

import java.util.ArrayList;
import java.util.List;

/**
 * Statistical disclosure control for counts about people, in one place (DESIGN.md: statistics are anonymous
 * only once counts under 5 are gone; rules in docs/reports.md, "Secret statistique"). Every count about
 * people that a page, the JSON, an export or a PDF shows comes out of here, so none of them can differ.
 *
 * <ul>
 *   <li>Primary suppression: a count from 1 to 4 is shown "< 5". Zero stays shown.</li>
 *   <li>Complementary (secondary) suppression, the usual rule of statistical disclosure control: where a
 *       suppressed count could be worked out from the total and the other cells of its breakdown, the
 *       smallest other non-zero cell of that breakdown is hidden too ("masqué"), again until none can.</li>
 *   <li>"Worked out" is checked, not guessed: from what is published (the total, the shown cells, that a
 *       "< 5" lies in 1..4, that a masked cell is at least 5 for people counts and at least 1 otherwise and no
 *       larger than the smallest cell still shown, since it was picked as the smallest), each "< 5" cell gets
 *       the interval of values it could take; a single possible value is a disclosure.</li>
 *   <li>When hiding every other non-zero cell is still not enough, the breakdown is withheld as a whole; so
 *       are all breakdowns of a total that is itself under 5.</li>
 *   <li>Open lists (communes) never name a value held by fewer than 5 people: those are grouped into one
 *       "other" line first, which is then protected like any cell.</li>
 * </ul>
 * A hidden count leaves this class as null: what renders a cell cannot print the number by mistake.
 */
public final class SmallCount {

    public static final String SUPPRESSED = "< 5";
    public static final String MASKED = "masqué";
    static final int THRESHOLD = 5;

    private SmallCount() {
    }

    /** Why a cell is hidden; the JSON API carries these names. */
    public enum Mark { SHOWN, SMALL_COUNT, COMPLEMENTARY }

    /** A count before protection; sensitive counts are about people, the others (machines) are public. */
    public record Raw(String code, String label, long count, boolean sensitive) {
        public static Raw people(String code, String label, long count) {
            return new Raw(code, label, count, true);
        }

        public static Raw other(String code, String label, long count) {
            return new Raw(code, label, count, false);
        }
    }

    /** A published count: value is null unless the mark is SHOWN. */
    public record Cell(String code, String label, Long value, Mark mark) {
        public boolean suppressed() {
            return mark != Mark.SHOWN;
        }

        /** The French text of the cell: the number, "< 5" or "masqué". */
        public String shown() {
            return switch (mark) {
                case SHOWN -> Long.toString(value);
                case SMALL_COUNT -> SUPPRESSED;
                case COMPLEMENTARY -> MASKED;
            };
        }
    }

    /** The cells of one breakdown of a total; withheld means not published at all (no cell, not even a name). */
    public record Breakdown(List<Cell> cells, boolean withheld) {
        static final Breakdown WITHHELD = new Breakdown(List.of(), true);
    }

    /** A total of people with breakdowns that each add up to it (age, situation, commune…), all protected. */
    public record Protected(Cell total, List<Breakdown> breakdowns) {
    }

    /**
     * Protects a count of people and its breakdowns. Each breakdown must add up to the total. Breakdowns
     * of the same people by different characteristics reveal nothing about each other beyond their shared
     * total (any pair of margins with one total is possible), so each is protected against the total alone.
     */
    public static Protected people(long total, List<List<Raw>> breakdowns) {
        Cell t = primary(Raw.people("TOTAL", "Total", total));
        List<Breakdown> out = new ArrayList<>();
        for (List<Raw> cells : breakdowns) {
            out.add(t.suppressed() ? Breakdown.WITHHELD : breakdown(total, cells));
        }
        return new Protected(t, out);
    }

    /** A count on its own (no breakdown): "< 5" when sensitive and from 1 to 4. */
    public static Cell primary(Raw raw) {
        return raw.sensitive() && small(raw.count())
                ? new Cell(raw.code(), raw.label(), null, Mark.SMALL_COUNT)
                : new Cell(raw.code(), raw.label(), raw.count(), Mark.SHOWN);
    }

    /**
     * Protects one breakdown of a published total: primary suppression, then complementary suppression of
     * the smallest other non-zero cell (first in order on ties) while any "< 5" can be worked out.
     */
    public static Breakdown breakdown(long total, List<Raw> cells) {
        int n = cells.size();
        Mark[] marks = new Mark[n];
        for (int i = 0; i < n; i++) {
            marks[i] = primary(cells.get(i)).mark();
        }
        while (disclosed(total, cells, marks)) {
            int next = -1;
            for (int i = 0; i < n; i++) {
                long c = cells.get(i).count();
                if (marks[i] == Mark.SHOWN && c > 0 && (next < 0 || c < cells.get(next).count())) {
                    next = i;
                }
            }
            if (next < 0) {
                return Breakdown.WITHHELD;
            }
            marks[next] = Mark.COMPLEMENTARY;
        }
        List<Cell> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Raw r = cells.get(i);
            out.add(new Cell(r.code(), r.label(), marks[i] == Mark.SHOWN ? r.count() : null, marks[i]));
        }
        return new Breakdown(List.copyOf(out), false);
    }

    /**
     * An open list (communes): the values held by fewer than 5 people are never named; they are added up
     * into one last line (code and label given), left out when nobody falls in it.
     */
    public static List<Raw> groupRare(List<Raw> cells, String code, String label) {
        List<Raw> out = new ArrayList<>();
        long rare = 0;
        for (Raw r : cells) {
            if (r.count() >= THRESHOLD) {
                out.add(r);
            } else {
                rare += r.count();
            }
        }
        if (rare > 0) {
            out.add(Raw.people(code, label, rare));
        }
        return out;
    }

    static boolean small(long n) {
        return n > 0 && n < THRESHOLD;
    }

    /**
     * Whether some "< 5" cell can take a single value given the published total, the shown cells and the
     * ranges a reader knows for the hidden ones (see the class comment).
     */
    static boolean disclosed(long total, List<Raw> cells, Mark[] marks) {
        long hidden = total;
        long smallestShown = Long.MAX_VALUE;
        boolean anyPrimary = false;
        for (int i = 0; i < cells.size(); i++) {
            long c = cells.get(i).count();
            if (marks[i] == Mark.SHOWN) {
                hidden -= c;
                if (c > 0) {
                    smallestShown = Math.min(smallestShown, c);
                }
            } else if (marks[i] == Mark.SMALL_COUNT) {
                anyPrimary = true;
            }
        }
        if (!anyPrimary) {
            return false;
        }
        // Every "< 5" cell has the same bounds: hidden minus what all the other hidden cells can hold.
        long othersLow = -1;
        long othersHigh = -(THRESHOLD - 1);
        boolean unbounded = false;
        for (int i = 0; i < cells.size(); i++) {
            if (marks[i] == Mark.SMALL_COUNT) {
                othersLow += 1;
                othersHigh += THRESHOLD - 1;
            } else if (marks[i] == Mark.COMPLEMENTARY) {
                othersLow += cells.get(i).sensitive() ? THRESHOLD : 1;
                if (smallestShown == Long.MAX_VALUE) {
                    unbounded = true;
                } else {
                    othersHigh += smallestShown;
                }
            }
        }
        long low = unbounded ? 1 : Math.max(1, hidden - othersHigh);
        long high = Math.min(THRESHOLD - 1, hidden - othersLow);
        return low >= high;
    }
}
