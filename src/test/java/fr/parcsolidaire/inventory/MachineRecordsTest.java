package fr.parcsolidaire.inventory;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.Main;
import fr.parcsolidaire.Poll;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.loans.LoanFixtures;
import fr.parcsolidaire.platform.Server;
import fr.parcsolidaire.platform.security.Role;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static fr.parcsolidaire.Fixtures.expect;
import static fr.parcsolidaire.Fixtures.transition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scan lookups are served from the instance's memory of machine records: whatever changes a record, the next
 * lookup must show it, whether the change came through this service, another instance or psql.
 */
class MachineRecordsTest {

    private final Http tech = Http.api(Role.TECHNICIAN);
    private final Http techPages = Http.browser(Role.TECHNICIAN);

    private JsonObject lookup(String tag) {
        return Http.json(expect(200, tech.get("/api/v1/machines/" + tag)));
    }

    private List<String> eventKinds(String tag) {
        return lookup(tag).getJsonArray("events").stream().map(e -> e.asJsonObject().getString("kind")).toList();
    }

    private String lastEventKind(String tag) {
        return eventKinds(tag).getLast();
    }

    @Test
    void eachWriteOfTheServiceIsSeenByTheVeryNextLookup() {
        String tag = Fixtures.intake(1).getFirst();
        assertTrue(TestApp.get().app().feature(InventoryFeature.class).remembering(), "the test runs with the memory on");
        lookup(tag);
        lookup(tag);

        expect(200, transition(tech, tag, Json.createObjectBuilder().add("to", "IN_DIAGNOSIS").build()));
        assertEquals("IN_DIAGNOSIS", lookup(tag).getString("state"));
        assertTrue(techPages.get("/m/" + tag).body().contains("En diagnostic"), "the page shows the new state too");

        expect(201, tech.postJson("/api/v1/machines/" + tag + "/storage", Json.createObjectBuilder()
                .add("kind", "SSD").add("capacityGb", 128).add("serial", "SSD-RECORDS-" + tag).build()));
        assertEquals(1, lookup(tag).getJsonArray("storageDevices").size());

        expect(201, tech.postJson("/api/v1/machines/" + tag + "/erasures", Json.createObjectBuilder()
                .add("device", "SSD-RECORDS-" + tag).add("method", "PURGE").add("tool", "nwipe").add("passes", 1)
                .add("verified", true).add("result", "PASS").build()));
        assertEquals("PURGE", lookup(tag).getJsonArray("storageDevices").getJsonObject(0)
                .getJsonObject("lastErasure").getString("method"));

        expect(201, tech.postJson("/api/v1/machines/" + tag + "/repairs", "{\"parts\":\"clavier\"}"));
        assertEquals("REPAIR", lastEventKind(tag));

        expect(200, tech.postJson("/api/v1/machines/" + tag + "/os", "{\"osName\":\"Linux Mint\",\"osVersion\":\"22\"}"));
        assertEquals("Linux Mint", lookup(tag).getString("osName"));

        expect(200, tech.postJson("/api/v1/labels", Json.createObjectBuilder().add("layout", "L7651")
                .add("tags", Json.createArrayBuilder().add(tag)).build()));
        assertEquals("LABEL_PRINTED", lastEventKind(tag));

        expect(200, techPages.postForm("/scan/batch", Map.of("tags", tag, "action", "location", "location", "Étagère R2")));
        assertEquals("Étagère R2", lookup(tag).getString("location"));

        expect(200, transition(tech, tag, Json.createObjectBuilder().add("to", "IN_RECONDITIONING").add("grade", "A").build()));
        expect(200, transition(tech, tag, Json.createObjectBuilder().add("to", "READY").add("quality", Fixtures.allChecksOk()).build()));
        assertEquals("READY", lookup(tag).getString("state"));
        LoanFixtures.loan(tag, LoanFixtures.beneficiary("Mémoire", "Test"));
        assertEquals("ASSIGNED", lookup(tag).getString("state"), "a loan, written by another capability, is seen at once");
    }

    @Test
    void lookupsRacingWritesNeverKeepAnOldRecord() throws Exception {
        String tag = Fixtures.intake(1).getFirst();
        expect(200, transition(tech, tag, Json.createObjectBuilder().add("to", "IN_DIAGNOSIS").build()));
        int before = eventKinds(tag).size();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService readers = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> reads = new java.util.ArrayList<>();
            for (int r = 0; r < 6; r++) {
                reads.add(readers.submit(() -> {
                    int n = 0;
                    while (writing.get()) {
                        lookup(tag);
                        n++;
                    }
                    return n;
                }));
            }
            for (int i = 1; i <= 40; i++) {
                expect(201, tech.postJson("/api/v1/machines/" + tag + "/repairs", "{\"parts\":\"pièce " + i + "\"}"));
                assertEquals(before + i, eventKinds(tag).size(), "after repair " + i);
            }
            writing.set(false);
            for (Future<Integer> read : reads) {
                assertTrue(read.get() > 0);
            }
        } finally {
            writing.set(false);
            readers.shutdown();
        }
        // Once the dust settles, the kept record is the last one.
        assertEquals(before + 40, eventKinds(tag).size());
        assertEquals("pièce 40", lookup(tag).getJsonArray("events").getJsonObject(before + 39)
                .getJsonObject("data").getString("parts"));
    }

    @Test
    void aChangeMadeOutsideTheServiceIsSeenOncePostgresqlHasAnnouncedIt() {
        String tag = Fixtures.intake(1).getFirst();
        lookup(tag);
        // TestApp.sql returns once the service has heard PostgreSQL's notices, as another instance would.
        TestApp.get().sql("UPDATE machines SET location = 'Réserve sous-sol' WHERE tag = '" + tag + "'");
        assertEquals("Réserve sous-sol", lookup(tag).getString("location"));

        long donor = TestApp.get().count("SELECT d.id FROM donors d JOIN donations n ON n.donor_id = d.id "
                + "JOIN machines m ON m.donation_id = n.id WHERE m.tag = '" + tag + "'");
        TestApp.get().sql("UPDATE donors SET name = 'Donateur renommé " + tag + "' WHERE id = " + donor);
        assertEquals("Donateur renommé " + tag, lookup(tag).getString("donorName"), "a donor's new name reaches every record");
    }

    /**
     * Two instances on one database: a write through the second is forgotten by the first, which never saw the
     * commit. The second's pool queues its notice (V34) and one of the two instances sends it.
     */
    @Test
    void aWriteThroughAnotherInstanceIsForgottenHere() throws Exception {
        String tag = Fixtures.intake(1).getFirst();
        assertEquals("RECEIVED", lookup(tag).getString("state"));
        lookup(tag);
        Server.Running other = Main.start(Config.builder()
                .addSource(ConfigSources.create(Map.of(
                        "server.port", "0",
                        "server.host", "127.0.0.1",
                        "db.connection.url", TestApp.get().jdbcUrl(),
                        "db.connection.username", "postgres",
                        "db.pool-size", "4")))
                .addSource(ConfigSources.classpath("application.yaml"))
                .disableEnvironmentVariablesSource()
                .build());
        try {
            Http there = tech.on("http://127.0.0.1:" + other.server().port());
            expect(200, transition(there, tag, Json.createObjectBuilder().add("to", "IN_DIAGNOSIS").build()));
            Poll.until(Duration.ofSeconds(5), "this instance shows the other's write, not the record read before it",
                    () -> lookup(tag).getString("state").equals("IN_DIAGNOSIS"));
            // The record may have been read again before the notice arrived (a miss): the notice is sent and deleted all the same.
            Poll.until(Duration.ofSeconds(5), "the queued notice sent and deleted",
                    () -> TestApp.get().count("SELECT count(*) FROM change_notices WHERE payload LIKE '%" + tag + "%'") == 0);
        } finally {
            other.stop();
        }
    }

    @Test
    void noticesLostWhileTheListenerWasCutOffDoNotLeaveOldRecords() throws Exception {
        String tag = Fixtures.intake(1).getFirst();
        lookup(tag);
        try (Connection c = TestApp.get().connection(); var st = c.createStatement()) {
            // The listener's connection dies (the call waits until it is gone); the change below is announced to nobody.
            st.execute("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
                    + "WHERE application_name = 'parc-listen-machine_changed' AND datname = current_database()");
            st.execute("UPDATE machines SET location = 'Pendant la coupure' WHERE tag = '" + tag + "'");
        }
        TestApp.get().app().feature(InventoryFeature.class).catchUp(Duration.ofSeconds(15));
        assertTrue(TestApp.get().app().feature(InventoryFeature.class).remembering(), "listening again");
        assertEquals("Pendant la coupure", lookup(tag).getString("location"));
    }

    /** A read-your-writes catch-up (ChangeListener.sync) goes through one kept connection, opened anew if it dies. */
    @Test
    void catchingUpKeepsOneConnectionAndReplacesItWhenItDies() throws Exception {
        InventoryFeature inventory = TestApp.get().app().feature(InventoryFeature.class);
        String syncs = "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'parc-sync-machine_changed' "
                + "AND datname = current_database()";
        for (int i = 0; i < 5; i++) {
            inventory.catchUp(Duration.ofSeconds(5));
        }
        assertEquals(1, TestApp.get().count(syncs));
        try (Connection c = TestApp.get().connection(); var st = c.createStatement()) {
            st.execute("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
                    + "WHERE application_name = 'parc-sync-machine_changed' AND datname = current_database()");
        }
        String tag = Fixtures.intake(1).getFirst();
        lookup(tag);
        TestApp.get().sql("UPDATE machines SET location = 'Après la coupure' WHERE tag = '" + tag + "'");
        inventory.catchUp(Duration.ofSeconds(5));
        assertEquals("Après la coupure", lookup(tag).getString("location"));
        assertEquals(1, TestApp.get().count(syncs));
    }
}
