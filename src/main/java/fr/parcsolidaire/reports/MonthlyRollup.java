package fr.parcsolidaire.reports;

import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbRow;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Rolls every closed month not rolled yet (V35): shortly after start-up, then every hour, so a month is rolled
 * within the hour of its closing. Writes through the primary's database, never from a reading. The dashboard
 * does not depend on it: a month not rolled is read from the raw rows. Several instances may run it: each month
 * is rolled under its advisory lock, once.
 */
final class MonthlyRollup implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MonthlyRollup.class.getName());

    private final Database database;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    MonthlyRollup(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    MonthlyRollup every(Duration interval) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "report-rollup");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                rollClosedMonths();
            } catch (RuntimeException e) {
                // The next run tries again; each month rolls in its own transaction, all or nothing.
                LOG.log(Level.WARNING, "Cumul mensuel des rapports impossible pour l'instant", e);
            }
        }, 5, interval.toSeconds(), TimeUnit.SECONDS);
        return this;
    }

    /** Rolls each closed month from the first with data to the last one; returns how many it rolled. */
    int rollClosedMonths() {
        YearMonth last = YearMonth.now(clock.withZone(ReportPeriod.ZONE)).minusMonths(1);
        Optional<YearMonth> first = database.client().execute().createNamedGet("report-roll-first-month")
                .addParam("zone", ReportPeriod.ZONE.getId()).execute()
                .map(r -> Rows.raw(r, "first_at"))
                .map(v -> YearMonth.from(v instanceof java.sql.Timestamp t ? t.toLocalDateTime() : (LocalDateTime) v));
        if (first.isEmpty() || first.get().isAfter(last)) {
            return 0;
        }
        Set<YearMonth> rolled = rolled(database, first.get().atDay(1), last.atEndOfMonth());
        int done = 0;
        for (YearMonth m = first.get(); !m.isAfter(last); m = m.plusMonths(1)) {
            if (!rolled.contains(m) && roll(m)) {
                done++;
            }
        }
        return done;
    }

    /** Rolls one closed month now (on demand); false when it was rolled already. */
    boolean roll(YearMonth month) {
        if (!month.isBefore(YearMonth.now(clock.withZone(ReportPeriod.ZONE)))) {
            throw new IllegalArgumentException("only a closed month rolls: " + month);
        }
        return database.client().execute().createNamedGet("report-roll-month").addParam("month", month.atDay(1)).execute()
                .map(r -> Rows.bool(r, "rolled")).orElse(false);
    }

    static Set<YearMonth> rolled(Database database, LocalDate from, LocalDate to) {
        Set<YearMonth> months = new HashSet<>();
        try (var rows = database.client().execute().createNamedQuery("report-rolled-months")
                .addParam("fromDate", from).addParam("toDate", to).execute()) {
            rows.forEach((DbRow r) -> months.add(YearMonth.from(Rows.date(r, "month"))));
        }
        return months;
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
