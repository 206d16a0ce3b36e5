package fr.parcsolidaire.reports;

import fr.parcsolidaire.inventory.MachineType;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/** Every figure of the dashboard for one period: the page, the JSON summary and the exports all read it. */
record Summary(ReportPeriod period, OffsetDateTime computedAt,
                      Map<Figure, Map<MachineType, Long>> figures,
                      Map<MachineType, BigDecimal> scrappedKg,
                      List<MonthFlow> months,
                      Map<MachineType, Long> readyStock,
                      Durations durations,
                      Beneficiaries beneficiaries,
                      List<DonorContribution> donors,
                      Impact impact) {

    public long count(Figure figure, MachineType type) {
        return figures.get(figure).getOrDefault(type, 0L);
    }

    public long total(Figure figure) {
        return figures.get(figure).values().stream().mapToLong(Long::longValue).sum();
    }

    public BigDecimal totalScrappedKg() {
        return scrappedKg.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public long totalReadyStock() {
        return readyStock.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Flows of one month; assigned = lent + given outright. */
    public record MonthFlow(YearMonth month, long received, long ready, long lent, long given, long returned,
                            long scrapped, long parts) {
    }

    /** Days from intake to the first READY of the period: median and how many fell in each bucket. */
    public record Durations(long machines, Double medianDays, List<Bucket> buckets) {
    }

    public record Bucket(String label, long count) {
    }

    /**
     * Distinct beneficiaries with an assignment starting in the period, protected by SmallCount: the hidden
     * counts are already gone from here, so no renderer can print them.
     */
    public record Beneficiaries(SmallCount.Cell total, SmallCount.Breakdown byAge, SmallCount.Breakdown bySituation,
                                SmallCount.Breakdown byCommune) {
    }

    /** A donor (residents are grouped together and never named), donations and machines in the period. */
    public record DonorContribution(String name, String kind, long donations, long machines) {
    }

    public record Impact(long machines, BigDecimal ewasteAvoidedKg, BigDecimal co2eAvoidedKg,
                         List<ImpactLine> lines, String source) {
    }

    public record ImpactLine(MachineType type, long machines, BigDecimal weightKg, BigDecimal co2ePerYearKg,
                             BigDecimal years, BigDecimal ewasteKg, BigDecimal co2eKg) {
    }
}
