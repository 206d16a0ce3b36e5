package fr.parcsolidaire.messaging;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static fr.parcsolidaire.messaging.MessagingKit.consent;
import static fr.parcsolidaire.messaging.MessagingKit.count;
import static fr.parcsolidaire.messaging.MessagingKit.database;
import static fr.parcsolidaire.messaging.MessagingKit.loan;
import static fr.parcsolidaire.messaging.MessagingKit.person;
import static fr.parcsolidaire.messaging.MessagingKit.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reminder pass over real loans made through the API, with its e-mails delivered to a real SMTP server. */
class RemindersTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());

    private static final MessagingSettings.LoanReminders TIMING = new MessagingSettings.LoanReminders(1, 7, 3, 7, 30);
    private final LocalDate today = LocalDate.now();
    private final Outbox outbox = MessagingKit.outbox();
    private final Reminders reminders = new Reminders(database(), outbox, LoanReminders.rules(TIMING));

    @BeforeEach
    void quiet() {
        MessagingKit.quietOutbox();
    }

    private OutboxWorker worker() {
        return new OutboxWorker(database(), List.of(new SmtpSender(MessagingKit.smtp(GREEN_MAIL.getSmtp().getPort(), null, null),
                "Parc Solidaire")), MessagingKit.worker(Duration.ofMinutes(1)), "test-reminders");
    }

    private static long messagesOf(long beneficiaryId) {
        return count("SELECT count(*) FROM outbox WHERE beneficiary_id = " + beneficiaryId);
    }

    @Test
    void aDueDateTomorrowSendsExactlyOneEmailWithTheRightFrenchText() throws Exception {
        long id = person("Aïcha", "Boucher", "aicha.boucher@exemple.fr", null);
        consent(id, Channel.EMAIL, null);
        long assignment = loan(id, today.plusDays(1));
        String tag = text("SELECT m.tag FROM assignments a JOIN machines m ON m.id = a.machine_id WHERE a.id = " + assignment);

        Reminders.Report report = reminders.run(today);
        Reminders.RuleReport dueSoon = report.rules().getFirst();
        assertEquals("loan-due-soon", dueSoon.rule());
        assertTrue(dueSoon.queued().getOrDefault(Channel.EMAIL, 0) >= 1, report.toString());
        assertEquals(1, messagesOf(id));
        assertEquals("loan-due-soon:" + assignment + ":" + today.plusDays(1),
                text("SELECT dedup_key FROM outbox WHERE beneficiary_id = " + id));
        assertEquals(1, count("SELECT count(*) FROM outbox WHERE beneficiary_id = " + id + " AND expires_at = "
                + "CAST(DATE '" + today.plusDays(2) + "' AS timestamp) AT TIME ZONE 'Europe/Paris'"),
                "it may leave until the end of the due date, not after");
        worker().runOnce(50);

        // The pass runs again (another instance, a restart, the next poll): nothing more goes out.
        reminders.run(today);
        worker().runOnce(50);

        MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
        List<MimeMessage> hers = java.util.Arrays.stream(received).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals("aicha.boucher@exemple.fr");
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertEquals(1, hers.size(), "exactly one e-mail");
        String dueOn = FrenchDates.longDate(today.plusDays(1));
        assertEquals("Rappel : le prêt de votre ordinateur se termine le " + dueOn, hers.getFirst().getSubject());
        String body = ((String) hers.getFirst().getContent()).replace("\r\n", "\n");
        assertTrue(body.startsWith("Bonjour Aïcha,\n\nLe prêt de votre ordinateur (Lenovo ThinkPad X270, n° " + tag
                + ") se termine le " + dueOn + ".\n\nMerci de rapporter votre ordinateur à Atelier Parc Solidaire ce jour-là."), body);
        assertTrue(body.contains("\nParc Solidaire\n"), body);
        assertEquals("SENT", text("SELECT state FROM outbox WHERE beneficiary_id = " + id));
    }

    @Test
    void twoInstancesRunningThePassTogetherQueueTheReminderOnce() throws Exception {
        long id = person("Bernadette", "Colin", "bernadette@exemple.fr", null);
        consent(id, Channel.EMAIL, null);
        loan(id, today.plusDays(1));
        Reminders second = new Reminders(database(), MessagingKit.outbox(), LoanReminders.rules(TIMING));
        var a = java.util.concurrent.CompletableFuture.supplyAsync(() -> reminders.run(today));
        var b = java.util.concurrent.CompletableFuture.supplyAsync(() -> second.run(today));
        a.get(60, java.util.concurrent.TimeUnit.SECONDS);
        b.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(1, messagesOf(id));
    }

    @Test
    void withoutConsentNothingIsQueued() {
        long id = person("Thierry", "Noël", "thierry@exemple.fr", "06 44 55 66 77");
        loan(id, today.plusDays(1));
        Reminders.Report report = reminders.run(today);
        assertEquals(0, messagesOf(id));
        assertTrue(report.rules().getFirst().notQueued().getOrDefault(QueueResult.Reason.NO_CONSENT, 0) >= 1, report.toString());
    }

    @Test
    void aLetterGoesAWeekAheadAndAnEmailTheDayBeforeNeverBoth() {
        long byLetter = person("Colette", "Barbier", null, null);
        consent(byLetter, Channel.LETTER, "12 rue des Écoles");
        loan(byLetter, today.plusDays(7));
        long byEmail = person("Rachid", "Mercier", "rachid@exemple.fr", null);
        consent(byEmail, Channel.EMAIL, null);
        consent(byEmail, Channel.LETTER, "1 rue Pasteur");
        loan(byEmail, today.plusDays(7));

        reminders.run(today);
        assertEquals("LETTER", text("SELECT channel FROM outbox WHERE beneficiary_id = " + byLetter));
        assertEquals(0, messagesOf(byEmail), "e-mail is preferred, and it is too early for one");

        reminders.run(today.plusDays(6));
        assertEquals(1, messagesOf(byLetter), "one reminder per loan and due date");
        assertEquals("EMAIL", text("SELECT channel FROM outbox WHERE beneficiary_id = " + byEmail));
    }

    @Test
    void aLetterThatWouldArriveTooLateIsNotQueued() {
        long id = person("Josette", "Henry", null, null);
        consent(id, Channel.LETTER, "7 rue Lamartine");
        loan(id, today.plusDays(1));
        Reminders.Report report = reminders.run(today);
        assertEquals(0, messagesOf(id));
        assertTrue(report.rules().getFirst().notQueued().getOrDefault(QueueResult.Reason.CHANNEL_NOT_SUITED, 0) >= 1,
                report.toString());
    }

    @Test
    void anOverdueLoanIsRemindedOnceAWeekAfterItsDueDate() {
        long id = person("Victor", "Lucas", "victor@exemple.fr", null);
        consent(id, Channel.EMAIL, null);
        long assignment = loan(id, today.plusDays(1));
        LocalDate weekLate = today.plusDays(8);
        reminders.run(weekLate.minusDays(1));
        assertEquals(0, count("SELECT count(*) FROM outbox WHERE beneficiary_id = " + id + " AND template = 'loan-overdue'"),
                "six days late is not yet overdue for a reminder");
        reminders.run(weekLate);
        reminders.run(weekLate.plusDays(1));
        assertEquals(1, count("SELECT count(*) FROM outbox WHERE beneficiary_id = " + id + " AND template = 'loan-overdue'"));
        assertEquals("Le prêt de votre ordinateur est terminé depuis le " + FrenchDates.longDate(today.plusDays(1)),
                text("SELECT subject FROM outbox WHERE beneficiary_id = " + id + " AND template = 'loan-overdue'"));
        assertEquals("loan-overdue:" + assignment + ":" + today.plusDays(1),
                text("SELECT dedup_key FROM outbox WHERE beneficiary_id = " + id + " AND template = 'loan-overdue'"));
        assertEquals(0, count("SELECT count(*) FROM outbox WHERE beneficiary_id = " + id + " AND template = 'loan-due-soon'"),
                "the pass never ran the day before, and a week late is past that reminder's time");
        reminders.run(today.plusDays(31));
        assertEquals(1, messagesOf(id), "no nagging");
    }

    @Test
    void anExtendedLoanIsRemindedOfItsNewDateAndAReturnedOneIsNot() {
        long id = person("Mireille", "Gauthier", "mireille@exemple.fr", null);
        consent(id, Channel.EMAIL, null);
        long assignment = loan(id, today.plusDays(1));
        reminders.run(today);
        Fixtures.expect(200, Http.api(Role.SOCIAL_WORKER).postJson("/api/v1/assignments/" + assignment + "/extend",
                Json.createObjectBuilder().add("dueOn", today.plusDays(15).toString()).build()));
        reminders.run(today.plusDays(14));
        assertEquals(2, messagesOf(id));
        assertEquals(2, count("SELECT count(DISTINCT dedup_key) FROM outbox WHERE beneficiary_id = " + id));

        long returnedPerson = person("Serge", "Dupuis", "serge@exemple.fr", null);
        consent(returnedPerson, Channel.EMAIL, null);
        long returned = loan(returnedPerson, today.plusDays(1));
        Fixtures.expect(200, Http.api(Role.SOCIAL_WORKER).postJson("/api/v1/assignments/" + returned + "/return",
                Json.createObjectBuilder().add("condition", "GOOD").build()));
        reminders.run(today);
        assertEquals(0, messagesOf(returnedPerson));
    }
}
