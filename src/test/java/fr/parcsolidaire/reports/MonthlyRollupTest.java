package fr.parcsolidaire.reports;

import fr.parcsolidaire.SeededDatabase;
import fr.parcsolidaire.platform.sql.Database;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbStatementQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * V35's monthly rollup and V37's firsts in a period on a database of their own, filled by the Seeder (three years,
 * three sites): the dashboard's figures read through the rollup equal those read from the raw rows, and its
 * durations and people served equal those of the statements they replaced (kept here as the reference), for every
 * site and for all, on whole years, on the last twelve months from today, on periods cut mid-month, after
 * back-dated rows land in rolled months, after a month is forgotten and rolled again, after a machine is
 * reconditioned again and a person changes, and when rows land while a month rolls or a person's rows change.
 */
class MonthlyRollupTest {

    private static SeededDatabase seeded;
    private static String url;
    private static Database database;
    private static ReportService reports;
    private static MonthlyRollup rollup;
    private static final LocalDate TODAY = LocalDate.now(ReportPeriod.ZONE);

    @BeforeAll
    static void seed() throws Exception {
        seeded = SeededDatabase.create("parc_rollup", 3000, "statements/reports.sql");
        url = seeded.url();
        database = seeded.database();
        reports = new ReportService(database, ImpactFactors.from(seeded.settings().section("app.impact")), Clock.systemDefaultZone());
        rollup = new MonthlyRollup(database, Clock.systemDefaultZone());
    }

    @AfterAll
    static void drop() {
        if (seeded != null) {
            seeded.close();
        }
    }

    @Test
    void rolledFiguresEqualRawFiguresForEverySiteAndPeriodThroughBackDatedRowsAndRolls() throws Exception {
        seeded.exec("DELETE FROM report_rolled_months");
        assertFigures("nothing rolled");
        int rolled = rollup.rollClosedMonths();
        assertTrue(rolled >= 30, "three years of closed months: " + rolled);
        assertEquals(0, rollup.rollClosedMonths(), "a rolled month rolls once");
        assertFigures("all closed months rolled");

        YearMonth back = YearMonth.from(TODAY).minusMonths(5);
        YearMonth before = YearMonth.from(TODAY).minusMonths(14);
        long flowsBefore = count("SELECT sum(n) FROM report_month_flows WHERE month = DATE '" + back.atDay(1) + "'");
        backDate(back);
        backDate(before);
        assertEquals(flowsBefore + 8, count("SELECT sum(n) FROM report_month_flows WHERE month = DATE '" + back.atDay(1) + "'"),
                "the back-dated rows are added to their rolled month: received 2, ready, scrapped, lent, given, returned, converted");
        assertFigures("back-dated rows in rolled months");

        reconditionAgain(back, before);
        assertFigures("a machine reconditioned three times, two of them back-dated");
        personChanges(back, before);
        assertFigures("a person served again, back-dated, then moved to another site with new characteristics");

        // A loan of a rolled month converted to a gift as GiftConversions does it (kind first, event next), then
        // cancelled: it stays lent throughout.
        String loan = "(SELECT min(id) FROM assignments WHERE kind = 'LOAN' AND status = 'ACTIVE' AND starts_on < DATE '"
                + YearMonth.from(TODAY).atDay(1) + "')";
        seeded.exec("DO $$ DECLARE a bigint := " + loan + "; BEGIN"
                + " UPDATE assignments SET kind = 'GIFT', status = 'GIVEN', due_on = NULL WHERE id = a;"
                + " INSERT INTO assignment_events (assignment_id, kind, actor_id) VALUES (a, 'CONVERTED_TO_GIFT', (SELECT min(id) FROM users));"
                + " END $$");
        assertFigures("a loan converted to a gift");
        seeded.exec("UPDATE assignments SET kind = 'LOAN', status = 'ACTIVE', due_on = current_date WHERE id = (SELECT max(assignment_id)"
                + " FROM assignment_events WHERE kind = 'CONVERTED_TO_GIFT')");
        assertFigures("the gift cancelled");

        seeded.exec("DELETE FROM report_rolled_months WHERE month = DATE '" + back.atDay(1) + "'");
        assertFigures("one month forgotten in the middle of the period");
        assertTrue(rollup.roll(back));
        assertFalse(rollup.roll(back));
        assertFigures("the month rolled again");

        // A change no request makes (an assignment moved): its months are forgotten, read raw until rolled again.
        seeded.exec("UPDATE assignments SET starts_on = starts_on + 1 WHERE id = (SELECT min(id) FROM assignments"
                + " WHERE starts_on >= DATE '" + before.atDay(1) + "' AND starts_on < DATE '" + before.atDay(20) + "')");
        assertEquals(0, count("SELECT count(*) FROM report_rolled_months WHERE month = DATE '" + before.atDay(1) + "'"));
        assertFigures("an assignment moved");
        assertEquals(1, rollup.rollClosedMonths());
        assertFigures("rolled again by the job");
    }

    /**
     * The dashboard's queries run a few at a time (ReportService.PARALLEL_QUERIES): the figures equal those of the
     * same queries run one after another, for every site and period, the rollup read or not.
     */
    @Test
    void figuresComputedConcurrentlyEqualThoseComputedOneQueryAfterAnother() {
        List<Map<String, String>> periods = List.of(Map.of(),
                Map.of("from", TODAY.minusYears(1).toString(), "to", TODAY.toString()),
                Map.of("from", TODAY.minusMonths(17).withDayOfMonth(15).toString(), "to", TODAY.minusMonths(2).withDayOfMonth(10).toString()));
        List<String> sites = new ArrayList<>(List.of(""));
        try (var rows = database.client().execute().createQuery("SELECT code FROM sites ORDER BY id").execute()) {
            rows.forEach(r -> sites.add(r.column("code").getString()));
        }
        for (Map<String, String> period : periods) {
            for (String site : sites) {
                Map<String, String> query = new java.util.HashMap<>(period);
                query.put("site", site);
                ReportPeriod p = reports.period(query);
                Set<YearMonth> rolled = MonthlyRollup.rolled(database, p.from(), p.to());
                for (Set<YearMonth> months : List.of(rolled, Set.<YearMonth>of())) {
                    Summary sequential = reports.summary(p, months, 1);
                    Summary concurrent = reports.summary(p, months, ReportService.PARALLEL_QUERIES);
                    String where = p.from() + " to " + p.to() + ", site " + (site.isEmpty() ? "all" : site)
                            + (months.isEmpty() ? ", raw" : ", rolled");
                    assertTrue(sequential.total(Figure.RECEIVED) > 0, where);
                    assertEquals(sequential.figures(), concurrent.figures(), where);
                    assertEquals(sequential.scrappedKg(), concurrent.scrappedKg(), where);
                    assertEquals(sequential.months(), concurrent.months(), where);
                    assertEquals(sequential.readyStock(), concurrent.readyStock(), where);
                    assertEquals(sequential.durations(), concurrent.durations(), where);
                    assertEquals(sequential.beneficiaries(), concurrent.beneficiaries(), where);
                    assertEquals(sequential.donors(), concurrent.donors(), where);
                    assertEquals(sequential.impact(), concurrent.impact(), where);
                }
            }
        }
    }

    @Test
    void rowsWrittenIntoAMonthWhileItRollsAreCountedOnce() throws Exception {
        YearMonth month = YearMonth.from(TODAY).minusMonths(3);
        seeded.exec("DELETE FROM report_rolled_months WHERE month = DATE '" + month.atDay(1) + "'");
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        seeded.exec("INSERT INTO machine_events (machine_id, kind, from_state, to_state, actor_id, at)"
                                + " SELECT id, 'TRANSITION', state, 'READY', (SELECT min(id) FROM users),"
                                + " TIMESTAMPTZ '" + month.atDay(10) + " 12:00+01' + interval '" + (writer * 40 + i) + " minutes'"
                                + " FROM machines ORDER BY id LIMIT 1 OFFSET " + (writer * 40 + i));
                    }
                    return null;
                }));
            }
            Thread.sleep(30);
            assertTrue(rollup.roll(month));
            for (Future<?> f : writers) {
                f.get();
            }
        }
        assertFigures("rows written while the month rolled");
    }

    /**
     * V37 under concurrent writers: three threads enter assignments for the same two people at dates out of order
     * while a fourth keeps changing their commune and situation; each person's chain and copies stay those a
     * rebuild from scratch gives.
     */
    @Test
    void assignmentsOfOnePersonEnteredAtOnceWhileTheyChangeKeepTheirChain() throws Exception {
        long first = count("SELECT max(id) FROM beneficiaries");
        long[] people = {first, first - 1};
        String machine = "(SELECT min(id) FROM machines)";
        // One person per statement, as the service writes: a statement locking two people in turn could deadlock
        // with one changing them in the other order.
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 30; i++) {
                        int daysBack = (writer * 30 + i) * 37 % 700;
                        seeded.exec("INSERT INTO assignments (machine_id, beneficiary_id, kind, status, starts_on, ended_on, due_on, created_by)"
                                + " SELECT " + machine + ", " + people[i % 2] + ", 'LOAN', 'RETURNED', current_date - " + daysBack
                                + ", current_date - " + daysBack + ", current_date - " + daysBack + " + 30, (SELECT min(id) FROM users)");
                    }
                    return null;
                }));
            }
            writers.add(pool.submit(() -> {
                for (int i = 0; i < 30; i++) {
                    seeded.exec("UPDATE beneficiaries SET commune = 'Commune " + (i % 3) + "', situation = '"
                            + (i % 2 == 0 ? "RSA" : "STUDENT") + "' WHERE id = " + people[i % 2]);
                }
                return null;
            }));
            for (Future<?> f : writers) {
                f.get();
            }
        }
        assertFirstsKept("concurrent assignments and changes of the same people");
        assertFigures("concurrent assignments and changes of the same people");
    }

    /**
     * A machine now in reconditioning made ready in a rolled month, then (after going back to the workshop) ready
     * again, back-dated before it, then once more long before: each READY row's predecessor moves.
     */
    private static void reconditionAgain(YearMonth back, YearMonth before) {
        String actor = "(SELECT min(id) FROM users)";
        long machine = count("SELECT min(id) FROM machines m WHERE state = 'IN_RECONDITIONING'"
                + " AND NOT EXISTS (SELECT 1 FROM report_ready_times r WHERE r.machine_id = m.id)");
        YearMonth older = YearMonth.from(TODAY).minusMonths(20);
        for (YearMonth m : List.of(back, before, older)) {
            seeded.exec("INSERT INTO machine_events (machine_id, kind, from_state, to_state, actor_id, at) VALUES (" + machine
                    + ", 'TRANSITION', 'IN_RECONDITIONING', 'READY', " + actor + ", TIMESTAMPTZ '" + m.atDay(9) + " 09:30+01')");
            seeded.exec("INSERT INTO machine_events (machine_id, kind, from_state, to_state, actor_id) VALUES (" + machine
                    + ", 'TRANSITION', 'READY', 'IN_RECONDITIONING', " + actor + ")");
        }
        assertEquals(List.of(before.atDay(9).toString(), older.atDay(9).toString()),
                List.of(text("SELECT CAST(CAST(prev_at AT TIME ZONE 'Europe/Paris' AS date) AS text) FROM report_ready_times"
                                + " WHERE machine_id = " + machine + " AND at = TIMESTAMPTZ '" + back.atDay(9) + " 09:30+01'"),
                        text("SELECT CAST(CAST(prev_at AT TIME ZONE 'Europe/Paris' AS date) AS text) FROM report_ready_times"
                                + " WHERE machine_id = " + machine + " AND at = TIMESTAMPTZ '" + before.atDay(9) + " 09:30+01'")),
                "each back-dated READY became its successor's predecessor");
        assertFirstsKept("a machine reconditioned again");
    }

    /** A person already served, served again before their first assignment, then moved and described anew. */
    private static void personChanges(YearMonth back, YearMonth before) {
        String actor = "(SELECT min(id) FROM users)";
        long person = count("SELECT beneficiary_id FROM assignments GROUP BY beneficiary_id HAVING count(*) >= 2 ORDER BY 1 LIMIT 1");
        String machine = "(SELECT min(id) FROM machines)";
        for (YearMonth m : List.of(back, before, YearMonth.from(TODAY).minusMonths(30))) {
            seeded.exec("INSERT INTO assignments (machine_id, beneficiary_id, kind, status, starts_on, ended_on, due_on, created_by)"
                    + " SELECT " + machine + ", " + person + ", 'LOAN', 'RETURNED', DATE '" + m.atDay(3) + "', DATE '" + m.atDay(3)
                    + "', DATE '" + m.atDay(3) + "' + 30, " + actor);
        }
        seeded.exec("UPDATE beneficiaries SET site_id = (SELECT max(id) FROM sites WHERE id <> beneficiaries.site_id),"
                + " age_bracket = 'FROM_75', situation = 'RETIRED', commune = 'Vénissieux' WHERE id = " + person);
        assertEquals(count("SELECT count(*) FROM assignments WHERE beneficiary_id = " + person),
                count("SELECT count(*) FROM report_served WHERE beneficiary_id = " + person + " AND commune = 'Vénissieux'"
                        + " AND site_id = (SELECT site_id FROM beneficiaries WHERE id = " + person + ")"),
                "every row of the person follows their new site and characteristics");
        assertFirstsKept("a person served again and changed");
    }

    /** V37's tables hold exactly what report_first_in_period_refresh would write from scratch. */
    private static void assertFirstsKept(String when) {
        String ready = "SELECT e.id, e.machine_id, e.machine_site_id, e.at,"
                + " CAST(EXTRACT(EPOCH FROM (e.at - e.machine_created_at)) / 86400.0 AS double precision),"
                + " lag(e.at) OVER (PARTITION BY e.machine_id ORDER BY e.at, e.id) FROM machine_events e"
                + " WHERE e.kind = 'TRANSITION' AND e.to_state = 'READY' AND e.from_state = 'IN_RECONDITIONING'";
        String kept = "SELECT event_id, machine_id, site_id, at, days, prev_at FROM report_ready_times";
        assertEquals(0, count("SELECT count(*) FROM ((" + ready + " EXCEPT ALL " + kept + ") UNION ALL (" + kept + " EXCEPT ALL " + ready + ")) x"),
                when + ": report_ready_times");
        String served = "SELECT a.id, a.beneficiary_id, a.starts_on, lag(a.starts_on) OVER (PARTITION BY a.beneficiary_id"
                + " ORDER BY a.starts_on, a.id), b.site_id, b.age_bracket, b.situation, b.commune"
                + " FROM assignments a JOIN beneficiaries b ON b.id = a.beneficiary_id";
        String keptServed = "SELECT assignment_id, beneficiary_id, starts_on, prev_starts_on, site_id, age_bracket, situation, commune"
                + " FROM report_served";
        assertEquals(0, count("SELECT count(*) FROM ((" + served + " EXCEPT ALL " + keptServed + ") UNION ALL (" + keptServed
                + " EXCEPT ALL " + served + ")) x"), when + ": report_served");
    }

    /** A loan and a gift, a READY and a SCRAPPED transition, a return, a conversion and a donation of two machines. */
    private static void backDate(YearMonth month) {
        String day = month.atDay(12).toString();
        String actor = "(SELECT min(id) FROM users)";
        String machine = "(SELECT min(id) FROM machines m WHERE NOT EXISTS (SELECT 1 FROM assignments a"
                + " WHERE a.machine_id = m.id AND a.status IN ('ACTIVE', 'GIVEN')))";
        String person = "(SELECT min(id) FROM beneficiaries)";
        // A transition must leave the machine's current state (V1): from whatever state it is in.
        seeded.exec("INSERT INTO machine_events (machine_id, kind, from_state, to_state, actor_id, at) SELECT id, 'TRANSITION',"
                + " state, 'READY', " + actor + ", TIMESTAMPTZ '" + day + " 10:00+01' FROM machines ORDER BY id DESC LIMIT 1");
        seeded.exec("INSERT INTO machine_events (machine_id, kind, from_state, to_state, actor_id, at, data) SELECT id, 'TRANSITION',"
                + " state, 'SCRAPPED', " + actor + ", TIMESTAMPTZ '" + day + " 11:00+01', '{\"weightKg\": 3.25}'"
                + " FROM machines WHERE state NOT IN ('SCRAPPED', 'PARTS') ORDER BY id DESC LIMIT 1 OFFSET 1");
        seeded.exec("INSERT INTO assignments (machine_id, beneficiary_id, kind, status, starts_on, ended_on, due_on, created_by)"
                + " SELECT " + machine + ", " + person + ", 'LOAN', 'RETURNED', DATE '" + day + "', DATE '" + day + "',"
                + " DATE '" + day + "' + 30, " + actor);
        seeded.exec("INSERT INTO assignments (machine_id, beneficiary_id, kind, status, starts_on, created_by)"
                + " SELECT " + machine + ", " + person + ", 'GIFT', 'GIVEN', DATE '" + day + "', " + actor);
        seeded.exec("INSERT INTO assignment_events (assignment_id, kind, actor_id, at) SELECT max(id), 'RETURNED', " + actor
                + ", TIMESTAMPTZ '" + day + " 15:00+01' FROM assignments WHERE kind = 'LOAN'");
        seeded.exec("INSERT INTO assignment_events (assignment_id, kind, actor_id, at) SELECT max(id), 'CONVERTED_TO_GIFT', "
                + actor + ", TIMESTAMPTZ '" + day + " 16:00+01' FROM assignments WHERE kind = 'GIFT'");
        seeded.exec("WITH d AS (INSERT INTO donations (donor_id, site_id, received_on, created_by) SELECT min(id), "
                + "(SELECT max(id) FROM sites), DATE '" + day + "', " + actor + " FROM donors RETURNING id, site_id)"
                + " INSERT INTO machines (tag, type, site_id, donation_id)"
                + " SELECT 'RLP-" + month.getYear() + "-' || lpad(CAST(" + month.getMonthValue() + " * 100 + g AS text), 5, '0'),"
                + " t, d.site_id, d.id FROM d, (VALUES (1, 'LAPTOP'), (2, 'SCREEN')) AS v(g, t)");
    }

    /** Every period and scope: the figures through the rollup equal the figures from the raw rows alone. */
    private static void assertFigures(String when) {
        List<Map<String, String>> periods = new ArrayList<>();
        periods.add(Map.of());
        periods.add(Map.of("from", TODAY.minusYears(1).withDayOfMonth(1).toString(), "to", TODAY.toString()));
        periods.add(Map.of("from", TODAY.minusYears(1).toString(), "to", TODAY.toString()));
        periods.add(Map.of("from", TODAY.minusMonths(17).withDayOfMonth(15).toString(), "to", TODAY.minusMonths(2).withDayOfMonth(10).toString()));
        periods.add(Map.of("from", TODAY.minusYears(3).withDayOfYear(1).toString(), "to", TODAY.withDayOfYear(1).minusDays(1).toString()));
        List<String> sites = new ArrayList<>(List.of(""));
        try (var rows = database.client().execute().createQuery("SELECT code FROM sites ORDER BY id").execute()) {
            rows.forEach(r -> sites.add(r.column("code").getString()));
        }
        assertTrue(sites.size() >= 4, "the seeded sites: " + sites);
        for (Map<String, String> period : periods) {
            for (String site : sites) {
                Map<String, String> query = new java.util.HashMap<>(period);
                query.put("site", site);
                ReportPeriod p = reports.period(query);
                Summary raw = reports.summary(p, Set.of());
                Summary rolled = reports.summary(p);
                String where = when + ", " + p.from() + " to " + p.to() + ", site " + (site.isEmpty() ? "all" : site);
                assertEquals(raw.figures(), rolled.figures(), where);
                assertEquals(raw.months(), rolled.months(), where);
                assertEquals(raw.donors(), rolled.donors(), where);
                assertEquals(raw.scrappedKg().keySet(), rolled.scrappedKg().keySet(), where);
                raw.scrappedKg().forEach((type, kg) -> assertEquals(0, kg.compareTo(rolled.scrappedKg().get(type)), where + " kg " + type));
                assertEquals(raw.durations(), rolled.durations(), where);
                assertEquals(raw.beneficiaries(), rolled.beneficiaries(), where);
                assertEquals(referenceDurations(p), rolled.durations(), where + ", durations");
                List<List<Object>> people = rows(database.client().execute().createNamedQuery("report-beneficiaries"), p);
                assertEquals(rows(database.client().execute().createQuery(BENEFICIARIES_BEFORE_V37), p), people, where + ", people");
                assertEquals(referencePeople(p), rolled.beneficiaries(), where + ", people protected");
                assertEquals(raw.readyStock(), rolled.readyStock(), where);
                assertEquals(raw.impact(), rolled.impact(), where);
                assertTrue(raw.total(Figure.RECEIVED) + raw.total(Figure.READY) > 0 || !period.isEmpty(), where);
            }
        }
    }

    /** report-reconditioning-days before V37: a DISTINCT ON over the period's transitions, read here as the reference. */
    private static final String DURATIONS_BEFORE_V37 = """
            WITH first_ready AS (
                SELECT DISTINCT ON (e.machine_id) e.machine_id,
                       EXTRACT(EPOCH FROM (e.at - e.machine_created_at)) / 86400.0 AS days
                  FROM machine_events e
                 WHERE e.kind = 'TRANSITION' AND e.to_state = 'READY' AND e.from_state = 'IN_RECONDITIONING'
                   AND e.at >= :fromAt AND e.at < :toAt
                   AND (CAST(:siteId AS bigint) IS NULL OR e.machine_site_id = CAST(:siteId AS bigint))
                 ORDER BY e.machine_id, e.at
            )
            SELECT CASE WHEN days <= 7 THEN 1 WHEN days <= 14 THEN 2 WHEN days <= 30 THEN 3
                        WHEN days <= 60 THEN 4 WHEN days <= 90 THEN 5 ELSE 6 END AS bucket,
                   count(*) AS n,
                   (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY days) FROM first_ready) AS median
              FROM first_ready
             GROUP BY 1
            """;

    /** report-beneficiaries before V37: the period's assignments made distinct by person, joined to the people. */
    private static final String BENEFICIARIES_BEFORE_V37 = """
            SELECT CASE WHEN GROUPING(b.age_bracket) = 0 THEN 'AGE' WHEN GROUPING(b.situation) = 0 THEN 'SITUATION'
                        WHEN GROUPING(b.commune) = 0 THEN 'COMMUNE' ELSE 'TOTAL' END AS dimension,
                   CASE WHEN GROUPING(b.age_bracket) = 0 THEN b.age_bracket WHEN GROUPING(b.situation) = 0 THEN b.situation
                        WHEN GROUPING(b.commune) = 0 THEN b.commune ELSE '' END AS value,
                   count(*) AS n
              FROM (SELECT DISTINCT a.beneficiary_id FROM assignments a WHERE a.starts_on BETWEEN :fromDate AND :toDate) served
              JOIN beneficiaries b ON b.id = served.beneficiary_id
             WHERE CAST(:siteId AS bigint) IS NULL OR b.site_id = CAST(:siteId AS bigint)
             GROUP BY GROUPING SETS ((), (b.age_bracket), (b.situation), (b.commune))
             ORDER BY 1, 2
            """;

    /** The durations as ReportService read them before V37, from DURATIONS_BEFORE_V37. */
    private static Summary.Durations referenceDurations(ReportPeriod p) {
        long[] counts = new long[ReportService.BUCKETS.size()];
        Double median = null;
        try (var rows = database.client().execute().createQuery(DURATIONS_BEFORE_V37).addParam("siteId", p.siteId())
                .addParam("fromAt", p.fromAt()).addParam("toAt", p.toAt()).execute()) {
            for (DbRow r : rows.toList()) {
                counts[r.column("bucket").getInt() - 1] = r.column("n").getLong();
                median = ((Number) r.column("median").get()).doubleValue();
            }
        }
        List<Summary.Bucket> buckets = new ArrayList<>();
        long machines = 0;
        for (int i = 0; i < counts.length; i++) {
            buckets.add(new Summary.Bucket(ReportService.BUCKETS.get(i), counts[i]));
            machines += counts[i];
        }
        return new Summary.Durations(machines, median, buckets);
    }

    /** The people rows of a statement (dimension, value, count), in one order. */
    private static List<List<Object>> rows(DbStatementQuery query, ReportPeriod p) {
        try (var rows = query.addParam("siteId", p.siteId()).addParam("fromDate", p.from()).addParam("toDate", p.to()).execute()) {
            return rows.map(r -> List.<Object>of(r.column("dimension").getString(), r.column("value").getString(),
                    r.column("n").getLong())).toList().stream()
                    .sorted(Comparator.comparing((List<Object> r) -> (String) r.get(0)).thenComparing(r -> (String) r.get(1)))
                    .toList();
        }
    }

    /** The people served as ReportService protected them before V37, from BENEFICIARIES_BEFORE_V37. */
    private static Summary.Beneficiaries referencePeople(ReportPeriod p) {
        List<DbRow> rows;
        try (var result = database.client().execute().createQuery(BENEFICIARIES_BEFORE_V37).addParam("siteId", p.siteId())
                .addParam("fromDate", p.from()).addParam("toDate", p.to()).execute()) {
            rows = result.toList();
        }
        SmallCount.Protected people = PeopleBreakdowns.of(rows, PeopleLabels.AGE_BRACKETS, PeopleLabels.SITUATIONS);
        return new Summary.Beneficiaries(people.total(), people.breakdowns().get(0), people.breakdowns().get(1),
                people.breakdowns().get(2));
    }

    private static String text(String query) {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); var st = c.createStatement(); var rs = st.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String query) {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); var st = c.createStatement(); var rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
