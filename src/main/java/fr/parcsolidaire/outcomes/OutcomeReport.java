package fr.parcsolidaire.outcomes;

import fr.parcsolidaire.inventory.MachineType;
import fr.parcsolidaire.reports.SmallCount;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Every figure of the outcome report for one period, site and programme: the page, the JSON, the PDF and the
 * spreadsheet all read it. Counts of people arrive already protected (SmallCount): a hidden count is not here.
 * Definitions: docs/outcomes.md and the footnotes of {@link OutcomeLines}.
 */
record OutcomeReport(OutcomePeriod period, OffsetDateTime computedAt, People people, long machinesReceived,
                     List<MachineLine> machines, CourseFigures.Figures course, Share completion, Share progressed,
                     Share capableAtExit, Share stillUsingAt6Months, SmallCount.Cell unreachableAt6Months,
                     Impact impact, Cost cost) {

    long lentTotal() {
        return machines.stream().mapToLong(MachineLine::lent).sum();
    }

    long givenTotal() {
        return machines.stream().mapToLong(MachineLine::given).sum();
    }

    /** People reached, by age bracket, situation and commune (communes under 5 grouped), all protected. */
    record People(SmallCount.Cell total, SmallCount.Breakdown byAge, SmallCount.Breakdown bySituation,
                  SmallCount.Breakdown byCommune) {
    }

    /** Machines lent and given, of one type. Machines are not people: not suppressed (docs/reports.md). */
    record MachineLine(MachineType type, long lent, long given) {
    }

    record Impact(long machines, BigDecimal ewasteAvoidedKg, BigDecimal co2eAvoidedKg, List<ImpactLine> lines,
                  String source) {
    }

    record ImpactLine(MachineType type, long machines, BigDecimal ewasteKg, BigDecimal co2eKg) {
    }

    /** The programme's budget per person reached; null with the reason when it is not published. */
    record Cost(BigDecimal budget, BigDecimal perPerson, String notPublished) {
    }
}
