package fr.parcsolidaire.loans;

import fr.parcsolidaire.Race;
import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A READY machine held for one person: one winner among twenty, nobody else assigns it, it lapses by itself. */
class ReservationTest {

    private final TestApp app = TestApp.get();

    @Test
    void twentyWorkersReservingTheSameMachineAtOnceGiveExactlyOneReservation() throws Exception {
        String tag = Fixtures.readyMachine();
        List<Long> people = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            people.add(LoanFixtures.beneficiary("Course" + i, "Réserve"));
        }
        Http social = Http.api(Role.SOCIAL_WORKER);
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (long person : people) {
            String body = Json.createObjectBuilder().add("machineTag", tag).add("beneficiaryId", person)
                    .add("until", LocalDate.now().plusDays(7).toString()).build().toString();
            calls.add(() -> social.postJson("/api/v1/reservations", body));
        }
        int created = 0;
        int conflicts = 0;
        for (HttpResponse<String> r : Race.run(calls)) {
            if (r.statusCode() == 201) {
                created++;
            } else if (r.statusCode() == 409 && Http.json(r).getString("message").contains("déjà réservée")) {
                conflicts++;
            } else {
                throw new AssertionError(r.statusCode() + " " + r.body());
            }
        }
        assertEquals(1, created);
        assertEquals(19, conflicts);
        assertEquals(1, app.count("SELECT count(*) FROM reservations r JOIN machines m ON m.id = r.machine_id WHERE m.tag = '" + tag + "'"));
        assertEquals(1, app.count("SELECT count(*) FROM reservation_events e JOIN reservations r ON r.id = e.reservation_id"
                + " JOIN machines m ON m.id = r.machine_id WHERE m.tag = '" + tag + "' AND e.kind = 'CREATED'"));
    }

    @Test
    void nobodyElseAssignsAReservedMachineTheTechnicianSeesOnlyAnInitialAndThePersonGetsIt() {
        String tag = Fixtures.readyMachine();
        long holder = LoanFixtures.beneficiary("Réservataire", "Zoé");
        long other = LoanFixtures.beneficiary("Autre", "Yves");
        long reservation = JourneyFixtures.reserve(tag, holder);
        Http social = Http.api(Role.SOCIAL_WORKER);

        HttpResponse<String> again = social.postJson("/api/v1/reservations", Json.createObjectBuilder().add("machineTag", tag)
                .add("beneficiaryId", other).add("until", LocalDate.now().plusDays(3).toString()).build());
        assertEquals(409, again.statusCode());
        assertTrue(Http.json(again).getString("message").startsWith("Cette machine est déjà réservée jusqu'au "), again.body());
        HttpResponse<String> refused = social.postJson("/api/v1/assignments", Json.createObjectBuilder().add("machineTag", tag)
                .add("beneficiaryId", other).add("kind", "GIFT").build());
        assertEquals(409, refused.statusCode(), refused.body());
        String until = fr.parcsolidaire.platform.http.Formats.date(LocalDate.now().plusDays(10));
        assertEquals("Cette machine est réservée pour une autre personne jusqu'au " + until + ".", Http.json(refused).getString("message"));
        assertEquals(0, app.count("SELECT count(*) FROM assignments a JOIN machines m ON m.id = a.machine_id WHERE m.tag = '" + tag + "'"));

        String techPage = Http.browser(Role.TECHNICIAN).get("/m/" + tag).body();
        assertTrue(techPage.contains("Réservée pour Z. jusqu'au " + until + "."), techPage);
        assertFalse(techPage.contains("Zoé") || techPage.contains("Réservataire"), "no personal data for a technician");

        long assignment = LoanFixtures.loan(tag, holder);
        assertEquals(1, app.count("SELECT count(*) FROM reservations WHERE id = " + reservation + " AND status = 'FULFILLED'"));
        assertEquals(1, app.count("SELECT count(*) FROM reservation_events WHERE reservation_id = " + reservation
                + " AND kind = 'FULFILLED' AND (data->>'assignmentId')::bigint = " + assignment));
        assertFalse(Http.browser(Role.TECHNICIAN).get("/m/" + tag).body().contains("Réservée pour"));
    }

    @Test
    void aReservationLapsesByItselfAtItsDateWithAJournalEntryAndCanBeCancelled() {
        String tag = Fixtures.readyMachine();
        long holder = LoanFixtures.beneficiary("Expire", "Anna");
        long other = LoanFixtures.beneficiary("Suivant", "Bruno");
        long reservation = JourneyFixtures.reserve(tag, holder);
        // The date passes: the reservation held until yesterday.
        app.sql("UPDATE reservations SET until = current_date - 1 WHERE id = " + reservation);
        Http social = Http.api(Role.SOCIAL_WORKER);
        String list = Fixtures.expect(200, social.get("/api/v1/reservations")).body();
        assertFalse(list.contains("\"id\":" + reservation + ","), list);
        assertEquals(1, app.count("SELECT count(*) FROM reservations WHERE id = " + reservation + " AND status = 'LAPSED'"));
        assertEquals(1, app.count("SELECT count(*) FROM reservation_events WHERE reservation_id = " + reservation
                + " AND kind = 'LAPSED' AND actor_id IS NULL"));

        long second = JourneyFixtures.reserve(tag, other);
        Fixtures.expect(200, social.postJson("/api/v1/reservations/" + second + "/cancel",
                Json.createObjectBuilder().add("note", "La personne a trouvé un ordinateur").build()));
        assertEquals(1, app.count("SELECT count(*) FROM reservation_events WHERE reservation_id = " + second
                + " AND kind = 'CANCELLED' AND actor_id IS NOT NULL"));
        HttpResponse<String> twice = social.postJson("/api/v1/reservations/" + second + "/cancel", "{}");
        assertEquals(409, twice.statusCode());
        assertEquals("Cette réservation n'est plus active (« annulée »).", Http.json(twice).getString("message"));
        Fixtures.expect(201, social.postJson("/api/v1/assignments", Json.createObjectBuilder().add("machineTag", tag)
                .add("beneficiaryId", holder).add("kind", "GIFT").build()));
    }

    @Test
    void badReservationsAreRefusedPerFieldInFrench() {
        String tag = Fixtures.readyMachine();
        long person = LoanFixtures.beneficiary("Champs", "Rita");
        Http social = Http.api(Role.SOCIAL_WORKER);
        HttpResponse<String> past = social.postJson("/api/v1/reservations", Json.createObjectBuilder().add("machineTag", tag)
                .add("beneficiaryId", person).add("until", LocalDate.now().minusDays(1).toString()).build());
        assertEquals(400, past.statusCode());
        assertTrue(Http.json(past).getJsonObject("fields").containsKey("until"), past.body());
        HttpResponse<String> far = social.postJson("/api/v1/reservations", Json.createObjectBuilder().add("machineTag", tag)
                .add("beneficiaryId", person).add("until", LocalDate.now().plusYears(1).toString()).build());
        assertEquals(400, far.statusCode());
        String notReady = Fixtures.intake(1).getFirst();
        HttpResponse<String> received = social.postJson("/api/v1/reservations", Json.createObjectBuilder().add("machineTag", notReady)
                .add("beneficiaryId", person).add("until", LocalDate.now().plusDays(2).toString()).build());
        assertEquals(409, received.statusCode());
        assertTrue(Http.json(received).getString("message").startsWith("Seule une machine prête peut être réservée"), received.body());
        assertEquals(0, app.count("SELECT count(*) FROM reservations WHERE beneficiary_id = " + person));
    }
}
