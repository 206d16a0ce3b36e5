package fr.parcsolidaire.reports;

import fr.parcsolidaire.inventory.MachineType;
import fr.parcsolidaire.platform.http.ValidationException;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbRow;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Computes the coordinator's figures from plain SQL (statements/reports.sql). One service feeds the
 * dashboard, the JSON summary and the funder PDF, so they always agree. Definitions: docs/reports.md.
 */
final class ReportService {

    static final List<String> BUCKETS = List.of("7 jours ou moins", "8 à 14 jours", "15 à 30 jours",
            "31 à 60 jours", "61 à 90 jours", "plus de 90 jours");
    private static final Set<String> WORKSHOP_STATES = Set.of("RECEIVED", "IN_DIAGNOSIS", "IN_RECONDITIONING", "RETURNED");

    private final Database database;
    private final ImpactFactors impact;
    private final Clock clock;

    public ReportService(Database database, ImpactFactors impact, Clock clock) {
        this.database = database;
        this.impact = impact;
        this.clock = clock;
    }

    public ReportPeriod period(Map<String, String> query) {
        return ReportPeriod.parse(query, LocalDate.now(clock.withZone(ReportPeriod.ZONE)), this::site);
    }

    /**
     * The period as the reader may see it: a coordinator attached to a site reports on that site only
     * (asking for another one is refused); unattached coordinators and admins choose freely.
     */
    public ReportPeriod period(Map<String, String> query, User reader) {
        Long scope = reader.siteScope();
        if (scope == null) {
            return period(query);
        }
        ReportPeriod.SiteRef own = database.client().execute().createNamedGet("report-site-by-id").addParam("id", scope)
                .execute().map(r -> new ReportPeriod.SiteRef(Rows.longValue(r, "id"), Rows.text(r, "code"), Rows.text(r, "name")))
                .orElseThrow();
        String asked = query.getOrDefault("site", "").strip();
        if (!asked.isEmpty() && !asked.equals(own.code())) {
            throw new ValidationException(Map.of("site", "Votre compte est rattaché au site « " + own.name()
                    + " » : les rapports portent sur ce site."));
        }
        Map<String, String> scoped = new HashMap<>(query);
        scoped.put("site", own.code());
        return period(scoped);
    }

    public Optional<ReportPeriod.SiteRef> site(String code) {
        return database.client().execute().createNamedGet("report-site-by-code").addParam("code", code).execute()
                .map(r -> new ReportPeriod.SiteRef(Rows.longValue(r, "id"), Rows.text(r, "code"), Rows.text(r, "name")));
    }

    /**
     * At most this many of one report's queries run at once, each on its own connection: a dashboard takes no more
     * than a quarter of the pool (16), and on the two cores of a small server more would only queue for the CPU.
     */
    static final int PARALLEL_QUERIES = 4;

    /**
     * The figures of a period. The queries are independent reads, so they run at once on virtual threads, at most
     * {@link #PARALLEL_QUERIES} at a time, the slowest first: the dashboard waits for the slowest one, not for their
     * sum. Each is a statement of its own and reads its own snapshot, as when they ran one after another on
     * autocommit: no figure is computed from two of them. Flows and donors read the period's rolled months from
     * V35's rollup and the days before and after them from the raw rows (RawSpan), the flows of each part by a query
     * of its own; durations and people come from V37's tables.
     */
    public Summary summary(ReportPeriod p) {
        return summary(p, MonthlyRollup.rolled(database, p.from(), p.to()), PARALLEL_QUERIES);
    }

    /**
     * The figures with {@code rolled} read from the rollup, every other month from the raw rows: the empty set
     * gives the figures as computed before V35, which the rollup's tests compare with.
     */
    Summary summary(ReportPeriod p, Set<YearMonth> rolled) {
        return summary(p, rolled, PARALLEL_QUERIES);
    }

    /** With {@code parallel} queries at once at most; 1 runs them one after another (the tests compare both). */
    Summary summary(ReportPeriod p, Set<YearMonth> rolled, int parallel) {
        RawSpan split = RawSpan.of(p.from(), p.to(), rolled);
        Semaphore slots = new Semaphore(parallel, true);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            // Submitted from the slowest to the quickest (docs/reports.md): the last to start are short.
            Future<List<Summary.DonorContribution>> donors = submit(pool, slots, () -> donors(donorRows(p, split)));
            List<Future<List<DbRow>>> flows = new ArrayList<>();
            if (!split.tail().from().isAfter(split.tail().to())) {
                flows.add(submit(pool, slots, () -> rawFlows(p, split.tail())));
            }
            Future<Summary.Durations> durations = submit(pool, slots, () -> durations(query("report-reconditioning-days", p, false, true)));
            Future<Summary.Beneficiaries> people = submit(pool, slots, () -> beneficiaries(query("report-beneficiaries", p, true, false)));
            Future<List<DbRow>> stock = submit(pool, slots, () -> query("report-stock", p, false, false));
            if (!split.head().from().isAfter(split.head().to())) {
                flows.add(submit(pool, slots, () -> rawFlows(p, split.head())));
            }
            Future<List<DbRow>> firstUse = submit(pool, slots, () -> query("report-first-use", p, true, false));
            if (!split.rolledFrom().isAfter(split.rolledTo())) {
                flows.add(submit(pool, slots, () -> rolledFlows(p, split)));
            }
            List<DbRow> flowRows = new ArrayList<>();
            for (Future<List<DbRow>> part : flows) {
                flowRows.addAll(part.get());
            }
            return summary(p, flowRows, stock.get(), durations.get(), people.get(), donors.get(), firstUse.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Runs {@code part} once one of the report's slots is free, and holds the slot while it queries and reads its rows. */
    private static <T> Future<T> submit(ExecutorService pool, Semaphore slots, Callable<T> part) {
        return pool.submit(() -> {
            slots.acquire();
            try {
                return part.call();
            } finally {
                slots.release();
            }
        });
    }

    /** Read from the replica when it is close enough behind the primary (platform/sql/Database#readReport). */
    private List<DbRow> query(String statement, ReportPeriod p, boolean dates, boolean instants) {
        return database.readReport(db -> {
            var q = db.createNamedQuery(statement).addParam("siteId", p.siteId());
            if (dates) {
                q.addParam("fromDate", p.from()).addParam("toDate", p.to());
            }
            if (instants) {
                q.addParam("fromAt", p.fromAt()).addParam("toAt", p.toAt());
            }
            try (var rows = q.execute()) {
                return rows.toList();
            }
        });
    }

    /*
     * The statements below read the primary, like the list of rolled months they follow: a replica behind it could
     * miss a month the list says is rolled.
     */

    private List<DbRow> rolledFlows(ReportPeriod p, RawSpan split) {
        try (var rows = database.client().execute().createNamedQuery("report-flows-rolled").addParam("siteId", p.siteId())
                .addParam("rolledFrom", split.rolledFrom()).addParam("rolledTo", split.rolledTo()).execute()) {
            return rows.toList();
        }
    }

    private List<DbRow> rawFlows(ReportPeriod p, RawSpan.Range range) {
        try (var rows = database.client().execute().createNamedQuery("report-flows").addParam("siteId", p.siteId())
                .addParam("rawFromDate", range.from()).addParam("rawToDate", range.to())
                .addParam("rawFromAt", range.fromAt()).addParam("rawToAt", range.toAt())
                .addParam("zone", ReportPeriod.ZONE.getId()).execute()) {
            return rows.toList();
        }
    }

    private List<DbRow> donorRows(ReportPeriod p, RawSpan split) {
        try (var rows = database.client().execute().createNamedQuery("report-donors").addParam("siteId", p.siteId())
                .addParam("rolledFrom", split.rolledFrom()).addParam("rolledTo", split.rolledTo())
                .addParam("headFromDate", split.head().from()).addParam("headToDate", split.head().to())
                .addParam("tailFromDate", split.tail().from()).addParam("tailToDate", split.tail().to()).execute()) {
            return rows.toList();
        }
    }

    private Summary summary(ReportPeriod p, List<DbRow> flowRows, List<DbRow> stockRows, Summary.Durations durations,
                            Summary.Beneficiaries people, List<Summary.DonorContribution> donors, List<DbRow> firstUseRows) {
        Map<Figure, Map<MachineType, Long>> figures = new EnumMap<>(Figure.class);
        for (Figure f : Figure.values()) {
            figures.put(f, new EnumMap<>(MachineType.class));
        }
        Map<MachineType, BigDecimal> kg = new EnumMap<>(MachineType.class);
        Map<YearMonth, long[]> months = new LinkedHashMap<>();
        for (YearMonth m = YearMonth.from(p.from()); !m.isAfter(YearMonth.from(p.to())); m = m.plusMonths(1)) {
            months.put(m, new long[7]);
        }
        for (DbRow r : flowRows) {
            String figure = Rows.text(r, "figure");
            MachineType type = MachineType.valueOf(Rows.text(r, "type"));
            long n = Rows.longValue(r, "n");
            long[] month = months.get(YearMonth.parse(Rows.text(r, "month")));
            switch (figure) {
                case "RECEIVED" -> add(figures, Figure.RECEIVED, type, n, month, 0);
                case "READY" -> add(figures, Figure.READY, type, n, month, 1);
                case "LENT" -> add(figures, Figure.LENT, type, n, month, 2);
                case "GIVEN_DIRECT", "CONVERTED_TO_GIFT" -> add(figures, Figure.GIVEN, type, n, month, 3);
                case "RETURNED" -> add(figures, Figure.RETURNED, type, n, month, 4);
                case "SCRAPPED" -> {
                    add(figures, Figure.SCRAPPED, type, n, month, 5);
                    kg.merge(type, Rows.decimal(r, "kg"), BigDecimal::add);
                }
                case "PARTS" -> add(figures, Figure.PARTS, type, n, month, 6);
                default -> throw new IllegalStateException("unknown figure " + figure);
            }
        }
        Map<MachineType, Long> readyStock = new EnumMap<>(MachineType.class);
        for (DbRow r : stockRows) {
            String state = Rows.text(r, "state");
            MachineType type = MachineType.valueOf(Rows.text(r, "type"));
            long n = Rows.longValue(r, "n");
            if (WORKSHOP_STATES.contains(state)) {
                figures.get(Figure.IN_WORKSHOP).merge(type, n, Long::sum);
            } else if (state.equals("READY")) {
                readyStock.merge(type, n, Long::sum);
            }
        }
        List<Summary.MonthFlow> flows = new ArrayList<>();
        months.forEach((m, v) -> flows.add(new Summary.MonthFlow(m, v[0], v[1], v[2], v[3], v[4], v[5], v[6])));
        Map<MachineType, Long> firstUse = new EnumMap<>(MachineType.class);
        for (DbRow r : firstUseRows) {
            firstUse.put(MachineType.valueOf(Rows.text(r, "type")), Rows.longValue(r, "n"));
        }
        return new Summary(p, OffsetDateTime.now(clock), figures, kg, flows, readyStock, durations, people, donors,
                impact(firstUse));
    }

    private static void add(Map<Figure, Map<MachineType, Long>> figures, Figure f, MachineType type, long n,
                            long[] month, int column) {
        figures.get(f).merge(type, n, Long::sum);
        if (month != null) {
            month[column] += n;
        }
    }

    /** One row: the machines of each bucket and the median, null when no machine was made ready. */
    private static Summary.Durations durations(List<DbRow> rows) {
        DbRow r = rows.getFirst();
        List<Summary.Bucket> buckets = new ArrayList<>();
        long machines = 0;
        for (int i = 0; i < BUCKETS.size(); i++) {
            long n = Rows.longValue(r, "b" + (i + 1));
            buckets.add(new Summary.Bucket(BUCKETS.get(i), n));
            machines += n;
        }
        Object median = Rows.raw(r, "median");
        return new Summary.Durations(machines, median == null ? null : ((Number) median).doubleValue(), buckets);
    }

    private static Summary.Beneficiaries beneficiaries(List<DbRow> rows) {
        SmallCount.Protected people = PeopleBreakdowns.of(rows, PeopleLabels.AGE_BRACKETS, PeopleLabels.SITUATIONS);
        return new Summary.Beneficiaries(people.total(), people.breakdowns().get(0), people.breakdowns().get(1),
                people.breakdowns().get(2));
    }

    private static List<Summary.DonorContribution> donors(List<DbRow> rows) {
        return rows.stream()
                .map(r -> new Summary.DonorContribution(
                        Rows.text(r, "name") == null ? "Particuliers" : Rows.text(r, "name"),
                        Rows.text(r, "kind"), Rows.longValue(r, "donations"), Rows.longValue(r, "machines")))
                .toList();
    }

    /**
     * A second life is credited once per machine, in the period of its first handover (loan or gift): a
     * machine lent, returned and lent again is one second life, not two (issue 12; docs/reports.md).
     */
    private Summary.Impact impact(Map<MachineType, Long> firstUse) {
        List<Summary.ImpactLine> lines = new ArrayList<>();
        long machines = 0;
        BigDecimal ewaste = BigDecimal.ZERO;
        BigDecimal co2e = BigDecimal.ZERO;
        for (MachineType type : MachineType.values()) {
            long n = firstUse.getOrDefault(type, 0L);
            ImpactFactors.Factor f = impact.of(type);
            BigDecimal kg = f.weightKg().multiply(BigDecimal.valueOf(n)).setScale(1, RoundingMode.HALF_UP);
            BigDecimal co2 = f.co2ePerYearKg().multiply(f.years()).multiply(BigDecimal.valueOf(n)).setScale(0, RoundingMode.HALF_UP);
            lines.add(new Summary.ImpactLine(type, n, f.weightKg(), f.co2ePerYearKg(), f.years(), kg, co2));
            machines += n;
            ewaste = ewaste.add(kg);
            co2e = co2e.add(co2);
        }
        return new Summary.Impact(machines, ewaste, co2e, lines, impact.source());
    }
}
