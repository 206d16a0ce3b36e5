package fr.parcsolidaire.reports;

import fr.parcsolidaire.reports.SmallCount.Breakdown;
import fr.parcsolidaire.reports.SmallCount.Mark;
import fr.parcsolidaire.reports.SmallCount.Raw;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The suppression rules of docs/reports.md ("Secret statistique") on hand-made tables. */
class SmallCountTest {

    private static List<Raw> people(long... counts) {
        List<Raw> out = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            out.add(Raw.people("c" + i, "case " + i, counts[i]));
        }
        return out;
    }

    private static List<String> shown(Breakdown b) {
        return b.cells().stream().map(SmallCount.Cell::shown).toList();
    }

    @Test
    void countsFromOneToFourAreShownAsLessThanFiveAndZeroStays() {
        assertEquals("0", SmallCount.primary(Raw.people("a", "a", 0)).shown());
        assertEquals("< 5", SmallCount.primary(Raw.people("a", "a", 1)).shown());
        assertEquals("< 5", SmallCount.primary(Raw.people("a", "a", 4)).shown());
        assertEquals("5", SmallCount.primary(Raw.people("a", "a", 5)).shown());
        assertNull(SmallCount.primary(Raw.people("a", "a", 3)).value(), "the hidden number does not leave SmallCount");
        assertEquals("2", SmallCount.primary(Raw.other("a", "a", 2)).shown(), "machines are not people");
    }

    @Test
    void oneSmallCellBesideAVisibleTotalTakesTheSmallestOtherCellWithIt() {
        // 40 = 12 + 3 + 0 + 25: with only the 3 hidden, 40 - 12 - 25 would give it away.
        Breakdown b = SmallCount.breakdown(40, people(12, 3, 0, 25));
        assertEquals(List.of("masqué", "< 5", "0", "25"), shown(b));
        assertEquals(Mark.COMPLEMENTARY, b.cells().get(0).mark());
        assertNull(b.cells().get(0).value());
        assertFalse(b.withheld());
    }

    @Test
    void zerosStayShownAndAreNeverPickedToHideAnother() {
        Breakdown b = SmallCount.breakdown(32, people(0, 2, 0, 30, 0));
        assertEquals(List.of("0", "< 5", "0", "masqué", "0"), shown(b));
    }

    @Test
    void twoSmallCellsProtectEachOtherUnlessTheirSumPinsThem() {
        // 6 shared by two cells of 1..4: each could be 2, 3 or 4.
        assertEquals(List.of("< 5", "< 5", "20"), shown(SmallCount.breakdown(26, people(3, 3, 20))));
        // 2 shared by two cells of at least 1: both are 1. 8 shared by two cells of at most 4: both are 4.
        assertEquals(List.of("< 5", "< 5", "masqué"), shown(SmallCount.breakdown(22, people(1, 1, 20))));
        assertEquals(List.of("< 5", "< 5", "masqué"), shown(SmallCount.breakdown(28, people(4, 4, 20))));
    }

    @Test
    void aMaskedCellIsNoBiggerThanTheCellsStillShownSoTheNextOneGoesToo() {
        // 1 beside 5, 5 and 40. Masking one 5 leaves 6 = "< 5" + a cell between 5 and 5 (it was the smallest,
        // the other 5 is still shown): the 1 shows through. Masking both 5s leaves 11 = "< 5" + two cells of at
        // least 5: still 1. Only with the 40 masked too is the "< 5" anywhere in 1..4.
        Breakdown b = SmallCount.breakdown(51, people(1, 5, 5, 40));
        assertEquals(List.of("< 5", "masqué", "masqué", "masqué"), shown(b));
        Breakdown c = SmallCount.breakdown(11, people(1, 5, 5));
        assertTrue(c.withheld(), "1 + 5 + 5 and nothing else to mask: the 1 stays certain, so nothing is published");
        assertTrue(c.cells().isEmpty(), "a withheld breakdown names nothing");
    }

    @Test
    void whenEveryCellIsSmallTheBreakdownIsPublishedOnlyIfTheTotalLeavesThemUncertain() {
        assertEquals(List.of("< 5", "< 5"), shown(SmallCount.breakdown(5, people(2, 3))));
        assertTrue(SmallCount.breakdown(5, people(1, 1, 1, 1, 1)).withheld(), "five ones make 5: all known");
        assertTrue(SmallCount.breakdown(8, people(4, 4)).withheld(), "two fours make 8: both known");
        assertEquals(List.of("< 5", "< 5", "< 5", "0"), shown(SmallCount.breakdown(9, people(4, 3, 2, 0))));
    }

    @Test
    void aTotalUnderFiveWithholdsEveryBreakdownAndZeroHidesNothing() {
        SmallCount.Protected few = SmallCount.people(3, List.of(people(1, 2, 0), people(3, 0)));
        assertEquals("< 5", few.total().shown());
        assertTrue(few.breakdowns().stream().allMatch(b -> b.withheld() && b.cells().isEmpty()));
        SmallCount.Protected none = SmallCount.people(0, List.of(people(0, 0)));
        assertEquals("0", none.total().shown());
        assertEquals(List.of("0", "0"), shown(none.breakdowns().getFirst()));
    }

    @Test
    void twoCharacteristicsOfTheSamePeopleAreEachProtectedAgainstTheTotal() {
        // 26 people by age (20, 6, 0) and by situation (24, 2): the margins say nothing about each other
        // beyond their shared total, so age stays whole while situation hides its 2 and, with it, the 24.
        SmallCount.Protected p = SmallCount.people(26, List.of(people(20, 6, 0), people(24, 2)));
        assertEquals("26", p.total().shown());
        assertEquals(List.of("20", "6", "0"), shown(p.breakdowns().get(0)));
        assertEquals(List.of("masqué", "< 5"), shown(p.breakdowns().get(1)));
    }

    @Test
    void machineLinesCanHideAParticipantCountButAreNeverHiddenForThemselves() {
        List<Raw> donation = List.of(Raw.people("given", "données", 2), Raw.people("lent", "prêtées", 3),
                Raw.other("ready", "prêtes", 1), Raw.other("workshop", "atelier", 2), Raw.other("scrapped", "recyclées", 1),
                Raw.other("parts", "pièces", 1));
        assertEquals(List.of("< 5", "< 5", "1", "2", "1", "1"), shown(SmallCount.breakdown(10, donation)));
        List<Raw> small = List.of(Raw.people("given", "données", 1), Raw.other("ready", "prêtes", 2));
        assertEquals(List.of("< 5", "masqué"), shown(SmallCount.breakdown(3, small)));
    }

    @Test
    void communesOfFewerThanFivePeopleAreGroupedAndNeverNamed() {
        List<Raw> communes = List.of(Raw.people("Villeurbanne", "Villeurbanne", 12), Raw.people("Lyon", "Lyon", 5),
                Raw.people("Bron", "Bron", 1), Raw.people("Vaulx", "Vaulx", 2));
        List<Raw> grouped = SmallCount.groupRare(communes, "OTHER", "Autres");
        assertEquals(List.of("Villeurbanne", "Lyon", "OTHER"), grouped.stream().map(Raw::code).toList());
        assertEquals(3, grouped.getLast().count());
        assertEquals(2, SmallCount.groupRare(communes.subList(0, 2), "OTHER", "Autres").size(), "no empty line");
    }

    /**
     * The audit against brute force: for random breakdowns, every table a reader could rebuild from what is
     * published ("< 5" is 1..4, a masked people count is at least 5 and a masked other count at least 1, and
     * no masked cell exceeds the smallest non-zero cell still shown) leaves each "< 5" with two values or more,
     * and the real table is one of them (the reader's knowledge is true).
     */
    @Test
    void noPublishedSmallCountCanBeWorkedOutFromTheRest() {
        Random random = new Random(12);
        long[] values = {0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 9, 12};
        int published = 0;
        for (int round = 0; round < 3000; round++) {
            int n = 2 + random.nextInt(4);
            List<Raw> cells = new ArrayList<>();
            long total = 0;
            for (int i = 0; i < n; i++) {
                long v = values[random.nextInt(values.length)];
                cells.add(random.nextInt(4) == 0 ? Raw.other("c" + i, "c", v) : Raw.people("c" + i, "c", v));
                total += v;
            }
            if (total == 0) {
                continue;
            }
            Breakdown b = SmallCount.breakdown(total, cells);
            if (b.withheld()) {
                continue;
            }
            published++;
            check(total, cells, b);
        }
        assertTrue(published > 2000, "most random breakdowns are published: " + published);
    }

    private static void check(long total, List<Raw> cells, Breakdown b) {
        long rest = total;
        long smallestShown = Long.MAX_VALUE;
        List<Integer> hidden = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            SmallCount.Cell c = b.cells().get(i);
            if (c.suppressed()) {
                hidden.add(i);
            } else {
                rest -= c.value();
                if (c.value() > 0) {
                    smallestShown = Math.min(smallestShown, c.value());
                }
            }
        }
        long[] low = new long[cells.size()];
        long[] high = new long[cells.size()];
        for (int i : hidden) {
            boolean small = b.cells().get(i).mark() == Mark.SMALL_COUNT;
            low[i] = small ? 1 : cells.get(i).sensitive() ? 5 : 1;
            high[i] = small ? 4 : Math.min(smallestShown, total);
            assertTrue(low[i] <= cells.get(i).count() && cells.get(i).count() <= high[i], "the reader's range holds the truth");
        }
        List<Set<Long>> seen = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            seen.add(new HashSet<>());
        }
        solve(hidden, 0, rest, low, high, new long[cells.size()], seen);
        for (int i : hidden) {
            if (b.cells().get(i).mark() == Mark.SMALL_COUNT) {
                assertTrue(seen.get(i).size() >= 2, "cell " + i + " of " + cells + " published as " + shown(b)
                        + " can only be " + seen.get(i));
            }
        }
    }

    private static void solve(List<Integer> hidden, int k, long rest, long[] low, long[] high, long[] pick, List<Set<Long>> seen) {
        if (k == hidden.size()) {
            if (rest == 0) {
                hidden.forEach(i -> seen.get(i).add(pick[i]));
            }
            return;
        }
        int i = hidden.get(k);
        for (long v = low[i]; v <= Math.min(high[i], rest); v++) {
            pick[i] = v;
            solve(hidden, k + 1, rest - v, low, high, pick, seen);
        }
    }
}
