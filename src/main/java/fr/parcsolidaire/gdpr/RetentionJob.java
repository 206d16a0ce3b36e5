package fr.parcsolidaire.gdpr;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the retention sweep shortly after start-up and then at a fixed interval (daily by default).
 * Several instances may run it: the sweep takes an advisory lock, and anonymising twice changes nothing.
 */
final class RetentionJob implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class.getName());

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gdpr-retention");
        t.setDaemon(true);
        return t;
    });

    public RetentionJob(Anonymiser anonymiser, int retentionMonths, Duration interval) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                anonymiser.sweep(retentionMonths);
            } catch (RuntimeException e) {
                // The next run tries again; a failed sweep changed nothing (one transaction).
                LOG.log(Level.WARNING, "Balayage de conservation impossible pour l'instant", e);
            }
        }, 30, interval.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
