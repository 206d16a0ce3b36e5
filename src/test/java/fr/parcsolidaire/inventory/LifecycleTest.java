package fr.parcsolidaire.inventory;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static fr.parcsolidaire.inventory.Lifecycle.Channel.ASSIGNMENT;
import static fr.parcsolidaire.inventory.Lifecycle.Channel.WORKSHOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LifecycleTest {

    @Test
    void everyStateBeforeAssignmentCanBeScrappedOrHarvested() {
        for (MachineState s : EnumSet.of(MachineState.RECEIVED, MachineState.IN_DIAGNOSIS, MachineState.IN_RECONDITIONING, MachineState.READY)) {
            assertTrue(Lifecycle.allowed(s, MachineState.SCRAPPED, WORKSHOP), s.name());
            assertTrue(Lifecycle.allowed(s, MachineState.PARTS, WORKSHOP), s.name());
        }
        assertFalse(Lifecycle.allowed(MachineState.ASSIGNED, MachineState.SCRAPPED, WORKSHOP));
    }

    @Test
    void assignmentAndReturnOnlyHappenThroughAnAssignment() {
        assertFalse(Lifecycle.allowed(MachineState.READY, MachineState.ASSIGNED, WORKSHOP));
        assertTrue(Lifecycle.allowed(MachineState.READY, MachineState.ASSIGNED, ASSIGNMENT));
        assertTrue(Lifecycle.allowed(MachineState.ASSIGNED, MachineState.RETURNED, ASSIGNMENT));
        assertFalse(Lifecycle.allowed(MachineState.IN_DIAGNOSIS, MachineState.ASSIGNED, ASSIGNMENT));
    }

    @Test
    void terminalStatesGoNowhere() {
        for (MachineState to : MachineState.values()) {
            assertFalse(Lifecycle.allowed(MachineState.SCRAPPED, to, WORKSHOP));
            assertFalse(Lifecycle.allowed(MachineState.PARTS, to, WORKSHOP));
        }
        assertEquals("La machine est « Démontée pour pièces » : elle ne peut plus changer d'état.",
                Lifecycle.refusal(MachineState.PARTS, MachineState.READY, WORKSHOP));
    }

    @Test
    void theMainPathIsOneStepAtATime() {
        assertTrue(Lifecycle.allowed(MachineState.RECEIVED, MachineState.IN_DIAGNOSIS, WORKSHOP));
        assertTrue(Lifecycle.allowed(MachineState.IN_DIAGNOSIS, MachineState.IN_RECONDITIONING, WORKSHOP));
        assertTrue(Lifecycle.allowed(MachineState.IN_RECONDITIONING, MachineState.READY, WORKSHOP));
        assertFalse(Lifecycle.allowed(MachineState.RECEIVED, MachineState.READY, WORKSHOP));
        assertFalse(Lifecycle.allowed(MachineState.IN_DIAGNOSIS, MachineState.READY, WORKSHOP));
        assertTrue(Lifecycle.allowed(MachineState.RETURNED, MachineState.IN_DIAGNOSIS, WORKSHOP));
        assertTrue(Lifecycle.allowed(MachineState.RETURNED, MachineState.READY, WORKSHOP));
    }
}
