package fr.parcsolidaire.reports;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a period splits: the run of rolled months inside it from the rollup, the days before and after it raw. */
class RawSpanTest {

    private static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);
    private static final LocalDate DEC_31 = LocalDate.of(2026, 12, 31);

    private static Set<YearMonth> months(YearMonth from, YearMonth to) {
        Set<YearMonth> months = new HashSet<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            months.add(m);
        }
        return months;
    }

    private static RawSpan.Range range(LocalDate from, LocalDate to) {
        return new RawSpan.Range(from, to);
    }

    @Test
    void aYearWhoseClosedMonthsAreRolledReadsOnlyTheCurrentMonthRaw() {
        RawSpan split = RawSpan.of(JAN_1, DEC_31, months(YearMonth.of(2026, 1), YearMonth.of(2026, 10)));
        assertEquals(new RawSpan(range(JAN_1, LocalDate.of(2025, 12, 31)), JAN_1, LocalDate.of(2026, 10, 1),
                range(LocalDate.of(2026, 11, 1), DEC_31)), split);
        assertTrue(split.head().from().isAfter(split.head().to()), "nothing before January");
        assertEquals(split.head().fromAt(), split.head().toAt(), "an empty range covers no instant either");
    }

    @Test
    void theLastTwelveMonthsFromTodayReadTheirTwoCutMonthsRawAndTheRestRolled() {
        // The dashboard's one-year view: from 28 November 2025 to 28 November 2026, every closed month rolled.
        RawSpan split = RawSpan.of(LocalDate.of(2025, 11, 28), LocalDate.of(2026, 11, 28),
                months(YearMonth.of(2023, 1), YearMonth.of(2026, 10)));
        assertEquals(new RawSpan(range(LocalDate.of(2025, 11, 28), LocalDate.of(2025, 11, 30)), LocalDate.of(2025, 12, 1),
                LocalDate.of(2026, 10, 1), range(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 28))), split);
        assertEquals(LocalDate.of(2025, 12, 1).atStartOfDay(ReportPeriod.ZONE).toOffsetDateTime(), split.head().toAt());
    }

    @Test
    void nothingRolledReadsTheWholePeriodRaw() {
        RawSpan split = RawSpan.of(JAN_1, DEC_31, Set.of());
        assertEquals(range(JAN_1, DEC_31), split.head());
        assertTrue(split.rolledFrom().isAfter(split.rolledTo()), "no rolled month");
        assertTrue(split.tail().from().isAfter(split.tail().to()), "no tail");
    }

    @Test
    void everyMonthRolledLeavesNothingRaw() {
        RawSpan split = RawSpan.of(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 4, 30),
                Set.of(YearMonth.of(2025, 3), YearMonth.of(2025, 4)));
        assertEquals(LocalDate.of(2025, 3, 1), split.rolledFrom());
        assertEquals(LocalDate.of(2025, 4, 1), split.rolledTo());
        assertTrue(split.head().from().isAfter(split.head().to()));
        assertTrue(split.tail().from().isAfter(split.tail().to()));
    }

    @Test
    void monthsCutByThePeriodAndMonthsAfterAGapAreReadRaw() {
        Set<YearMonth> rolled = Set.of(YearMonth.of(2025, 3), YearMonth.of(2025, 4), YearMonth.of(2025, 5),
                YearMonth.of(2025, 7), YearMonth.of(2025, 8));
        // March is cut (from the 15th): raw, and April not being rolled here, nothing is.
        RawSpan cut = RawSpan.of(LocalDate.of(2025, 3, 15), LocalDate.of(2025, 8, 31), Set.of(YearMonth.of(2025, 3)));
        assertEquals(range(LocalDate.of(2025, 3, 15), LocalDate.of(2025, 8, 31)), cut.head());
        assertTrue(cut.rolledFrom().isAfter(cut.rolledTo()));
        // March to May rolled, June not: June to August raw, July and August with it (one range).
        RawSpan gap = RawSpan.of(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 8, 31), rolled);
        assertEquals(new RawSpan(range(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 2, 28)), LocalDate.of(2025, 3, 1),
                LocalDate.of(2025, 5, 1), range(LocalDate.of(2025, 6, 1), LocalDate.of(2025, 8, 31))), gap);
        // From 10 April: April cut, raw; May rolled; June onwards raw.
        RawSpan late = RawSpan.of(LocalDate.of(2025, 4, 10), LocalDate.of(2025, 9, 10), rolled);
        assertEquals(new RawSpan(range(LocalDate.of(2025, 4, 10), LocalDate.of(2025, 4, 30)), LocalDate.of(2025, 5, 1),
                LocalDate.of(2025, 5, 1), range(LocalDate.of(2025, 6, 1), LocalDate.of(2025, 9, 10))), late);
    }
}
