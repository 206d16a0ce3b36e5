package fr.parcsolidaire.course;

import fr.parcsolidaire.platform.DueReminder;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Who to remind of tomorrow's workshop: every participant still enrolled in its session. Messaging picks the channel
 * and renders {@code workshop-soon.*.txt} with the values given here, already in French.
 */
final class WorkshopReminders {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.FRENCH);

    private final Database database;

    WorkshopReminders(Database database) {
        this.database = database;
    }

    List<DueReminder> due(LocalDate date) {
        LocalDate tomorrow = date.plusDays(1);
        return database.client().execute().createNamedQuery("workshop-reminders-due")
                .addParam("from", tomorrow.atStartOfDay(SessionWorkshops.PARIS).toOffsetDateTime())
                .addParam("to", tomorrow.plusDays(1).atStartOfDay(SessionWorkshops.PARIS).toOffsetDateTime())
                .execute().map(r -> {
                    ZonedDateTime at = Rows.timestamp(r, "starts_at").atZoneSameInstant(SessionWorkshops.PARIS);
                    return new DueReminder(Rows.longValue(r, "beneficiary_id"),
                            "workshop-" + Rows.longValue(r, "workshop_id"), at.toLocalDate(),
                            Map.of("day", DAY.format(at), "time", time(at), "topic", Rows.text(r, "topic")));
                }).toList();
    }

    /** "14 h", "9 h 30": how the time is written in a letter. */
    static String time(ZonedDateTime at) {
        return at.getHour() + " h" + (at.getMinute() == 0 ? "" : " " + String.format("%02d", at.getMinute()));
    }
}
