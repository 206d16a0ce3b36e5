package fr.parcsolidaire.evidence;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The workbench code as people type it, and what a token of one machine may reach. */
class WorkbenchTokensTest {

    @Test
    void theCodeIsReadWhateverItsCaseSpacesAndDashes() {
        assertEquals("ABCD2345WXYZ", WorkbenchTokens.normalise("abcd-2345-wxyz"));
        assertEquals("ABCD2345WXYZ", WorkbenchTokens.normalise(" ABCD 2345 WXYZ "));
        assertEquals("ABCD-2345-WXYZ", WorkbenchTokens.display("ABCD2345WXYZ"));
        assertNull(WorkbenchTokens.normalise("ABCD-2345-WXY"), "too short");
        assertNull(WorkbenchTokens.normalise("ABCD-2345-WXY0"), "0 and O are not in the alphabet");
        assertNull(WorkbenchTokens.normalise("x".repeat(10_000)), "bounded before reading");
        assertNull(WorkbenchTokens.normalise("0s4eW1hXjV9Zq3xkT2nHq8pL5rB7cY6dA1fG3hJ9kM0"), "an API session token");
    }

    @Test
    void aTokenReachesItsMachinesWorkbenchRoutesOnly() {
        WorkbenchTokens.MachineScope scope = new WorkbenchTokens.MachineScope("PS-2026-00042");
        assertTrue(scope.allows("GET", "/workbench.sh"));
        assertTrue(scope.allows("GET", "/api/v1/machines/PS-2026-00042"));
        for (String post : new String[] {"hardware", "smart", "erasure-logs"}) {
            assertTrue(scope.allows("POST", "/api/v1/machines/PS-2026-00042/" + post), post);
            assertTrue(scope.allows("POST", "/api/v1/machines/ps-2026-00042/" + post), "in any case: " + post);
            assertFalse(scope.allows("POST", "/api/v1/machines/PS-2026-00043/" + post), "another machine: " + post);
        }
        assertFalse(scope.allows("POST", "/api/v1/machines/PS-2026-00042/transitions"));
        assertFalse(scope.allows("POST", "/api/v1/machines/PS-2026-00042/erasures"));
        assertFalse(scope.allows("POST", "/api/v1/erasure-logs"), "not the bulk import across machines");
        assertFalse(scope.allows("GET", "/api/v1/machines"));
        assertFalse(scope.allows("GET", "/m/PS-2026-00042"));
        assertFalse(scope.allows("DELETE", "/api/v1/machines/PS-2026-00042"));
    }
}
