package fr.parcsolidaire.messaging;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static fr.parcsolidaire.messaging.MessagingKit.consent;
import static fr.parcsolidaire.messaging.MessagingKit.count;
import static fr.parcsolidaire.messaging.MessagingKit.database;
import static fr.parcsolidaire.messaging.MessagingKit.person;
import static fr.parcsolidaire.messaging.MessagingKit.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What another feature registers (the next workshop, a follow-up): its due reminders go through the same pass, once
 * per kind, subject and date, by the channel the person agreed to, and a letter only when it can arrive in time.
 */
class ReminderSourceTest {

    private final LocalDate today = LocalDate.now();

    @BeforeEach
    void quiet() {
        MessagingKit.quietOutbox();
    }

    private static ReminderSource source(List<ReminderSource.Due> due) {
        return new ReminderSource() {
            @Override
            public String name() {
                return "workshops";
            }

            @Override
            public List<Due> due(LocalDate date) {
                return due;
            }
        };
    }

    private Reminders pass(ReminderSource source) {
        return new Reminders(database(), MessagingKit.outbox(), List.of(new SourceRule(source, 3)));
    }

    private static Map<String, String> values(LocalDate on) {
        return Map.of("item", "votre ordinateur", "machine", "Dell Latitude, n° PS-2026-00077", "dueOn", FrenchDates.longDate(on));
    }

    @Test
    void aRegisteredSourcesRemindersAreQueuedOnceByTheConsentedChannelAndValidUntilTheirDay() {
        long id = person("Inès", "Atelier", "ines.atelier@exemple.fr", null);
        consent(id, Channel.EMAIL, null);
        LocalDate workshop = today.plusDays(2);
        ReminderSource source = source(List.of(new ReminderSource.Due(id, "loan-due-soon", "workshop-12", workshop, values(workshop))));

        Reminders.Report first = pass(source).run(today);
        Reminders.Report second = pass(source).run(today);

        assertEquals("workshops", first.rules().getFirst().rule());
        assertEquals(Map.of(Channel.EMAIL, 1), first.rules().getFirst().queued());
        assertEquals(Map.of(QueueResult.Reason.ALREADY_QUEUED, 1), second.rules().getFirst().notQueued());
        assertEquals(1, count("SELECT count(*) FROM outbox WHERE beneficiary_id = " + id));
        assertEquals("loan-due-soon:workshop-12:" + workshop, text("SELECT dedup_key FROM outbox WHERE beneficiary_id = " + id));
        assertEquals(workshop.plusDays(1).toString(), text("SELECT (expires_at AT TIME ZONE 'Europe/Paris')::date "
                + "FROM outbox WHERE beneficiary_id = " + id));
    }

    @Test
    void aLetterOnlyWhenTheDayIsFarEnoughForThePost() {
        long id = person("Jules", "Courrier", null, null);
        consent(id, Channel.LETTER, "9 rue Haute");
        LocalDate near = today.plusDays(2);
        LocalDate far = today.plusDays(6);
        Reminders.Report report = pass(source(List.of(
                new ReminderSource.Due(id, "loan-due-soon", "near", near, values(near)),
                new ReminderSource.Due(id, "loan-due-soon", "far", far, values(far))))).run(today);

        assertEquals(Map.of(Channel.LETTER, 1), report.rules().getFirst().queued());
        assertEquals(Map.of(QueueResult.Reason.CHANNEL_NOT_SUITED, 1), report.rules().getFirst().notQueued());
        assertEquals("loan-due-soon:far:" + far, text("SELECT dedup_key FROM outbox WHERE beneficiary_id = " + id));
    }
}
