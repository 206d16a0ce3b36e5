package fr.parcsolidaire.messaging;

import java.time.LocalDate;
import java.util.logging.Logger;

/** The reminder pass as the schedule and the administrator run it: queue what is due, then wake the worker. */
final class ReminderPass {

    private static final Logger LOG = Logger.getLogger(ReminderPass.class.getName());

    private final Reminders reminders;
    private final OutboxWorker worker;

    ReminderPass(Reminders reminders, OutboxWorker worker) {
        this.reminders = reminders;
        this.worker = worker;
    }

    Reminders.Report run(LocalDate date) {
        Reminders.Report report = reminders.run(date);
        if (report.queued() > 0) {
            LOG.info("Rappels du " + date + " : " + report.queued() + " message(s) mis en file.");
            worker.nudge();
        }
        return report;
    }
}
