package fr.parcsolidaire.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the reminder pass once a day at {@code app.messaging.reminders.daily-at} (the clock's time zone). Every
 * instance runs it: the outbox's keys queue each reminder once. A pass that fails is tried again at the next day's
 * time (or by an administrator, POST /api/v1/reminders/run).
 */
final class ReminderSchedule implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ReminderSchedule.class.getName());

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "reminder-pass");
        t.setDaemon(true);
        return t;
    });
    private final LocalTime at;
    private final Clock clock;
    private final Consumer<LocalDate> pass;

    ReminderSchedule(LocalTime at, Clock clock, Consumer<LocalDate> pass) {
        this.at = at;
        this.clock = clock;
        this.pass = pass;
    }

    void start() {
        scheduleNext();
    }

    /** How long until the next {@code at} after {@code now}. */
    static Duration untilNext(ZonedDateTime now, LocalTime at) {
        ZonedDateTime next = now.with(at);
        if (!next.isAfter(now)) {
            next = now.toLocalDate().plusDays(1).atTime(at).atZone(now.getZone());
        }
        return Duration.between(now, next);
    }

    private void scheduleNext() {
        if (scheduler.isShutdown()) {
            return;
        }
        long delay = untilNext(ZonedDateTime.now(clock), at).toMillis();
        try {
            scheduler.schedule(this::runAndReschedule, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // The service is stopping: no next pass.
        }
    }

    private void runAndReschedule() {
        try {
            pass.accept(LocalDate.now(clock));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Passe des rappels impossible pour l'instant", e);
        } finally {
            scheduleNext();
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
