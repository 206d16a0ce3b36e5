package fr.parcsolidaire.reports;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Set;

/**
 * How a report's period is split between V35's rollup and the raw rows (docs/reports.md "Mois clos"): the first run
 * of consecutive rolled months lying wholly inside the period ({@code rolledFrom} to {@code rolledTo}, first days)
 * comes from the rollup; what lies before it ({@code head}) and after it ({@code tail}) from the raw rows, one index
 * range each. The usual periods fit: a calendar year (tail: the current month), and the last twelve months from
 * today (head: the end of the month a year ago, tail: the current month). A rolled month after one not rolled is
 * read raw with the tail: the figures are the same either way. No rolled month: the whole period is the head.
 */
record RawSpan(Range head, LocalDate rolledFrom, LocalDate rolledTo, Range tail) {

    /** Days from {@code from} to {@code to}, inclusive; empty when from is after to. */
    record Range(LocalDate from, LocalDate to) {

        OffsetDateTime fromAt() {
            return from.atStartOfDay(ReportPeriod.ZONE).toOffsetDateTime();
        }

        /** The instant the range ends (excluded); equals {@link #fromAt()} for an empty range. */
        OffsetDateTime toAt() {
            return from.isAfter(to) ? fromAt() : to.plusDays(1).atStartOfDay(ReportPeriod.ZONE).toOffsetDateTime();
        }
    }

    static RawSpan of(LocalDate periodFrom, LocalDate periodTo, Set<YearMonth> rolled) {
        YearMonth first = YearMonth.from(periodFrom);
        while (!first.atDay(1).isAfter(periodTo) && !(inside(first, periodFrom, periodTo) && rolled.contains(first))) {
            first = first.plusMonths(1);
        }
        if (first.atDay(1).isAfter(periodTo)) {
            return new RawSpan(new Range(periodFrom, periodTo), periodTo.plusDays(1), periodTo, new Range(periodTo.plusDays(1), periodTo));
        }
        YearMonth last = first;
        while (inside(last.plusMonths(1), periodFrom, periodTo) && rolled.contains(last.plusMonths(1))) {
            last = last.plusMonths(1);
        }
        return new RawSpan(new Range(periodFrom, first.atDay(1).minusDays(1)), first.atDay(1), last.atDay(1),
                new Range(last.plusMonths(1).atDay(1), periodTo));
    }

    private static boolean inside(YearMonth m, LocalDate from, LocalDate to) {
        return !m.atDay(1).isBefore(from) && !m.atEndOfMonth().isAfter(to);
    }
}
