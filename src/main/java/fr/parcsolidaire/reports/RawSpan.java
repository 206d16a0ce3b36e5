package fr.parcsolidaire.reports;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Set;

/**
 * The part of a report's period read from the raw rows (V35, docs/reports.md "Mois clos"): the period less the
 * rolled months trimmed from either end. The rest of the period, months entirely inside it and rolled, is read
 * from the rollup. A rolled month left between two raw months is read raw too: one span keeps the scans of the
 * raw rows to one index range each, and the figures are the same either way. Empty (from after to) when every
 * month is rolled.
 */
record RawSpan(LocalDate from, LocalDate to) {

    static RawSpan of(LocalDate periodFrom, LocalDate periodTo, Set<YearMonth> rolled) {
        LocalDate start = periodFrom;
        while (!start.isAfter(periodTo)) {
            YearMonth m = YearMonth.from(start);
            if (!start.equals(m.atDay(1)) || m.atEndOfMonth().isAfter(periodTo) || !rolled.contains(m)) {
                break;
            }
            start = m.plusMonths(1).atDay(1);
        }
        LocalDate end = periodTo;
        while (!end.isBefore(start)) {
            YearMonth m = YearMonth.from(end);
            if (!end.equals(m.atEndOfMonth()) || m.atDay(1).isBefore(start) || !rolled.contains(m)) {
                break;
            }
            end = m.atDay(1).minusDays(1);
        }
        return new RawSpan(start, end);
    }

    OffsetDateTime fromAt() {
        return from.atStartOfDay(ReportPeriod.ZONE).toOffsetDateTime();
    }

    OffsetDateTime toAt() {
        return to.plusDays(1).atStartOfDay(ReportPeriod.ZONE).toOffsetDateTime();
    }
}
