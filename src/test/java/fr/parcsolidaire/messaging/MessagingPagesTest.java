package fr.parcsolidaire.messaging;

import fr.parcsolidaire.Http;
import fr.parcsolidaire.platform.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Map;

import static fr.parcsolidaire.messaging.MessagingKit.consent;
import static fr.parcsolidaire.messaging.MessagingKit.count;
import static fr.parcsolidaire.messaging.MessagingKit.database;
import static fr.parcsolidaire.messaging.MessagingKit.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The forms of the reminders' pages: French errors tied to their field, nothing written, a confirmation after each save. */
class MessagingPagesTest {

    @BeforeEach
    void quiet() {
        MessagingKit.quietOutbox();
    }

    @Test
    void aLetterConsentWithoutStreetIsRefusedOnItsFieldAndNothingIsWritten() {
        long id = person("Léa", "Sansrue", null, null);
        Http browser = Http.browser(Role.SOCIAL_WORKER);
        HttpResponse<String> r = browser.postForm("/beneficiaries/" + id + "/consents", Map.of("channel", "LETTER", "given", "true"));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("aria-describedby=\"consent-street-error\""), r.body());
        assertTrue(r.body().contains("id=\"consent-street-error\">Indiquez le numéro et la rue"), r.body());
        assertEquals(0, count("SELECT count(*) FROM consent_events WHERE beneficiary_id = " + id));
    }

    @Test
    void anEmailConsentWithoutAddressOnTheRecordIsRefusedInFrench() {
        long id = person("Marc", "Sansmail", null, null);
        HttpResponse<String> r = Http.browser(Role.SOCIAL_WORKER).postForm("/beneficiaries/" + id + "/consents",
                Map.of("channel", "EMAIL", "given", "true"));
        assertEquals(409, r.statusCode());
        assertTrue(r.body().contains("Aucune adresse e-mail n'est enregistrée pour cette personne"), r.body());
        assertEquals(0, count("SELECT count(*) FROM consent_events WHERE beneficiary_id = " + id));
    }

    @Test
    void cancellingFromTheOutboxPageIsConfirmedAndTheSecondCancelGetsAFrench409() {
        long id = person("Nora", "Annule", "nora.annule@exemple.fr", null);
        consent(id, Channel.EMAIL, null);
        long messageId = ((QueueResult.Queued) database().inTransaction(tx -> MessagingKit.outbox().queue(tx,
                MessageRequest.anyChannel(id, "loan-due-soon", Map.of("item", "votre ordinateur", "machine", "n° PS-1",
                        "dueOn", "jeudi 3 décembre 2026"), "pages:" + id)))).messageId();
        Http browser = Http.browser(Role.SOCIAL_WORKER);
        assertTrue(browser.get("/outbox").body().contains("Nora Annule"));

        HttpResponse<String> cancelled = browser.postForm("/outbox/" + messageId + "/cancel", Map.of());
        assertEquals("/outbox?saved=message-cancelled", cancelled.headers().firstValue("Location").orElseThrow());
        assertTrue(browser.get("/outbox?saved=message-cancelled").body()
                .contains("id=\"confirmation\">Message annulé : il ne partira pas."));
        assertEquals("CANCELLED", MessagingKit.state(messageId));
        HttpResponse<String> again = browser.postForm("/outbox/" + messageId + "/cancel", Map.of());
        assertEquals(409, again.statusCode());
        assertTrue(again.body().contains("Ce message est déjà envoyé ou annulé."), again.body());
    }

    @Test
    void theAdministratorRunsTheRemindersFromTheOutboxPageAndSeesWhatWasQueued() {
        long id = person("Olga", "Passe", "olga.passe@exemple.fr", null);
        consent(id, Channel.EMAIL, null);
        MessagingKit.loan(id, LocalDate.now().plusDays(1));
        Http admin = Http.browser(Role.ADMIN);
        HttpResponse<String> r = admin.postForm("/reminders/run", Map.of("date", LocalDate.now().toString()));
        assertEquals(303, r.statusCode(), r.body());
        String location = r.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith("/outbox?saved=reminders-run&queued="), location);
        String page = admin.get(location).body();
        // The page's own confirmation, with the count: the layout's region is not there as well.
        assertTrue(page.contains("<p class=\"saved\" role=\"status\" tabindex=\"-1\" id=\"confirmation\">Passe des rappels effectuée. "
                + location.substring(location.indexOf("queued=") + 7) + " message(s) mis en file.</p>"), page);
        assertEquals(1, page.split("id=\"confirmation\"", -1).length - 1, page);
        assertFalse(admin.get("/outbox?saved=reminders-run&queued=%3Cb%3E").body().contains("<b>"), "never text from the address");
        assertEquals(1, count("SELECT count(*) FROM outbox WHERE beneficiary_id = " + id));
        assertEquals(400, admin.postForm("/reminders/run", Map.of()).statusCode(), "the page's form always says the day");
        assertEquals(400, Http.api(Role.ADMIN).postJson("/api/v1/reminders/run", "{\"rule\":\"inconnue\"}").statusCode());
    }
}
