package fr.parcsolidaire.reports;

import fr.parcsolidaire.bench.Seeder;
import fr.parcsolidaire.platform.settings.Settings;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.DatabaseCoordinates;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * V35's monthly rollup on a database of its own, filled by the Seeder (three years, three sites): the dashboard's
 * figures read through the rollup equal those read from the raw rows, for every site and for all, on whole years,
 * on periods cut mid-month, after back-dated rows land in rolled months, after a month is forgotten and rolled
 * again, and when rows land in a month while it rolls.
 */
class MonthlyRollupTest {

    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static String name;
    private static String url;
    private static Database database;
    private static ReportService reports;
    private static MonthlyRollup rollup;
    private static final LocalDate TODAY = LocalDate.now(ReportPeriod.ZONE);

    @BeforeAll
    static void seed() throws Exception {
        name = "parc_rollup_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        exec(ADMIN_URL, "CREATE DATABASE " + name);
        url = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
        DatabaseCoordinates coordinates = new DatabaseCoordinates(url, "postgres", "", null);
        new Seeder().run(coordinates, 3000);
        Config config = Config.builder()
                .addSource(ConfigSources.create(Map.of("db.connection.url", url, "db.connection.username", "postgres")))
                .addSource(ConfigSources.classpath("application.yaml"))
                .disableEnvironmentVariablesSource()
                .build();
        Settings settings = Settings.of(config);
        database = Database.open(settings.section("db"), coordinates, List.of("statements/reports.sql"));
        reports = new ReportService(database, ImpactFactors.from(settings.section("app.impact")), Clock.systemDefaultZone());
        rollup = new MonthlyRollup(database, Clock.systemDefaultZone());
    }

    @AfterAll
    static void drop() {
        if (database != null) {
            database.close();
        }
        exec(ADMIN_URL, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    @Test
    void rolledFiguresEqualRawFiguresForEverySiteAndPeriodThroughBackDatedRowsAndRolls() throws Exception {
        exec(url, "DELETE FROM report_rolled_months");
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

        // A loan of a rolled month converted to a gift as GiftConversions does it (kind first, event next), then
        // cancelled: it stays lent throughout.
        String loan = "(SELECT min(id) FROM assignments WHERE kind = 'LOAN' AND status = 'ACTIVE' AND starts_on < DATE '"
                + YearMonth.from(TODAY).atDay(1) + "')";
        exec(url, "DO $$ DECLARE a bigint := " + loan + "; BEGIN"
                + " UPDATE assignments SET kind = 'GIFT', status = 'GIVEN', due_on = NULL WHERE id = a;"
                + " INSERT INTO assignment_events (assignment_id, kind, actor_id) VALUES (a, 'CONVERTED_TO_GIFT', (SELECT min(id) FROM users));"
                + " END $$");
        assertFigures("a loan converted to a gift");
        exec(url, "UPDATE assignments SET kind = 'LOAN', status = 'ACTIVE', due_on = current_date WHERE id = (SELECT max(assignment_id)"
                + " FROM assignment_events WHERE kind = 'CONVERTED_TO_GIFT')");
        assertFigures("the gift cancelled");

        exec(url, "DELETE FROM report_rolled_months WHERE month = DATE '" + back.atDay(1) + "'");
        assertFigures("one month forgotten in the middle of the period");
        assertTrue(rollup.roll(back));
        assertFalse(rollup.roll(back));
        assertFigures("the month rolled again");

        // A change no request makes (an assignment moved): its months are forgotten, read raw until rolled again.
        exec(url, "UPDATE assignments SET starts_on = starts_on + 1 WHERE id = (SELECT min(id) FROM assignments"
                + " WHERE starts_on >= DATE '" + before.atDay(1) + "' AND starts_on < DATE '" + before.atDay(20) + "')");
        assertEquals(0, count("SELECT count(*) FROM report_rolled_months WHERE month = DATE '" + before.atDay(1) + "'"));
        assertFigures("an assignment moved");
        assertEquals(1, rollup.rollClosedMonths());
        assertFigures("rolled again by the job");
    }

    @Test
    void rowsWrittenIntoAMonthWhileItRollsAreCountedOnce() throws Exception {
        YearMonth month = YearMonth.from(TODAY).minusMonths(3);
        exec(url, "DELETE FROM report_rolled_months WHERE month = DATE '" + month.atDay(1) + "'");
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        exec(url, "INSERT INTO machine_events (machine_id, kind, from_state, to_state, actor_id, at)"
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

    /** A loan and a gift, a READY and a SCRAPPED transition, a return, a conversion and a donation of two machines. */
    private static void backDate(YearMonth month) {
        String day = month.atDay(12).toString();
        String actor = "(SELECT min(id) FROM users)";
        String machine = "(SELECT min(id) FROM machines m WHERE NOT EXISTS (SELECT 1 FROM assignments a"
                + " WHERE a.machine_id = m.id AND a.status IN ('ACTIVE', 'GIVEN')))";
        String person = "(SELECT min(id) FROM beneficiaries)";
        // A transition must leave the machine's current state (V1): from whatever state it is in.
        exec(url, "INSERT INTO machine_events (machine_id, kind, from_state, to_state, actor_id, at) SELECT id, 'TRANSITION',"
                + " state, 'READY', " + actor + ", TIMESTAMPTZ '" + day + " 10:00+01' FROM machines ORDER BY id DESC LIMIT 1");
        exec(url, "INSERT INTO machine_events (machine_id, kind, from_state, to_state, actor_id, at, data) SELECT id, 'TRANSITION',"
                + " state, 'SCRAPPED', " + actor + ", TIMESTAMPTZ '" + day + " 11:00+01', '{\"weightKg\": 3.25}'"
                + " FROM machines WHERE state NOT IN ('SCRAPPED', 'PARTS') ORDER BY id DESC LIMIT 1 OFFSET 1");
        exec(url, "INSERT INTO assignments (machine_id, beneficiary_id, kind, status, starts_on, ended_on, due_on, created_by)"
                + " SELECT " + machine + ", " + person + ", 'LOAN', 'RETURNED', DATE '" + day + "', DATE '" + day + "',"
                + " DATE '" + day + "' + 30, " + actor);
        exec(url, "INSERT INTO assignments (machine_id, beneficiary_id, kind, status, starts_on, created_by)"
                + " SELECT " + machine + ", " + person + ", 'GIFT', 'GIVEN', DATE '" + day + "', " + actor);
        exec(url, "INSERT INTO assignment_events (assignment_id, kind, actor_id, at) SELECT max(id), 'RETURNED', " + actor
                + ", TIMESTAMPTZ '" + day + " 15:00+01' FROM assignments WHERE kind = 'LOAN'");
        exec(url, "INSERT INTO assignment_events (assignment_id, kind, actor_id, at) SELECT max(id), 'CONVERTED_TO_GIFT', "
                + actor + ", TIMESTAMPTZ '" + day + " 16:00+01' FROM assignments WHERE kind = 'GIFT'");
        exec(url, "WITH d AS (INSERT INTO donations (donor_id, site_id, received_on, created_by) SELECT min(id), "
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
                assertEquals(raw.readyStock(), rolled.readyStock(), where);
                assertEquals(raw.impact(), rolled.impact(), where);
                assertTrue(raw.total(Figure.RECEIVED) + raw.total(Figure.READY) > 0 || !period.isEmpty(), where);
            }
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

    private static void exec(String jdbc, String statement) {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", ""); var st = c.createStatement()) {
            st.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement, e);
        }
    }
}
