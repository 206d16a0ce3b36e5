package fr.parcsolidaire.reports;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
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

    /**
     * V14: each machine's first handover, which the impact figures credit, follows its assignments whatever
     * writes them: the loans API, then a back-dated entry, a date moved and a row deleted in plain SQL.
     */
    @Test
    void aMachinesFirstUseIsItsEarliestAssignmentWhateverTheOrderOfWriting() {
        String tag = Fixtures.readyMachine();
        long person = LoanFixtures.beneficiary("Premiere", "Remise");
        long first = LoanFixtures.loan(tag, person);
        String machine = "(SELECT id FROM machines WHERE tag = '" + tag + "')";
        String firstUse = "SELECT assignment_id FROM machine_first_use WHERE machine_id = " + machine;
        assertEquals(first, TestApp.get().count(firstUse));
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM machine_first_use f JOIN assignments a ON a.id = f.assignment_id"
                + " WHERE f.machine_id = " + machine + " AND f.starts_on = a.starts_on AND f.machine_type = a.machine_type"
                + " AND f.machine_site_id = a.machine_site_id"));

        long actor = TestApp.get().count("SELECT id FROM users WHERE username = '" + TestApp.get().username(Role.ADMIN) + "'");
        TestApp.get().sql("UPDATE assignments SET status = 'RETURNED', ended_on = starts_on WHERE id = " + first);
        long later = TestApp.get().count("INSERT INTO assignments (machine_id, beneficiary_id, kind, status, starts_on, created_by)"
                + " SELECT " + machine + ", " + person + ", 'GIFT', 'GIVEN', current_date + 1, " + actor + " RETURNING id");
        assertEquals(first, TestApp.get().count(firstUse), "a later handover changes nothing");
        long backDated = TestApp.get().count("INSERT INTO assignments (machine_id, beneficiary_id, kind, status, starts_on, ended_on,"
                + " due_on, created_by) SELECT " + machine + ", " + person + ", 'LOAN', 'RETURNED', current_date - 60, current_date - 50,"
                + " current_date - 40, " + actor + " RETURNING id");
        assertEquals(backDated, TestApp.get().count(firstUse), "an entry back-dated before the first becomes the first");
        TestApp.get().sql("UPDATE assignments SET starts_on = current_date + 2, ended_on = current_date + 3, due_on = current_date + 3"
                + " WHERE id = " + backDated);
        assertEquals(first, TestApp.get().count(firstUse), "moved after the others, it is no longer the first");
        TestApp.get().sql("DELETE FROM assignments WHERE id = " + later);
        assertEquals(first, TestApp.get().count(firstUse));
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM machine_first_use WHERE machine_id = " + machine));
    }

    @Test
    void theWholeDatabaseAgreesWithItsMachines() {
        Fixtures.readyMachine();
        assertEquals(0, TestApp.get().count("SELECT count(*) FROM machine_events e JOIN machines m ON m.id = e.machine_id"
                + " WHERE e.machine_type <> m.type OR e.machine_site_id <> m.site_id OR e.machine_created_at <> m.created_at"));
        assertEquals(0, TestApp.get().count("SELECT count(*) FROM assignments a JOIN machines m ON m.id = a.machine_id"
                + " WHERE a.machine_type <> m.type OR a.machine_site_id <> m.site_id"));
        // V14: exactly one first use per machine ever assigned, its earliest assignment.
        assertEquals(0, TestApp.get().count("SELECT count(*) FROM (SELECT DISTINCT ON (machine_id) machine_id, id, starts_on"
                + " FROM assignments ORDER BY machine_id, starts_on, id) e FULL JOIN machine_first_use f ON f.machine_id = e.machine_id"
                + " WHERE f.assignment_id IS DISTINCT FROM e.id OR f.starts_on IS DISTINCT FROM e.starts_on"));
    }
}
