package fr.parcsolidaire.reports;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.auth.Role;
import fr.parcsolidaire.loans.LoanFixtures;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The machine's type, site and intake time copied onto its events and assignments (V11) for the
 * reports: written through the real API (intake, workshop, label, loan), every copy matches the machine.
 */
class ReportFactsTest {

    @Test
    void eventsAndAssignmentsWrittenThroughTheApiCarryTheirMachinesFacts() {
        String tag = Fixtures.readyMachine();
        Fixtures.expect(200, Http.api(Role.TECHNICIAN).postJson("/api/v1/labels", Json.createObjectBuilder()
                .add("layout", "L7651").add("tags", Json.createArrayBuilder().add(tag)).build()));
        long assignment = LoanFixtures.loan(tag, LoanFixtures.beneficiary("Facts", "Camille"));
        String machine = "(SELECT id FROM machines WHERE tag = '" + tag + "')";

        long events = TestApp.get().count("SELECT count(*) FROM machine_events WHERE machine_id = " + machine);
        assertTrue(events >= 5, "intake, workshop steps and the loan's transition: " + events);
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM machine_events WHERE machine_id = " + machine
                + " AND kind = 'LABEL_PRINTED'"));
        assertEquals(events, TestApp.get().count("SELECT count(*) FROM machine_events e JOIN machines m ON m.id = e.machine_id"
                + " WHERE m.tag = '" + tag + "' AND e.machine_type = m.type AND e.machine_site_id = m.site_id"
                + " AND e.machine_created_at = m.created_at"));
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM assignments a JOIN machines m ON m.id = a.machine_id"
                + " WHERE a.id = " + assignment + " AND a.machine_type = m.type AND a.machine_site_id = m.site_id"));
    }

    @Test
    void theWholeDatabaseAgreesWithItsMachines() {
        Fixtures.readyMachine();
        assertEquals(0, TestApp.get().count("SELECT count(*) FROM machine_events e JOIN machines m ON m.id = e.machine_id"
                + " WHERE e.machine_type <> m.type OR e.machine_site_id <> m.site_id OR e.machine_created_at <> m.created_at"));
        assertEquals(0, TestApp.get().count("SELECT count(*) FROM assignments a JOIN machines m ON m.id = a.machine_id"
                + " WHERE a.machine_type <> m.type OR a.machine_site_id <> m.site_id"));
    }
}
