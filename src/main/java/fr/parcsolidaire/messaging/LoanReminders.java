package fr.parcsolidaire.messaging;

import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reminders of a loan's due date (docs/messaging.md): one before it ({@code loan-due-soon}: e-mail or SMS the
 * day before, a letter a week before since the post takes days), and one after it if the machine has not come back
 * ({@code loan-overdue}, a week later). Each at most once per loan and due date: a loan extended to a new date is
 * reminded again.
 */
final class LoanReminders {

    private LoanReminders() {
    }

    static List<ReminderRule> rules(MessagingSettings.LoanReminders settings) {
        return List.of(new DueSoon(settings), new Overdue(settings));
    }

    /** Before the due date. */
    record DueSoon(MessagingSettings.LoanReminders settings) implements ReminderRule {

        @Override
        public String name() {
            return "loan-due-soon";
        }

        @Override
        public List<MessageRequest> due(DbExecute db, LocalDate date) {
            int furthest = Math.max(settings.dueSoonDays(), settings.letterDaysBefore());
            List<MessageRequest> due = new ArrayList<>();
            loans(db, date, date.plusDays(furthest)).forEach(loan -> {
                long days = ChronoUnit.DAYS.between(date, Rows.date(loan, "due_on"));
                Set<Channel> channels = EnumSet.noneOf(Channel.class);
                if (days <= settings.dueSoonDays()) {
                    channels.add(Channel.EMAIL);
                    channels.add(Channel.SMS);
                }
                if (days >= settings.letterLastDaysBefore() && days <= settings.letterDaysBefore()) {
                    channels.add(Channel.LETTER);
                }
                if (!channels.isEmpty()) {
                    // Past the due date, "se termine le …" is no longer news: the overdue reminder takes over.
                    due.add(request(name(), loan, channels, Rows.date(loan, "due_on")));
                }
            });
            return due;
        }
    }

    /** After the due date, once. */
    record Overdue(MessagingSettings.LoanReminders settings) implements ReminderRule {

        @Override
        public String name() {
            return "loan-overdue";
        }

        @Override
        public List<MessageRequest> due(DbExecute db, LocalDate date) {
            return loans(db, date.minusDays(settings.overdueUntilDays()), date.minusDays(settings.overdueAfterDays()))
                    .stream().map(loan -> request(name(), loan, EnumSet.allOf(Channel.class),
                            Rows.date(loan, "due_on").plusDays(settings.overdueUntilDays()))).toList();
        }
    }

    private static List<DbRow> loans(DbExecute db, LocalDate from, LocalDate to) {
        return db.createNamedQuery("reminder-loans-due").addParam("from", from).addParam("to", to).execute().toList();
    }

    private static MessageRequest request(String rule, DbRow loan, Set<Channel> channels, LocalDate validUntil) {
        LocalDate dueOn = Rows.date(loan, "due_on");
        long id = Rows.longValue(loan, "id");
        return new MessageRequest(Rows.longValue(loan, "beneficiary_id"), rule,
                Map.of("item", item(Rows.text(loan, "type")), "machine", machine(loan), "dueOn", FrenchDates.longDate(dueOn)),
                channels, rule + ":" + id + ":" + dueOn, validUntil);
    }

    /** What the person calls the thing they borrowed. */
    static String item(String type) {
        return switch (type == null ? "" : type) {
            case "LAPTOP", "DESKTOP" -> "votre ordinateur";
            case "TABLET" -> "votre tablette";
            case "PHONE" -> "votre téléphone";
            case "SCREEN" -> "votre écran";
            case "PRINTER" -> "votre imprimante";
            default -> "votre matériel";
        };
    }

    /** "Lenovo ThinkPad X270, n° PS-2026-00042": what is written on it and on its label. */
    private static String machine(DbRow loan) {
        String name = String.join(" ", java.util.stream.Stream.of(Rows.text(loan, "brand"), Rows.text(loan, "model"))
                .filter(s -> s != null && !s.isBlank()).toList());
        return (name.isEmpty() ? "" : name + ", ") + "n° " + Rows.text(loan, "tag");
    }
}
