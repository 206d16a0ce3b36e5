package fr.parcsolidaire.loans;

import fr.parcsolidaire.DriverMessages;
import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a loan with its contract costs in round trips to PostgreSQL (issue 18, docs/performance.md, « Prêt avec son
 * contrat »), read in the driver's log on the request's (virtual) thread: a round trip is a wait for PostgreSQL, from
 * the Sync that ends what the driver sends to the ReadyForQuery that ends the answer. Messages the driver sends without
 * waiting (closing the previous statements' portals goes with the next statement) are not one.
 */
class LoanRoundTripsTest {

    private final Http social = Http.api(Role.SOCIAL_WORKER);

    @Test
    void aLoanWithItsContractTakesEightRoundTrips() {
        long person = LoanFixtures.beneficiary("Allers-Retours", "Léa");
        List<String> tags = List.of(Fixtures.readyMachine(), Fixtures.readyMachine(), Fixtures.readyMachine(),
                Fixtures.readyMachine());
        // The first loans prepare the statements on the connections; what is counted is a loan like every later one.
        loan(tags.get(0), person);
        List<Integer> counts = new ArrayList<>();
        for (String tag : tags.subList(1, tags.size())) {
            counts.add(roundTrips(() -> loan(tag, person)));
        }
        // The fewest: a connection idle for a while may be checked by the pool first (one more round trip).
        int fewest = Collections.min(counts);
        assertTrue(fewest >= 5, "the driver's log no longer shows its messages: " + counts);
        // Lock with beneficiary and session; machine read for the contract; checks with the insert and its event; the
        // workshop's transition (erasure gate in one statement, SMART health, event: the lock is the assignment's);
        // contract with its event; commit. Before: 19, then 10.
        assertTrue(fewest <= 8, "round trips of a loan: " + counts);
    }

    private void loan(String tag, long person) {
        Fixtures.expect(201, social.postJson("/api/v1/assignments", Json.createObjectBuilder().add("machineTag", tag)
                .add("beneficiaryId", person).add("kind", "LOAN").add("dueOn", LocalDate.now().plusMonths(3).toString())
                .add("accessories", Json.createArrayBuilder().add("Chargeur")).build()));
    }

    private static int roundTrips(Runnable request) {
        AtomicInteger waits = new AtomicInteger();
        AtomicInteger unanswered = new AtomicInteger();
        DriverMessages.watch(request, r -> {
            if (r.getMessage().contains("FE=> Sync")) {
                unanswered.incrementAndGet();
            } else if (r.getMessage().contains("<=BE ReadyForQuery") && unanswered.getAndSet(0) > 0) {
                waits.incrementAndGet();
            }
        });
        return waits.get();
    }
}
