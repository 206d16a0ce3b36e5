package fr.parcsolidaire.reports;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The part of a period read from the raw rows: the period less the rolled months trimmed from either end. */
class RawSpanTest {

    private static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);
    private static final LocalDate DEC_31 = LocalDate.of(2026, 12, 31);

    @Test
    void aYearWhoseClosedMonthsAreRolledReadsOnlyTheRestRaw() {
        Set<YearMonth> rolled = Set.of(YearMonth.of(2026, 1), YearMonth.of(2026, 2), YearMonth.of(2026, 3),
                YearMonth.of(2026, 4), YearMonth.of(2026, 5), YearMonth.of(2026, 6), YearMonth.of(2026, 7),
                YearMonth.of(2026, 8), YearMonth.of(2026, 9), YearMonth.of(2026, 10));
        assertEquals(new RawSpan(LocalDate.of(2026, 11, 1), DEC_31), RawSpan.of(JAN_1, DEC_31, rolled));
    }

    @Test
    void nothingRolledReadsTheWholePeriodRaw() {
        assertEquals(new RawSpan(JAN_1, DEC_31), RawSpan.of(JAN_1, DEC_31, Set.of()));
    }

    @Test
    void everyMonthRolledLeavesAnEmptySpan() {
        RawSpan span = RawSpan.of(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 4, 30),
                Set.of(YearMonth.of(2025, 3), YearMonth.of(2025, 4)));
        assertTrue(span.from().isAfter(span.to()));
        assertEquals(span.fromAt(), span.toAt(), "no instant either");
    }

    @Test
    void monthsCutByThePeriodAndMonthsNotRolledInTheMiddleAreReadRaw() {
        Set<YearMonth> rolled = Set.of(YearMonth.of(2025, 3), YearMonth.of(2025, 4), YearMonth.of(2025, 5),
                YearMonth.of(2025, 7), YearMonth.of(2025, 8));
        // March is cut (from the 15th): raw.
        assertEquals(new RawSpan(LocalDate.of(2025, 3, 15), LocalDate.of(2025, 8, 31)),
                RawSpan.of(LocalDate.of(2025, 3, 15), LocalDate.of(2025, 8, 31), Set.of(YearMonth.of(2025, 3))));
        assertEquals(new RawSpan(LocalDate.of(2025, 6, 1), LocalDate.of(2025, 6, 30)),
                RawSpan.of(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 8, 31), rolled));
        assertEquals(new RawSpan(LocalDate.of(2025, 6, 1), LocalDate.of(2025, 9, 10)),
                RawSpan.of(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 9, 10), rolled),
                "September is cut on the 10th: July and August, rolled, are read raw with it (one span)");
    }
}
