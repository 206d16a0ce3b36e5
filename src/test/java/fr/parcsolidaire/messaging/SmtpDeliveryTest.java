package fr.parcsolidaire.messaging;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.DatabaseCoordinates;
import fr.parcsolidaire.platform.settings.Settings;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static fr.parcsolidaire.messaging.MessagingKit.consent;
import static fr.parcsolidaire.messaging.MessagingKit.count;
import static fr.parcsolidaire.messaging.MessagingKit.database;
import static fr.parcsolidaire.messaging.MessagingKit.person;
import static fr.parcsolidaire.messaging.MessagingKit.socialWorker;
import static fr.parcsolidaire.messaging.MessagingKit.state;
import static fr.parcsolidaire.messaging.MessagingKit.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** E-mail reminders through a real SMTP server (GreenMail) started by the test, from the real outbox in PostgreSQL. */
class SmtpDeliveryTest {

    private static final String SMTP_USER = "rappels";
    private static final String SMTP_PASSWORD = "Mot-de-passe-SMTP-42";

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(SMTP_USER, SMTP_PASSWORD));

    private final Outbox outbox = MessagingKit.outbox();

    @BeforeEach
    void quiet() {
        MessagingKit.quietOutbox();
    }

    private static SmtpSender smtp() {
        return new SmtpSender(MessagingKit.smtp(GREEN_MAIL.getSmtp().getPort(), SMTP_USER, SMTP_PASSWORD), "Parc Solidaire");
    }

    private static OutboxWorker worker(Database db, Duration lease, Sender... senders) {
        return new OutboxWorker(db, List.of(senders), MessagingKit.worker(lease), "test/" + UUID.randomUUID().toString().substring(0, 6));
    }

    private long queueFor(long beneficiaryId, String dueOn) {
        return database().inTransaction(tx -> (QueueResult.Queued) outbox.queue(tx, MessageRequest.anyChannel(beneficiaryId,
                "loan-due-soon", Map.of("item", "votre ordinateur", "machine", "HP EliteBook 840, n° PS-2026-00011",
                        "dueOn", dueOn), "test:" + UUID.randomUUID()))).messageId();
    }

    @Test
    void anEmailReachesTheSmtpServerWithItsFrenchTextAndIsMarkedSent() throws Exception {
        long id = person("Françoise", "Lévêque", "francoise.leveque@exemple.fr", null);
        consent(id, Channel.EMAIL, null);
        long messageId = queueFor(id, "vendredi 4 décembre 2026");

        assertEquals(1, worker(database(), Duration.ofMinutes(1), smtp()).runOnce(10));

        MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
        assertEquals(1, received.length);
        MimeMessage mail = received[0];
        assertEquals("Rappel : le prêt de votre ordinateur se termine le vendredi 4 décembre 2026", mail.getSubject());
        assertEquals("francoise.leveque@exemple.fr", ((InternetAddress) mail.getRecipients(Message.RecipientType.TO)[0]).getAddress());
        InternetAddress from = (InternetAddress) mail.getFrom()[0];
        assertEquals("rappels@parc-solidaire.test", from.getAddress());
        assertEquals("Parc Solidaire", from.getPersonal());
        String body = ((String) mail.getContent()).replace("\r\n", "\n");
        assertTrue(body.startsWith("Bonjour Françoise,\n\nLe prêt de votre ordinateur (HP EliteBook 840, n° PS-2026-00011) "
                + "se termine le vendredi 4 décembre 2026."), body);
        assertTrue(mail.getContentType().toLowerCase().contains("charset=utf-8"), mail.getContentType());
        String uid = text("SELECT uid FROM outbox WHERE id = " + messageId);
        assertEquals("<" + uid + "@parc-solidaire.test>", mail.getMessageID());
        assertEquals("auto-generated", mail.getHeader("Auto-Submitted")[0]);

        assertEquals("SENT", state(messageId));
        Outbox.Message m = outbox.get(messageId, socialWorker());
        assertNotNull(m.sentAt());
        assertEquals(mail.getMessageID(), m.reference());
        List<Outbox.Event> journal = outbox.events(messageId, socialWorker());
        assertEquals(List.of(MessageState.PENDING, MessageState.SENDING, MessageState.SENT),
                journal.stream().map(Outbox.Event::to).toList());
        assertTrue(journal.get(1).worker().startsWith("test/"), "the claiming worker is named: " + journal.get(1));
    }

    @Test
    void aMailServerThatIsDownLeavesTheMessagePendingWithItsNextAttemptVisible() throws Exception {
        long id = person("Bruno", "Chevalier", "bruno@exemple.fr", null);
        consent(id, Channel.EMAIL, null);
        long messageId = queueFor(id, "lundi 7 décembre 2026");
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        SmtpSender down = new SmtpSender(MessagingKit.smtp(closedPort, SMTP_USER, SMTP_PASSWORD), "Parc Solidaire");
        OffsetDateTime before = OffsetDateTime.now();
        worker(database(), Duration.ofMinutes(1), down).runOnce(10);

        Outbox.Message m = outbox.get(messageId, socialWorker());
        assertEquals(MessageState.PENDING, m.state());
        assertEquals(1, m.attempts());
        assertTrue(m.nextAttemptAt().isAfter(before.plusSeconds(50)), "about a minute later: " + m.nextAttemptAt());
        assertTrue(m.nextAttemptAt().isBefore(before.plusSeconds(70)), "about a minute later: " + m.nextAttemptAt());
        assertTrue(m.lastError().startsWith("Serveur de messagerie injoignable."), m.lastError());
        assertTrue(m.lastError().endsWith("Nouvel essai prévu."), m.lastError());
        assertEquals(0, worker(database(), Duration.ofMinutes(1), smtp()).runOnce(10), "not due again before its time");

        // Its time comes: the server is back and the message leaves, once.
        MessagingKit.app().sql("UPDATE outbox SET next_attempt_at = now() WHERE id = " + messageId);
        assertEquals(1, worker(database(), Duration.ofMinutes(1), smtp()).runOnce(10));
        assertEquals("SENT", state(messageId));
        assertEquals(1, GREEN_MAIL.getReceivedMessages().length);
    }

    @Test
    void aWrongPasswordIsRetriedLaterAndNeverShown() {
        long id = person("Léa", "Girard", "lea@exemple.fr", null);
        consent(id, Channel.EMAIL, null);
        long messageId = queueFor(id, "mardi 8 décembre 2026");
        String wrong = "Pas-le-bon-mot-de-passe";
        SmtpSender refused = new SmtpSender(MessagingKit.smtp(GREEN_MAIL.getSmtp().getPort(), SMTP_USER, wrong), "Parc Solidaire");
        worker(database(), Duration.ofMinutes(1), refused).runOnce(10);
        assertEquals("PENDING", state(messageId));
        String error = text("SELECT last_error FROM outbox WHERE id = " + messageId);
        assertTrue(error.contains("SMTP_PASSWORD"), error);
        assertEquals(0, count("SELECT count(*) FROM outbox_events WHERE detail LIKE '%" + wrong + "%' OR detail LIKE '%"
                + SMTP_PASSWORD + "%'"));
        assertEquals(0, GREEN_MAIL.getReceivedMessages().length);
    }

    @Test
    void withoutAMailServerEmailsWaitVisiblyInsteadOfFailing() {
        long id = person("Omar", "Traoré", "omar@exemple.fr", null);
        consent(id, Channel.EMAIL, null);
        long messageId = queueFor(id, "mercredi 9 décembre 2026");
        assertEquals(0, worker(database(), Duration.ofMinutes(1)).runOnce(10));
        Outbox.Message m = outbox.get(messageId, socialWorker());
        assertEquals(MessageState.PENDING, m.state());
        assertEquals(0, m.attempts());
    }

    @Test
    void twentyMessagesFourWorkersTwoInstancesEachMessageDeliveredOnce() throws Exception {
        long id = person("Agnès", "Marchand", "agnes@exemple.fr", null);
        consent(id, Channel.EMAIL, null);
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            ids.add(queueFor(id, "jeudi " + i + " décembre 2026"));
        }
        // A second instance: its own connection pool on the same database.
        Database other = Database.open(Settings.of(Config.builder()
                        .addSource(ConfigSources.create(Map.of("db.pool-size", "4")))
                        .addSource(ConfigSources.classpath("application.yaml"))
                        .disableEnvironmentVariablesSource().disableSystemPropertiesSource().build()).section("db"),
                new DatabaseCoordinates(database().coordinates().url(), "postgres", "", null),
                List.of("statements/platform.sql", "statements/messaging.sql"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> attempts = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                OutboxWorker worker = worker(w % 2 == 0 ? database() : other, Duration.ofMinutes(1), smtp());
                attempts.add(pool.submit(() -> {
                    start.await();
                    int done = 0;
                    // Small rounds, so that the workers interleave rather than one taking everything.
                    for (int n; (n = worker.runOnce(2)) > 0; ) {
                        done += n;
                    }
                    return done;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : attempts) {
                total += f.get(60, TimeUnit.SECONDS);
            }
            assertEquals(20, total, "each message attempted once across the four workers");
        } finally {
            pool.shutdownNow();
            other.close();
        }
        MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
        assertEquals(20, received.length);
        Set<String> subjects = new HashSet<>();
        Set<String> messageIds = new HashSet<>();
        for (MimeMessage m : received) {
            subjects.add(m.getSubject());
            messageIds.add(m.getMessageID());
        }
        assertEquals(20, subjects.size(), "twenty different messages, none twice");
        assertEquals(20, messageIds.size());
        String list = ids.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElseThrow();
        assertEquals(20, count("SELECT count(*) FROM outbox WHERE state = 'SENT' AND attempts = 1 AND id IN (" + list + ")"));
        assertEquals(20, count("SELECT count(*) FROM outbox_events WHERE to_state = 'SENDING' AND message_id IN (" + list + ")"),
                "one claim per message");
        assertTrue(count("SELECT count(DISTINCT worker) FROM outbox_events WHERE to_state = 'SENDING' AND message_id IN ("
                + list + ")") >= 2, "the work was shared");
    }

    @Test
    void aWorkerKilledBetweenClaimAndRecordLeavesTheMessageUncertainNeverResentBlindly() throws Exception {
        long id = person("Denise", "Faure", "denise@exemple.fr", null);
        consent(id, Channel.EMAIL, null);
        long messageId = queueFor(id, "jeudi 10 décembre 2026");
        // The first instance claims the message and dies before reporting (a kill -9 between the two statements).
        Optional<OutboxWorker.Claimed> claimed = worker(database(), Duration.ofMillis(300), smtp()).claim();
        assertTrue(claimed.isPresent());
        assertEquals("SENDING", state(messageId));
        Thread.sleep(400);

        // The restarted service's worker finds the lease lapsed: the message may have left, so it is not sent again.
        OutboxWorker restarted = worker(database(), Duration.ofMinutes(1), smtp());
        assertEquals(0, restarted.runOnce(10));
        assertEquals(0, restarted.runOnce(10));
        assertEquals(0, GREEN_MAIL.getReceivedMessages().length);
        Outbox.Message m = outbox.get(messageId, socialWorker());
        assertEquals(MessageState.UNCERTAIN, m.state());
        assertTrue(m.lastError().contains("Vérifiez auprès de la personne"), m.lastError());
        assertEquals("envoi incertain, à vérifier", m.state().label());

        // The social worker checked: the person got nothing. Requeued, it leaves once.
        outbox.requeue(messageId, socialWorker());
        assertEquals(1, restarted.runOnce(10));
        assertEquals(1, GREEN_MAIL.getReceivedMessages().length);
        assertEquals("SENT", state(messageId));
        assertEquals(List.of(MessageState.PENDING, MessageState.SENDING, MessageState.UNCERTAIN, MessageState.PENDING,
                MessageState.SENDING, MessageState.SENT), outbox.events(messageId, socialWorker()).stream().map(Outbox.Event::to).toList());
    }

    @Test
    void aReminderThatCouldNotLeaveInTimeFailsRatherThanArriveLate() throws Exception {
        long id = person("Henri", "Lemaire", "henri@exemple.fr", null);
        consent(id, Channel.EMAIL, null);
        Map<String, String> values = Map.of("item", "votre ordinateur", "machine", "n° PS-2026-00099", "dueOn", "hier");
        long late = database().inTransaction(tx -> (QueueResult.Queued) outbox.queue(tx, new MessageRequest(id,
                "loan-due-soon", values, java.util.EnumSet.allOf(Channel.class), "test:" + UUID.randomUUID(),
                java.time.LocalDate.now().minusDays(1)))).messageId();
        long inTime = database().inTransaction(tx -> (QueueResult.Queued) outbox.queue(tx, new MessageRequest(id,
                "loan-due-soon", values, java.util.EnumSet.allOf(Channel.class), "test:" + UUID.randomUUID(),
                java.time.LocalDate.now()))).messageId();
        assertEquals(1, worker(database(), Duration.ofMinutes(1), smtp()).runOnce(10));
        assertEquals(1, GREEN_MAIL.getReceivedMessages().length);
        assertEquals("SENT", state(inTime), "valid until the end of today");
        Outbox.Message m = outbox.get(late, socialWorker());
        assertEquals(MessageState.FAILED, m.state());
        assertEquals(0, m.attempts());
        assertTrue(m.lastError().startsWith("Trop tard"), m.lastError());
    }

    @Test
    void theWorkerPollsInTheBackgroundUntilStopped() throws Exception {
        OutboxWorker background = worker(database(), Duration.ofMinutes(1), smtp());
        background.start();
        try {
            long id = person("Nina", "Caron", "nina@exemple.fr", null);
            consent(id, Channel.EMAIL, null);
            long messageId = queueFor(id, "samedi 12 décembre 2026");
            assertTrue(GREEN_MAIL.waitForIncomingEmail(10_000, 1), "sent within a few polls");
            for (int i = 0; i < 50 && !"SENT".equals(state(messageId)); i++) {
                Thread.sleep(100);
            }
            assertEquals("SENT", state(messageId));
        } finally {
            background.stop(Duration.ofSeconds(5));
        }
        long noe = person("Noé", "Caron", "noe@exemple.fr", null);
        consent(noe, Channel.EMAIL, null);
        long later = queueFor(noe, "samedi 12 décembre 2026");
        Thread.sleep(500);
        assertEquals("PENDING", state(later), "a stopped worker claims nothing");
    }

    @Test
    void aSlowWorkersLateReportWinsSoTheMessageIsNotSentAgain() throws Exception {
        long id = person("Marc", "Vidal", "marc@exemple.fr", null);
        consent(id, Channel.EMAIL, null);
        long messageId = queueFor(id, "vendredi 11 décembre 2026");
        OutboxWorker slow = worker(database(), Duration.ofMillis(300), smtp());
        OutboxWorker.Claimed claimed = slow.claim().orElseThrow();
        Thread.sleep(400);
        worker(database(), Duration.ofMinutes(1), smtp()).expireLeases();
        assertEquals("UNCERTAIN", state(messageId));
        // Meanwhile a person asks for it to go again; then the slow worker's send completes and is reported.
        outbox.requeue(messageId, socialWorker());
        slow.deliver(claimed);
        assertEquals("SENT", state(messageId));
        assertEquals(0, worker(database(), Duration.ofMinutes(1), smtp()).runOnce(10), "nothing left to send");
        assertEquals(1, GREEN_MAIL.getReceivedMessages().length);
    }
}
