package fr.parcsolidaire.inventory;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.security.Role;
import fr.parcsolidaire.platform.security.User;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The history's own guard: a transition from a state the machine has left is refused in the inventory's words. */
class MachineHistoryTest {

    @Test
    void aTransitionFromAStateTheMachineLeftIsAConflictThatNamesTheMachine() {
        String tag = Fixtures.intake(1).getFirst();
        long machineId = TestApp.get().count("SELECT id FROM machines WHERE tag = '" + tag + "'");
        String username = TestApp.get().username(Role.TECHNICIAN);
        User technician = new User(TestApp.get().count("SELECT id FROM users WHERE username = '" + username + "'"),
                username, "Technicien", Role.TECHNICIAN, true);
        HttpProblem refused = assertThrows(HttpProblem.class, () -> TestApp.get().app().database().inTransaction(tx -> {
            // The machine is RECEIVED: the trigger refuses a transition that starts from READY (SQLSTATE PS409).
            MachineHistory.record(tx, machineId, MachineEventKind.TRANSITION, MachineState.READY, MachineState.ASSIGNED,
                    technician, null, Json.createObjectBuilder().build());
            return null;
        }));
        assertEquals(409, refused.status().code());
        assertEquals("La machine a changé entre-temps : rechargez la page et recommencez.", refused.getMessage());
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM machines WHERE tag = '" + tag + "' AND state = 'RECEIVED'"));
    }
}
