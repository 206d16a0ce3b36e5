package fr.parcsolidaire.messaging;

import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.ValidationException;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

import static fr.parcsolidaire.messaging.MessagingKit.consents;
import static fr.parcsolidaire.messaging.MessagingKit.count;
import static fr.parcsolidaire.messaging.MessagingKit.person;
import static fr.parcsolidaire.messaging.MessagingKit.socialWorker;
import static fr.parcsolidaire.messaging.MessagingKit.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsentsTest {

    private final Consents consents = consents();

    private static Consents.Request give(Channel channel) {
        return new Consents.Request(channel, true, LocalDate.now(), null);
    }

    private static Consents.Request withdraw(Channel channel) {
        return new Consents.Request(channel, false, LocalDate.now(), null);
    }

    private static Consents.Consent of(List<Consents.Consent> all, Channel channel) {
        return all.stream().filter(c -> c.channel() == channel).findFirst().orElseThrow();
    }

    @Test
    void aConsentIsGivenWithItsDateAndWithdrawnAtAnyTimeEachChangeJournaled() {
        long id = person("Awa", "Diallo", "awa.diallo@exemple.fr", null);
        List<Consents.Consent> none = consents.standing(id, socialWorker());
        assertEquals(3, none.size());
        assertTrue(none.stream().allMatch(c -> c.given() == null), "never asked: " + none);

        LocalDate said = LocalDate.now().minusDays(3);
        List<Consents.Consent> after = consents.record(id, new Consents.Request(Channel.EMAIL, true, said, null), socialWorker());
        assertEquals(Boolean.TRUE, of(after, Channel.EMAIL).given());
        assertEquals(said, of(after, Channel.EMAIL).since(), "the day the person said so, not the day it was typed");
        assertEquals(text("SELECT display_name FROM users WHERE id = " + socialWorker().id()),
                of(after, Channel.EMAIL).recordedBy());

        consents.record(id, withdraw(Channel.EMAIL), socialWorker());
        assertEquals(Boolean.FALSE, of(consents.standing(id, socialWorker()), Channel.EMAIL).given());

        List<Consents.Change> history = consents.history(id, socialWorker());
        assertEquals(2, history.size());
        assertTrue(history.get(0).given() && !history.get(1).given());
        assertEquals(said, history.get(0).effectiveOn());
        assertEquals(socialWorker().id(), count("SELECT actor_id FROM consent_events WHERE beneficiary_id = " + id
                + " ORDER BY id DESC LIMIT 1"));
    }

    @Test
    void recordingWhatAlreadyStandsJournalsNothing() {
        long id = person("Karim", "Benali", "karim@exemple.fr", null);
        consents.record(id, give(Channel.EMAIL), socialWorker());
        consents.record(id, give(Channel.EMAIL), socialWorker());
        assertEquals(1, count("SELECT count(*) FROM consent_events WHERE beneficiary_id = " + id));
    }

    @Test
    void aRefusalIsRecordedToo() {
        long id = person("Lucie", "Martin", null, null);
        consents.record(id, withdraw(Channel.SMS), socialWorker());
        assertEquals(Boolean.FALSE, of(consents.standing(id, socialWorker()), Channel.SMS).given());
    }

    @Test
    void eachChannelNeedsTheContactItUses() {
        long id = person("Jean", "Petit", null, "01 23 45 67 89");
        HttpProblem email = assertThrows(HttpProblem.class, () -> consents.record(id, give(Channel.EMAIL), socialWorker()));
        assertEquals(409, email.status().code());
        assertTrue(email.getMessage().contains("adresse e-mail"), email.getMessage());
        HttpProblem sms = assertThrows(HttpProblem.class, () -> consents.record(id, give(Channel.SMS), socialWorker()));
        assertTrue(sms.getMessage().contains("portable"), "a landline cannot receive an SMS: " + sms.getMessage());
        ValidationException letter = assertThrows(ValidationException.class,
                () -> consents.record(id, give(Channel.LETTER), socialWorker()));
        assertTrue(letter.fields().get("street").contains("numéro et la rue"), letter.fields().toString());
        assertEquals(0, count("SELECT count(*) FROM consent_events WHERE beneficiary_id = " + id), "nothing written");
    }

    @Test
    void theStreetIsKeptForLettersOnlyAndErasedWhenTheyAreWithdrawn() {
        long id = person("Odile", "Moreau", null, null);
        consents.record(id, new Consents.Request(Channel.LETTER, true, LocalDate.now(), "4 allée des Tilleuls, bât. C"),
                socialWorker());
        assertEquals("4 allée des Tilleuls, bât. C", consents.street(id, socialWorker()));
        // A new street alone is journaled as such; the consent itself did not change.
        consents.record(id, new Consents.Request(Channel.LETTER, true, LocalDate.now(), "9 rue Gabriel Péri"), socialWorker());
        assertEquals("9 rue Gabriel Péri", consents.street(id, socialWorker()));
        assertEquals(1, count("SELECT count(*) FROM consent_events WHERE beneficiary_id = " + id));

        consents.record(id, withdraw(Channel.LETTER), socialWorker());
        assertNull(consents.street(id, socialWorker()));
        assertEquals("SET,SET,ERASED", String.join(",", MessagingKit.column(
                "SELECT kind FROM postal_address_events WHERE beneficiary_id = " + id + " ORDER BY id")));
        assertEquals("LETTER_CONSENT_WITHDRAWN", text("SELECT reason FROM postal_address_events WHERE beneficiary_id = "
                + id + " ORDER BY id DESC LIMIT 1"));
    }

    @Test
    void anotherSitesPersonIsNotFound() {
        long id = person("Sofia", "Rossi", "sofia@exemple.fr", null);
        User other = MessagingKit.workerOfAnotherSite();
        assertEquals(404, assertThrows(HttpProblem.class, () -> consents.standing(id, other)).status().code());
        assertEquals(404, assertThrows(HttpProblem.class, () -> consents.record(id, give(Channel.EMAIL), other)).status().code());
        assertEquals(0, count("SELECT count(*) FROM consent_events WHERE beneficiary_id = " + id));
    }

    @Test
    void theRequestIsReadFromAFormOrJsonWithFrenchErrors() {
        LocalDate today = LocalDate.of(2026, 11, 28);
        Consents.Request r = Consents.Request.from(Input.of(Json.createObjectBuilder().add("channel", "sms")
                .add("given", "true").build()), today);
        assertEquals(new Consents.Request(Channel.SMS, true, today, null), r);
        ValidationException e = assertThrows(ValidationException.class, () -> Consents.Request.from(Input.of(
                Json.createObjectBuilder().add("channel", "FAX").add("given", "peut-être").add("effectiveOn", "2027-01-01")
                        .build()), today));
        assertTrue(e.fields().get("channel").contains("e-mail, SMS, courrier"), e.fields().toString());
        assertTrue(e.fields().get("given").contains("oui ou non"), e.fields().toString());
        assertTrue(e.fields().get("effectiveOn").contains("28/11/2026"), e.fields().toString());
    }

    @Test
    void theJournalCannotBeRewritten() throws SQLException {
        long id = person("Paul", "Durand", "paul@exemple.fr", null);
        consents.record(id, give(Channel.EMAIL), socialWorker());
        try (Connection c = MessagingKit.app().connection(); var st = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class,
                    () -> st.execute("UPDATE consent_events SET given = false WHERE beneficiary_id = " + id));
            assertTrue(e.getMessage().contains("append-only"), e.getMessage());
            assertThrows(SQLException.class, () -> st.execute("DELETE FROM consent_events WHERE beneficiary_id = " + id));
        }
    }
}
