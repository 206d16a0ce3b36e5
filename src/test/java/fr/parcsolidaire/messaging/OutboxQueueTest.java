package fr.parcsolidaire.messaging;

import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.http.HttpProblem;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static fr.parcsolidaire.messaging.MessagingKit.consent;
import static fr.parcsolidaire.messaging.MessagingKit.count;
import static fr.parcsolidaire.messaging.MessagingKit.database;
import static fr.parcsolidaire.messaging.MessagingKit.person;
import static fr.parcsolidaire.messaging.MessagingKit.socialWorker;
import static fr.parcsolidaire.messaging.MessagingKit.state;
import static fr.parcsolidaire.messaging.MessagingKit.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboxQueueTest {

    private final Outbox outbox = MessagingKit.outbox();

    private static MessageRequest reminder(long beneficiaryId, String key) {
        return MessageRequest.anyChannel(beneficiaryId, "loan-due-soon", Map.of("item", "votre ordinateur",
                "machine", "Dell Latitude 5490, n° PS-2026-00007", "dueOn", "jeudi 3 décembre 2026"), key);
    }

    private static String key() {
        return "test:" + UUID.randomUUID();
    }

    private QueueResult queue(MessageRequest request) {
        return database().inTransaction(tx -> outbox.queue(tx, request));
    }

    @Test
    void withoutConsentNothingIsQueued() {
        long id = person("Nadia", "Haddad", "nadia@exemple.fr", "06 11 22 33 44");
        assertEquals(new QueueResult.NotQueued(QueueResult.Reason.NO_CONSENT), queue(reminder(id, key())));
        assertEquals(0, count("SELECT count(*) FROM outbox WHERE beneficiary_id = " + id));
    }

    @Test
    void aMessageExistsOnlyIfTheTransactionThatQueuedItCommits() {
        long id = person("Hugo", "Lambert", "hugo.lambert@exemple.fr", null);
        consent(id, Channel.EMAIL, null);
        assertThrows(IllegalStateException.class, () -> database().inTransaction(tx -> {
            assertInstanceOf(QueueResult.Queued.class, outbox.queue(tx, reminder(id, key())));
            throw new IllegalStateException("what caused the message failed after it was queued");
        }));
        assertEquals(0, count("SELECT count(*) FROM outbox WHERE beneficiary_id = " + id));

        QueueResult.Queued queued = (QueueResult.Queued) queue(reminder(id, key()));
        assertEquals(Channel.EMAIL, queued.channel());
        Outbox.Message m = outbox.get(queued.messageId(), socialWorker());
        assertEquals("hugo.lambert@exemple.fr", m.recipient());
        assertEquals(MessageState.PENDING, m.state());
        assertEquals("Rappel : le prêt de votre ordinateur se termine le jeudi 3 décembre 2026", m.subject());
        assertTrue(m.body().startsWith("Bonjour Hugo,"), m.body());
        assertTrue(m.body().contains("Dell Latitude 5490, n° PS-2026-00007"), m.body());
        assertTrue(m.body().contains("Parc Solidaire"), m.body());
        assertEquals(List.of(MessageState.PENDING), outbox.events(m.id(), socialWorker()).stream().map(Outbox.Event::to).toList());
    }

    @Test
    void oneMessagePerKeyWhateverBecameOfTheFirst() {
        long id = person("Inès", "Garcia", "ines@exemple.fr", null);
        consent(id, Channel.EMAIL, null);
        String key = key();
        QueueResult.Queued first = (QueueResult.Queued) queue(reminder(id, key));
        assertEquals(new QueueResult.NotQueued(QueueResult.Reason.ALREADY_QUEUED), queue(reminder(id, key)));
        outbox.cancel(first.messageId(), socialWorker());
        assertEquals(new QueueResult.NotQueued(QueueResult.Reason.ALREADY_QUEUED), queue(reminder(id, key)));
        assertEquals(1, count("SELECT count(*) FROM outbox WHERE beneficiary_id = " + id));
    }

    @Test
    void thePreferredChannelIsTheFirstAgreedOneThatReachesThePerson() {
        long both = person("Yanis", "Bernard", "yanis@exemple.fr", "06 98 76 54 32");
        consent(both, Channel.SMS, null);
        consent(both, Channel.EMAIL, null);
        assertEquals(Channel.EMAIL, ((QueueResult.Queued) queue(reminder(both, key()))).channel());

        long smsOnly = person("Chloé", "Roux", null, "0690 12 34 56");
        consent(smsOnly, Channel.SMS, null);
        QueueResult.Queued sms = (QueueResult.Queued) queue(reminder(smsOnly, key()));
        Outbox.Message m = outbox.get(sms.messageId(), socialWorker());
        assertEquals("+590690123456", m.recipient(), "a Guadeloupe mobile, ready for the gateway");
        assertEquals(null, m.subject());
        assertTrue(m.body().startsWith("Parc Solidaire : bonjour Chloé, le prêt de votre ordinateur"), m.body());

        long letter = person("René", "Lefèvre", null, null);
        consent(letter, Channel.LETTER, "27 avenue Jean Jaurès");
        QueueResult.Queued paper = (QueueResult.Queued) queue(reminder(letter, key()));
        assertEquals("René Lefèvre\n27 avenue Jean Jaurès\n93200 SAINT-DENIS",
                outbox.get(paper.messageId(), socialWorker()).recipient(), "La Poste's address block");
    }

    @Test
    void aLetterIsNotQueuedWhenOnlyAnEmailWouldStillBeInTime() {
        long id = person("Marcel", "Blanc", null, null);
        consent(id, Channel.LETTER, "3 rue du Port");
        MessageRequest late = new MessageRequest(id, "loan-due-soon", reminder(id, key()).values(),
                EnumSet.of(Channel.EMAIL, Channel.SMS), key(), null);
        assertEquals(new QueueResult.NotQueued(QueueResult.Reason.CHANNEL_NOT_SUITED), queue(late));
    }

    @Test
    void aWithdrawalWaitsForAQueuingTransactionThenCancelsWhatItQueued() throws Exception {
        long id = person("Samia", "Khelifi", "samia@exemple.fr", null);
        consent(id, Channel.EMAIL, null);
        CountDownLatch queued = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<QueueResult> queuing = CompletableFuture.supplyAsync(() -> database().inTransaction(tx -> {
            QueueResult r = outbox.queue(tx, reminder(id, key()));
            queued.countDown();
            await(commit);
            return r;
        }));
        assertTrue(queued.await(10, TimeUnit.SECONDS));
        CompletableFuture<List<Consents.Consent>> withdrawing = CompletableFuture.supplyAsync(() -> MessagingKit.consents()
                .record(id, new Consents.Request(Channel.EMAIL, false, LocalDate.now(), null), socialWorker()));
        assertThrows(TimeoutException.class, () -> withdrawing.get(500, TimeUnit.MILLISECONDS),
                "the withdrawal waits for the transaction holding the consent");
        commit.countDown();
        long messageId = ((QueueResult.Queued) queuing.get(10, TimeUnit.SECONDS)).messageId();
        withdrawing.get(10, TimeUnit.SECONDS);
        assertEquals("CANCELLED", state(messageId));
        assertTrue(text("SELECT last_error FROM outbox WHERE id = " + messageId).contains("retiré son accord"));
        assertEquals(new QueueResult.NotQueued(QueueResult.Reason.NO_CONSENT), queue(reminder(id, key())));
    }

    @Test
    void aPersonRequeuesOrCancelsAndTheJournalNamesThem() {
        long id = person("Éric", "Fontaine", "eric@exemple.fr", null);
        consent(id, Channel.EMAIL, null);
        long messageId = ((QueueResult.Queued) queue(reminder(id, key()))).messageId();
        HttpProblem early = assertThrows(HttpProblem.class, () -> outbox.requeue(messageId, socialWorker()));
        assertEquals(409, early.status().code(), "a pending message is not sent again: it has not left");
        User other = MessagingKit.workerOfAnotherSite();
        assertEquals(404, assertThrows(HttpProblem.class, () -> outbox.cancel(messageId, other)).status().code());
        outbox.cancel(messageId, socialWorker());
        Outbox.Event last = outbox.events(messageId, socialWorker()).getLast();
        assertEquals(MessageState.CANCELLED, last.to());
        assertEquals(text("SELECT display_name FROM users WHERE id = " + socialWorker().id()), last.actor());
        assertEquals(409, assertThrows(HttpProblem.class, () -> outbox.cancel(messageId, socialWorker())).status().code());
    }

    @Test
    void anonymisationCancelsWhatWaitsAndClearsWhatTheOutboxKeptOfThePerson() {
        long id = person("Gisèle", "Perrin", "gisele.perrin@exemple.fr", null);
        consent(id, Channel.EMAIL, null);
        consent(id, Channel.LETTER, "11 impasse des Lilas");
        long messageId = ((QueueResult.Queued) queue(reminder(id, key()))).messageId();
        database().inTransaction(tx -> {
            Outbox.forget(tx, id);
            return null;
        });
        assertEquals("CANCELLED", state(messageId));
        assertEquals(0, count("SELECT count(*) FROM outbox WHERE beneficiary_id = " + id
                + " AND (recipient LIKE '%perrin%' OR body LIKE '%Gisèle%' OR subject LIKE '%prêt%')"));
        assertEquals(0, count("SELECT count(*) FROM postal_addresses WHERE beneficiary_id = " + id));
        assertEquals("ANONYMISED", text("SELECT reason FROM postal_address_events WHERE beneficiary_id = " + id
                + " ORDER BY id DESC LIMIT 1"));
        assertFalse(outbox.ofBeneficiary(id, socialWorker()).isEmpty(), "the row stays for the counts");
        MessagingKit.app().sql("UPDATE beneficiaries SET anonymised_at = now() WHERE id = " + id);
        assertEquals(new QueueResult.NotQueued(QueueResult.Reason.NO_SUCH_PERSON), queue(reminder(id, key())));
    }

    @Test
    void nothingIsSentAgainToAnAnonymisedPerson() {
        long id = person("Lina", "Morel", "lina@exemple.fr", null);
        consent(id, Channel.EMAIL, null);
        long messageId = ((QueueResult.Queued) queue(reminder(id, key()))).messageId();
        MessagingKit.app().sql("UPDATE outbox SET state = 'FAILED' WHERE id = " + messageId);
        MessagingKit.app().sql("UPDATE beneficiaries SET anonymised_at = now() WHERE id = " + id);
        assertEquals(409, assertThrows(HttpProblem.class, () -> outbox.requeue(messageId, socialWorker())).status().code());
        assertEquals("FAILED", state(messageId));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
