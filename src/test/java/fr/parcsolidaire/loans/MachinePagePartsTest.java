package fr.parcsolidaire.loans;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.inventory.InventoryFeature;
import fr.parcsolidaire.platform.http.Formats;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The machine page keeps what loans show on it (assignments, reservation, the people a READY machine matches) in
 * memory beside the record (docs/performance.md, issue 18): every change, made through the service or in plain SQL on
 * another connection as psql would, shows on the next page view; an anonymised person's name leaves every kept page
 * at once; a role that may not see names never does.
 */
class MachinePagePartsTest {

    private final TestApp app = TestApp.get();
    private final Http social = Http.api(Role.SOCIAL_WORKER);

    private static String page(Role role, String tag) {
        return Fixtures.expect(200, Http.browser(role).get("/m/" + tag)).body();
    }

    /** Every role's page, read twice so that the second comes from memory. */
    private static void viewAll(String tag) {
        for (Role role : List.of(Role.TECHNICIAN, Role.SOCIAL_WORKER, Role.COORDINATOR, Role.ADMIN)) {
            page(role, tag);
            page(role, tag);
        }
    }

    @Test
    void assignmentsShowAtOnceWhetherChangedByTheServiceOrInSql() {
        assertTrue(app.app().feature(InventoryFeature.class).remembering(), "the test runs with the memory on");
        String tag = Fixtures.readyMachine();
        viewAll(tag);
        long person = LoanFixtures.beneficiary("Mémoirepage", "Albane");
        long loan = LoanFixtures.loan(tag, person);

        String admin = page(Role.ADMIN, tag);
        assertTrue(admin.contains("Prêt n° " + loan) && admin.contains("Albane Mémoirepage"), admin);
        String coordinator = page(Role.COORDINATOR, tag);
        assertTrue(coordinator.contains("Prêt n° " + loan), "the coordinator reads assignments");
        assertFalse(coordinator.contains("Mémoirepage"), "but sees no names");
        assertFalse(page(Role.TECHNICIAN, tag).contains("Mémoirepage"), "a technician sees no names");
        assertFalse(page(Role.TECHNICIAN, tag).contains("Prêt n° " + loan), "nor assignments");

        String due = LocalDate.now().plusMonths(8).toString();
        Fixtures.expect(200, social.postJson("/api/v1/assignments/" + loan + "/extend",
                Json.createObjectBuilder().add("dueOn", due).build()));
        assertTrue(page(Role.SOCIAL_WORKER, tag).contains("retour prévu le " + Formats.date(LocalDate.parse(due))),
                "the service's change, at once");

        app.sql("UPDATE assignments SET due_on = current_date + 300 WHERE id = " + loan);
        assertTrue(page(Role.ADMIN, tag).contains("retour prévu le " + Formats.date(LocalDate.now().plusDays(300))),
                "a change in SQL, once PostgreSQL has announced it");

        app.sql("UPDATE beneficiaries SET first_name = 'Albanne' WHERE id = " + person);
        assertTrue(page(Role.ADMIN, tag).contains("Albanne Mémoirepage"), "a name corrected in SQL");

        Fixtures.expect(200, social.postJson("/api/v1/assignments/" + loan + "/return",
                Json.createObjectBuilder().add("condition", "GOOD").build()));
        assertTrue(page(Role.ADMIN, tag).contains("Prêt n° " + loan + "</a> · Restitué"), "the return shows at once");
    }

    @Test
    void anonymisationTakesTheNameOffEveryKeptPageAtOnce() {
        String tag = Fixtures.readyMachine();
        long person = LoanFixtures.beneficiary("Effaçable", "Bérénice");
        LoanFixtures.loan(tag, person);
        viewAll(tag);
        assertTrue(page(Role.SOCIAL_WORKER, tag).contains("Bérénice Effaçable"));

        Fixtures.expect(200, social.postJson("/api/v1/beneficiaries/" + person + "/anonymise", "{\"confirm\":true}"));
        // No catch-up: the instance that anonymised forgets at its own commit.
        for (Role role : List.of(Role.SOCIAL_WORKER, Role.ADMIN)) {
            String page = page(role, tag);
            assertFalse(page.contains("Effaçable") || page.contains("Bérénice"), page);
            assertTrue(page.contains("Anonyme Anonyme"), "the assignment stays, without the person");
        }

        String other = Fixtures.readyMachine();
        long second = LoanFixtures.beneficiary("Effaçable-SQL", "Capucine");
        LoanFixtures.loan(other, second);
        viewAll(other);
        app.sql("UPDATE beneficiaries SET first_name = 'Anonyme', last_name = 'Anonyme', anonymised_at = now() WHERE id = " + second);
        assertFalse(page(Role.ADMIN, other).contains("Capucine"), "anonymised in SQL, as the retention job could");
    }

    @Test
    void reservationShowsAtOnceForEveryoneWithTheInitialOnly() {
        String tag = Fixtures.readyMachine();
        viewAll(tag);
        long person = LoanFixtures.beneficiary("Réservépage", "Yvonne");
        long reservation = JourneyFixtures.reserve(tag, person);
        String until = Formats.date(LocalDate.now().plusDays(10));
        for (Role role : List.of(Role.TECHNICIAN, Role.SOCIAL_WORKER, Role.ADMIN)) {
            String page = page(role, tag);
            assertTrue(page.contains("Réservée pour Y. jusqu'au " + until + "."), role + ": " + page);
        }
        assertFalse(page(Role.TECHNICIAN, tag).contains("Yvonne"), "the initial only");

        app.sql("UPDATE beneficiaries SET first_name = 'Xavière' WHERE id = " + person);
        assertTrue(page(Role.TECHNICIAN, tag).contains("Réservée pour X. jusqu'au"), "a new first name, from SQL");

        app.sql("UPDATE reservations SET until = current_date + 20 WHERE id = " + reservation);
        assertTrue(page(Role.TECHNICIAN, tag).contains("jusqu'au " + Formats.date(LocalDate.now().plusDays(20))));

        Fixtures.expect(200, social.postJson("/api/v1/reservations/" + reservation + "/cancel",
                Json.createObjectBuilder().add("note", "Plus besoin").build()));
        assertFalse(page(Role.TECHNICIAN, tag).contains("Réservée pour"), "cancelled through the service, at once");

        long again = JourneyFixtures.reserve(tag, person);
        assertTrue(page(Role.TECHNICIAN, tag).contains("Réservée pour X."));
        app.sql("UPDATE reservations SET status = 'CANCELLED', ended_at = now() WHERE id = " + again);
        assertFalse(page(Role.TECHNICIAN, tag).contains("Réservée pour"), "cancelled in SQL");
    }

    @Test
    void matchingPeopleFollowTheWaitingListAtOnce() {
        String site = JourneyFixtures.site("annexe-memoire", "Annexe de la mémoire", "AM");
        String tag = JourneyFixtures.machine(site, "LAPTOP", "A", "15.6", 90, true);
        viewAll(tag);
        assertFalse(page(Role.ADMIN, tag).contains("Attentepage"));

        long person = JourneyFixtures.person("Attentepage", "Gaspard", "FROM_26_TO_44", site);
        long entry = JourneyFixtures.waiting(JourneyFixtures.request(person, List.of("JOB_SEARCH"), List.of("WEBCAM"), "NORMAL", null));
        String admin = page(Role.ADMIN, tag);
        assertTrue(admin.contains("<a href=\"/waiting-list/" + entry + "\">Gaspard Attentepage</a>"), admin);
        assertTrue(page(Role.SOCIAL_WORKER, tag).contains("Gaspard Attentepage"));
        assertFalse(page(Role.TECHNICIAN, tag).contains("Attentepage"), "a technician sees nobody");
        assertFalse(page(Role.COORDINATOR, tag).contains("Attentepage"), "nor does a coordinator");

        app.sql("UPDATE beneficiaries SET last_name = 'Attentepage-Renommé' WHERE id = " + person);
        assertTrue(page(Role.ADMIN, tag).contains("Gaspard Attentepage-Renommé"), "a waiting person renamed in SQL");

        app.sql("UPDATE waiting_list_entries SET status = 'WITHDRAWN' WHERE id = " + entry);
        assertFalse(page(Role.ADMIN, tag).contains("Attentepage"), "withdrawn in SQL");
        app.sql("UPDATE waiting_list_entries SET status = 'WAITING' WHERE id = " + entry);
        assertTrue(page(Role.ADMIN, tag).contains("Attentepage"), "back on the list in SQL");

        Fixtures.expect(200, social.postJson("/api/v1/waiting-list/" + entry + "/withdraw", "{\"note\":\"A trouvé\"}"));
        assertFalse(page(Role.ADMIN, tag).contains("Attentepage"), "withdrawn through the service, at once");

        long other = JourneyFixtures.person("Attentepage-Deux", "Honorine", "FROM_26_TO_44", site);
        JourneyFixtures.waiting(JourneyFixtures.request(other, List.of("JOB_SEARCH"), List.of(), "URGENT", "Recherche d'emploi"));
        assertTrue(page(Role.ADMIN, tag).contains("Honorine Attentepage-Deux"));
        Fixtures.expect(200, social.postJson("/api/v1/beneficiaries/" + other + "/anonymise", "{\"confirm\":true}"));
        assertFalse(page(Role.ADMIN, tag).contains("Honorine"), "anonymised: gone from the kept waiting list at once");
    }

    @Test
    void pagesReadWhileReservationsComeAndGoNeverKeepAnOldPart() throws Exception {
        String tag = Fixtures.readyMachine();
        long person = LoanFixtures.beneficiary("Course", "Quentin");
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService readers = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> reads = new ArrayList<>();
            for (int r = 0; r < 6; r++) {
                Role role = r % 2 == 0 ? Role.TECHNICIAN : Role.ADMIN;
                reads.add(readers.submit(() -> {
                    Http reader = Http.browser(role);
                    int n = 0;
                    while (writing.get()) {
                        reader.get("/m/" + tag);
                        n++;
                    }
                    return n;
                }));
            }
            for (int i = 1; i <= 12; i++) {
                long reservation = JourneyFixtures.reserve(tag, person);
                assertTrue(page(Role.TECHNICIAN, tag).contains("Réservée pour Q."), "after reservation " + i);
                Fixtures.expect(200, social.postJson("/api/v1/reservations/" + reservation + "/cancel",
                        Json.createObjectBuilder().add("note", "Essai " + i).build()));
                assertFalse(page(Role.TECHNICIAN, tag).contains("Réservée pour"), "after cancellation " + i);
            }
            writing.set(false);
            for (Future<Integer> read : reads) {
                assertTrue(read.get() > 0);
            }
        } finally {
            writing.set(false);
            readers.shutdown();
        }
        assertFalse(page(Role.ADMIN, tag).contains("Réservée pour"), "once the dust settles, the kept part is the last one");
    }
}
