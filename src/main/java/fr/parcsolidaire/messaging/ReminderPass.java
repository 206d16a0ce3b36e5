package fr.parcsolidaire.messaging;

import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Validator;

import java.time.LocalDate;
import java.util.List;
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

    /** What an administrator asks for: a day (today by default) and one rule (all by default). */
    record Request(LocalDate date, String rule) {

        /**
         * From a form or JSON body; the date within a year of today (the page's form always sends one:
         * {@code dateRequired}), the rule one of {@code rules}.
         */
        static Request from(Input in, LocalDate today, List<String> rules, boolean dateRequired) {
            Validator v = new Validator();
            LocalDate date = v.date(in.field("date"), in.text("date"), dateRequired, today.minusYears(1), today.plusYears(1));
            String rule = v.optional(in.field("rule"), in.text("rule"), 60);
            if (rule != null && !rules.contains(rule)) {
                v.reject(in.field("rule"), "Règle inconnue : choisissez parmi " + String.join(", ", rules) + ".");
            }
            v.throwIfInvalid();
            return new Request(date == null ? today : date, rule);
        }
    }

    List<String> rules() {
        return reminders.ruleNames();
    }

    Reminders.Report run(LocalDate date) {
        return run(new Request(date, null));
    }

    Reminders.Report run(Request request) {
        LocalDate date = request.date();
        Reminders.Report report = reminders.run(date, request.rule());
        if (report.queued() > 0) {
            LOG.info("Rappels du " + date + " : " + report.queued() + " message(s) mis en file.");
            worker.nudge();
        }
        return report;
    }
}
