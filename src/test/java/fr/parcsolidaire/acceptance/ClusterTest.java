package fr.parcsolidaire.acceptance;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Short version of {@code ./parc bench cluster} (docs/operations.md, « Plusieurs instances »): two instances of the service
 * behind HAProxy on one database, a streaming replica made by pg_basebackup for the reports, the reliability load
 * through HAProxy, kill -9 of one instance half-way, the replica stopped at three quarters. Without HAProxy or the
 * PostgreSQL cluster tools (both installed by .ci/run), it checks what remains: the two instances, read-your-writes
 * between them and the load on one.
 */
class ClusterTest {

    private static final int WORKERS = 16;
    private static final int PROBES = 10;

    @Test
    void twoInstancesBehindHaproxyLoseNothingWhenOneIsKilledAndReportsSurviveTheReplica() throws Exception {
        String database = ScratchApp.createDatabase();
        try {
            ClusterScenario.Outcome o = ClusterScenario.run(database, Duration.ofSeconds(10), WORKERS, PROBES, false,
                    Files.createTempDirectory("parc-cluster-test"));
            String summary = o.summary() + "\n" + String.join("\n", o.errorSamples());
            LoadTool.Check check = o.check();

            // Read-your-writes: written through A, read through B with the write's mark, the write is always there.
            assertTrue(o.probes() >= PROBES, summary);
            assertEquals(o.probes(), o.freshWithMark(), summary);

            // Nothing acknowledged lost; what was written without an answer is at most what was in flight.
            assertTrue(o.report().writes() > 20, summary);
            assertEquals(0, check.missingAcknowledged(), summary);
            assertEquals(0, check.missingAcknowledgedAssignmentEvents(), summary);
            assertEquals(0, check.machinesDisagreeingWithTheirLastTransition(), summary);
            assertEquals(0, check.machinesWithoutIntake(), summary);
            assertTrue(check.noPartialAssignment(), summary);
            assertTrue(check.unacknowledgedButStored() <= o.report().unansweredEventsAtMost(), summary);

            // The token (a session in PostgreSQL) works on the instance left: nothing refused, only answers lost in the kill.
            assertEquals(0, o.report().refused(), summary);
            assertTrue(o.report().lostAnswers() <= WORKERS + 1, "only requests in flight on the killed instance fail: " + summary);
            assertTrue(o.tokenWorksAfterKill(), summary);

            // The dashboard never failed, replica or not.
            assertTrue(o.dashboards() > 5, summary);
            assertEquals(0, o.dashboardFailures(), summary);
            if (ReplicaCluster.available() && ClusterTopology.haproxyAvailable()) {
                assertTrue(o.replicaUsed(), "reports read the replica while it was up: " + summary);
                assertTrue(o.reportsAfterReplicaStop().contains("primaire"), summary);
            }
        } finally {
            ScratchApp.dropDatabase(database);
        }
    }
}
