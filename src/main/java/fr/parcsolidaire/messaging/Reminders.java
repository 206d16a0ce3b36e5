package fr.parcsolidaire.messaging;

import fr.parcsolidaire.platform.sql.Database;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The reminder pass: asks each rule what is due on a date and queues each reminder in a transaction of its own
 * (one person's trouble does not hold back the others). Safe to run again, and on several instances at once: the
 * outbox's dedup key keeps one message per reminder.
 */
final class Reminders {

    private static final Logger LOG = Logger.getLogger(Reminders.class.getName());

    /** What one rule did: candidates, messages queued per channel, and why the others were not. */
    record RuleReport(String rule, int due, Map<Channel, Integer> queued, Map<QueueResult.Reason, Integer> notQueued,
                      int failed) {
    }

    record Report(LocalDate date, List<RuleReport> rules) {

        int queued() {
            return rules.stream().mapToInt(r -> r.queued().values().stream().mapToInt(Integer::intValue).sum()).sum();
        }
    }

    private final Database database;
    private final Outbox outbox;
    private final List<ReminderRule> rules;

    Reminders(Database database, Outbox outbox, List<ReminderRule> rules) {
        this.database = database;
        this.outbox = outbox;
        this.rules = List.copyOf(rules);
    }

    Report run(LocalDate date) {
        return run(date, null);
    }

    /** The names of the rules, in the order the pass runs them. */
    List<String> ruleNames() {
        return rules.stream().map(ReminderRule::name).toList();
    }

    /** The pass for one rule only ({@code onlyRule}), or for all when it is null. */
    Report run(LocalDate date, String onlyRule) {
        List<RuleReport> reports = new ArrayList<>();
        for (ReminderRule rule : rules) {
            if (onlyRule != null && !onlyRule.equals(rule.name())) {
                continue;
            }
            List<MessageRequest> due = rule.due(database.client().execute(), date);
            Map<Channel, Integer> queued = new EnumMap<>(Channel.class);
            Map<QueueResult.Reason, Integer> notQueued = new EnumMap<>(QueueResult.Reason.class);
            int failed = 0;
            for (MessageRequest request : due) {
                try {
                    switch (database.inTransaction(tx -> outbox.queue(tx, request))) {
                        case QueueResult.Queued q -> queued.merge(q.channel(), 1, Integer::sum);
                        case QueueResult.NotQueued n -> notQueued.merge(n.reason(), 1, Integer::sum);
                    }
                } catch (RuntimeException e) {
                    failed++;
                    LOG.log(Level.WARNING, "Rappel " + request.dedupKey() + " non mis en file", e);
                }
            }
            reports.add(new RuleReport(rule.name(), due.size(), queued, notQueued, failed));
        }
        return new Report(date, reports);
    }
}
