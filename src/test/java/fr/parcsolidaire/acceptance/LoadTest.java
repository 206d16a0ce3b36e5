package fr.parcsolidaire.acceptance;

import fr.parcsolidaire.Poll;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.acceptance.CrashScenario;
import fr.parcsolidaire.acceptance.LoadTool;
import fr.parcsolidaire.platform.security.Role;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Short versions of ./parc load and ./parc crash, so that every test run proves the counts still add up. */
class LoadTest {

    @Test
    void underMixedLoadEveryAcknowledgedWriteIsOneEventAndNothingFails() throws Exception {
        String base = TestApp.get().baseUrl();
        LoadTool tool = new LoadTool(base, LoadTool.login(base, TestApp.get().username(Role.ADMIN), TestApp.PASSWORD));
        LoadTool.Report report = tool.run(Duration.ofSeconds(5), 16);
        assertEquals(0, report.errors(), () -> String.join("\n", tool.errorSamples()));
        assertTrue(report.lookups() > 20 && report.writes() > 10, report.summary());
        assertTrue(report.loans() > 0 && report.returns() > 0, "assignments are in the mix: " + report.summary());
        try (Connection c = TestApp.get().connection()) {
            LoadTool.Check check = tool.check(c, report);
            assertTrue(check.exact(), check.summary());
            assertEquals(check.ackedEvents(), check.eventsOfToolMachines());
            assertEquals(check.ackedAssignmentEvents(), check.assignmentEventsOfTool(), check.summary());
        }
        // The writes' change notices were queued (V34): the instance sends them within its round, none is left behind.
        Poll.until(Duration.ofSeconds(2), "no change notice left queued after the load",
                () -> TestApp.get().count("SELECT count(*) FROM change_notices") == 0);
    }

    @Test
    void killMinus9HalfWayLosesNothingAcknowledgedAndLeavesNoHalfWrittenMachine() throws Exception {
        CrashScenario.Outcome outcome = CrashScenario.run(Duration.ofSeconds(6), 16, false);
        LoadTool.Check check = outcome.check();
        assertTrue(outcome.report().writes() > 5, outcome.report().summary());
        assertTrue(outcome.report().unanswered() > 0, "the kill happened during the load");
        assertEquals(0, check.missingAcknowledged(), check.summary());
        assertEquals(0, check.machinesDisagreeingWithTheirLastTransition(), check.summary());
        assertEquals(0, check.machinesWithoutIntake(), check.summary());
        assertTrue(check.unacknowledgedButStored() <= outcome.report().unansweredEventsAtMost(), check.summary());
        assertEquals(0, check.missingAcknowledgedAssignmentEvents(), check.summary());
        assertTrue(check.noPartialAssignment(), check.summary());
        assertTrue(outcome.servedAfterRestart());
    }
}
