package fr.parcsolidaire.messaging;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The daily pass: the next occurrence of its time, today if still ahead, else tomorrow (clock changes included). */
class ReminderScheduleTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final LocalTime EIGHT = LocalTime.of(8, 0);

    private static ZonedDateTime at(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, PARIS);
    }

    @Test
    void theNextPassIsTodayIfItsTimeIsAheadElseTomorrow() {
        assertEquals(Duration.ofMinutes(1), ReminderSchedule.untilNext(at(2026, 11, 28, 7, 59), EIGHT));
        assertEquals(Duration.ofHours(24), ReminderSchedule.untilNext(at(2026, 11, 28, 8, 0), EIGHT));
        assertEquals(Duration.ofHours(23), ReminderSchedule.untilNext(at(2026, 11, 28, 9, 0), EIGHT));
    }

    @Test
    void theNightTheClocksChangeTheDayIsAnHourShorterOrLonger() {
        // 29 March 2026: 02:00 becomes 03:00 in France; 25 October 2026: 03:00 becomes 02:00.
        assertEquals(Duration.ofHours(23), ReminderSchedule.untilNext(at(2026, 3, 28, 8, 0), EIGHT));
        assertEquals(Duration.ofHours(25), ReminderSchedule.untilNext(at(2026, 10, 24, 8, 0), EIGHT));
    }
}
