package fr.parcsolidaire.inventory;

import fr.parcsolidaire.DriverMessages;
import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.platform.security.Role;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static fr.parcsolidaire.Fixtures.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the first view of a machine page costs PostgreSQL once its record is read: the parts other features give it
 * (reservation and matching, erasure evidence, SMART health, workbench tokens) are read on one connection, in one
 * read-only transaction, rather than one connection per statement (docs/performance.md, « Une page froide, une
 * connexion »). Counted in the driver's log on the request's (virtual) thread (DriverMessages), like loans/LoanRoundTripsTest.
 */
class ColdPageReadsTest {

    private final Http admin = Http.browser(Role.ADMIN);

    @Test
    void aColdAdministratorPageReadsItsPartsOnOneConnection() {
        String first = Fixtures.readyMachine();
        List<String> tags = List.of(Fixtures.readyMachine(), Fixtures.readyMachine(), Fixtures.readyMachine());
        // The records first (read by the batching loader, on its own thread), so that what is counted is the parts alone;
        // and one page, which reads the open waiting list every page then ranks from (kept on its own, not per page).
        tags.forEach(tag -> expect(200, Http.api(Role.ADMIN).get("/api/v1/machines/" + tag)));
        expect(200, admin.get("/m/" + first));
        List<Count> counts = new ArrayList<>();
        for (String tag : tags) {
            counts.add(count(() -> expect(200, admin.get("/m/" + tag))));
        }
        Count warm = count(() -> expect(200, admin.get("/m/" + tags.getFirst())));
        assertEquals(0, warm.roundTrips, "a kept page asks PostgreSQL nothing: " + warm);
        for (Count c : counts) {
            // Reservation, the matching rule's view of the machine, files, SMART, tokens: five statements, one transaction.
            assertTrue(c.inTransaction >= 5, "the driver's log no longer shows the statements: " + counts);
            assertEquals(1, c.transactions, "one transaction, so one connection, for all the parts: " + counts);
            // Outside it at most the open waiting list, kept for every page apart from any machine: read again on its
            // own connection when an earlier test's change to the list was announced after the first page above.
            assertTrue(c.statements - c.inTransaction <= 1, "every part read in that transaction: " + counts);
        }
        // Five statements and the rollback that gives the connection back; a connection idle for a while may be checked
        // by the pool first (one more round trip).
        int fewest = Collections.min(counts.stream().map(c -> c.roundTrips).toList());
        assertTrue(fewest <= 6, "round trips of a cold page: " + counts);
    }

    private record Count(int roundTrips, int statements, int transactions, int inTransaction) {
    }

    private static Count count(Runnable request) {
        int[] n = new int[5]; // round trips, statements, transactions, statements in a transaction, unanswered Syncs
        boolean[] open = new boolean[1];
        boolean[] ending = new boolean[1];
        DriverMessages.watch(request, r -> {
            String m = r.getMessage();
            if (m.contains("FE=> SimpleQuery") && r.getParameters() != null && "BEGIN".equals(r.getParameters()[0])) {
                n[2]++;
                open[0] = true;
            } else if (m.contains("query=\"ROLLBACK\"") || m.contains("query=\"COMMIT\"")) {
                open[0] = false;
                ending[0] = true;
            } else if (m.contains("FE=> Execute")) {
                if (ending[0]) {
                    ending[0] = false;
                    return;
                }
                n[1]++;
                if (open[0]) {
                    n[3]++;
                }
            } else if (m.contains("FE=> Sync")) {
                n[4]++;
            } else if (m.contains("<=BE ReadyForQuery") && n[4] > 0) {
                n[4] = 0;
                n[0]++;
            }
        });
        return new Count(n[0], n[1], n[2], n[3]);
    }
}
