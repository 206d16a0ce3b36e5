package fr.parcsolidaire.messaging;

import fr.parcsolidaire.PdfText;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.http.HttpProblem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import static fr.parcsolidaire.messaging.MessagingKit.consent;
import static fr.parcsolidaire.messaging.MessagingKit.count;
import static fr.parcsolidaire.messaging.MessagingKit.database;
import static fr.parcsolidaire.messaging.MessagingKit.person;
import static fr.parcsolidaire.messaging.MessagingKit.socialWorker;
import static fr.parcsolidaire.messaging.MessagingKit.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LetterBatchesTest {

    private final Outbox outbox = MessagingKit.outbox();
    private final LetterBatches batches = new LetterBatches(database(), MessagingKit.STRUCTURE,
            Clock.fixed(LocalDate.of(2026, 11, 24).atStartOfDay(ZoneId.of("Europe/Paris")).toInstant(), ZoneId.of("Europe/Paris")));
    private final long site = MessagingKit.count("SELECT id FROM sites WHERE code = 'atelier'");

    @BeforeEach
    void quiet() {
        MessagingKit.quietOutbox();
    }

    private long letterFor(String firstName, String lastName, String street) {
        long id = person(firstName, lastName, null, null);
        consent(id, Channel.LETTER, street);
        return database().inTransaction(tx -> (QueueResult.Queued) outbox.queue(tx, MessageRequest.anyChannel(id,
                "loan-due-soon", Map.of("item", "votre ordinateur", "machine", "Acer TravelMate P2, n° PS-2026-00050",
                        "dueOn", "mardi 1er décembre 2026"), "test:" + UUID.randomUUID()))).messageId();
    }

    @Test
    void aBatchPrintsOneLetterPerPageAndIsPostedWhenTheSocialWorkerConfirms() {
        long first = letterFor("Marguerite", "Côté", "8 rue de l'Église");
        long second = letterFor("Ahmed", "Benkirane", "Résidence Les Acacias, 14 bd Marcel Sembat");
        long third = letterFor("Jeanne", "Ollivier", "2 place du Marché");
        assertEquals(3, batches.waiting(site, socialWorker()));

        long batch = batches.prepare(site, socialWorker());
        assertEquals(0, batches.waiting(site, socialWorker()));
        byte[] pdf = batches.pdf(batch, socialWorker());
        assertEquals(3, PdfText.pages(pdf));
        String text = PdfText.of(pdf);
        String[] pages = text.split("\f");
        assertTrue(pages[0].contains("Marguerite Côté") && pages[0].contains("8 rue de l'Église")
                && pages[0].contains("93200 SAINT-DENIS"), pages[0]);
        assertTrue(pages[1].contains("Ahmed Benkirane") && pages[1].contains("Résidence Les Acacias"), pages[1]);
        assertTrue(pages[2].contains("Jeanne Ollivier"), pages[2]);
        for (String page : new String[] {pages[0], pages[1], pages[2]}) {
            assertTrue(page.contains("Parc Solidaire"), page);
            assertTrue(page.contains("Atelier Parc Solidaire"), "the site under the structure's name: " + page);
            assertTrue(page.contains("Saint-Denis, le 24 novembre 2026"), page);
            assertTrue(page.contains("Objet : Fin du prêt de votre ordinateur le mardi 1er décembre 2026"), page);
            assertTrue(page.contains("Merci de rapporter votre ordinateur à Atelier Parc Solidaire ce jour-là."), page);
            assertTrue(page.contains("Lot n° " + batch), page);
        }
        assertTrue(pages[0].contains("courrier n° " + first), pages[0]);

        // Printed again (the printer jammed): the same letters; a letter queued since waits for the next batch.
        long later = letterFor("Louis", "Bonnet", "5 rue Voltaire");
        assertEquals(3, PdfText.pages(batches.pdf(batch, socialWorker())));
        assertEquals(1, batches.waiting(site, socialWorker()));

        assertEquals(3, batches.confirm(batch, socialWorker()));
        for (long id : new long[] {first, second, third}) {
            assertEquals("SENT", state(id));
        }
        assertEquals("PENDING", state(later));
        assertEquals(409, assertThrows(HttpProblem.class, () -> batches.confirm(batch, socialWorker())).status().code());
        assertEquals(socialWorker().id(), count("SELECT actor_id FROM outbox_events WHERE message_id = " + first
                + " AND to_state = 'SENT'"), "the journal names who confirmed the posting");
        assertEquals(batch, count("SELECT batch_id FROM outbox_events WHERE message_id = " + first + " AND to_state = 'SENT'"));
    }

    @Test
    void aWithdrawalAfterPrintingTakesTheLetterOutOfTheBatch() {
        long kept = letterFor("Paulette", "Roy", "1 rue Haute");
        long withdrawnLetter = letterFor("Gilles", "Masson", "3 rue Basse");
        long withdrawn = count("SELECT beneficiary_id FROM outbox WHERE id = " + withdrawnLetter);
        long batch = batches.prepare(site, socialWorker());
        MessagingKit.consents().record(withdrawn, new Consents.Request(Channel.LETTER, false, LocalDate.now(), null), socialWorker());
        assertEquals("CANCELLED", state(withdrawnLetter));
        byte[] reprint = batches.pdf(batch, socialWorker());
        assertEquals(1, PdfText.pages(reprint));
        assertFalse(PdfText.of(reprint).contains("Masson"));
        assertEquals(1, batches.confirm(batch, socialWorker()));
        assertEquals("SENT", state(kept));
        assertEquals("CANCELLED", state(withdrawnLetter));
    }

    @Test
    void aBatchNotPostedIsReleasedAndItsLettersGoWithTheNextOne() {
        long letter = letterFor("Albert", "Renaud", "6 chemin Vert");
        long batch = batches.prepare(site, socialWorker());
        assertEquals(409, assertThrows(HttpProblem.class, () -> batches.prepare(site, socialWorker())).status().code(),
                "nothing else waits");
        HttpProblem inBatch = assertThrows(HttpProblem.class, () -> outbox.cancel(letter, socialWorker()));
        assertTrue(inBatch.getMessage().contains("lot imprimé"), inBatch.getMessage());
        assertEquals(1, batches.release(batch, socialWorker()));
        assertEquals(409, assertThrows(HttpProblem.class, () -> batches.confirm(batch, socialWorker())).status().code());
        assertEquals(1, batches.waiting(site, socialWorker()));
        long next = batches.prepare(site, socialWorker());
        assertTrue(next > batch);
        assertTrue(PdfText.of(batches.pdf(next, socialWorker())).contains("Albert Renaud"));
    }

    @Test
    void anotherSitesBatchesAreNotFound() {
        letterFor("Simone", "Carré", "9 rue Neuve");
        long batch = batches.prepare(site, socialWorker());
        User other = MessagingKit.workerOfAnotherSite();
        assertEquals(404, assertThrows(HttpProblem.class, () -> batches.pdf(batch, other)).status().code());
        assertEquals(404, assertThrows(HttpProblem.class, () -> batches.confirm(batch, other)).status().code());
        assertEquals(404, assertThrows(HttpProblem.class, () -> batches.prepare(site, other)).status().code());
        assertEquals("PENDING", MessagingKit.text("SELECT state FROM outbox WHERE batch_id = " + batch));
    }

    @Test
    void lettersNeverGoThroughTheWorker() {
        long letter = letterFor("Yvette", "Leroy", "4 rue Courte");
        OutboxWorker worker = new OutboxWorker(database(), java.util.List.of(new Sender() {
            @Override
            public Channel channel() {
                return Channel.LETTER;
            }

            @Override
            public Delivery send(Envelope message) {
                throw new AssertionError("a letter was claimed by the worker");
            }
        }), MessagingKit.worker(java.time.Duration.ofMinutes(1)), "test-letters");
        assertEquals(0, worker.runOnce(10));
        assertEquals("PENDING", state(letter));
    }
}
