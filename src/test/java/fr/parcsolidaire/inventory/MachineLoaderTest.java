package fr.parcsolidaire.inventory;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.http.Json;
import fr.parcsolidaire.platform.security.Role;
import io.helidon.dbclient.DbRow;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static fr.parcsolidaire.Fixtures.expect;
import static jakarta.json.Json.createObjectBuilder;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scan lookup's miss path: concurrent misses read together (MachineLoader) give the same records as reads one by
 * one, and the API JSON written by hand (MachineJson) is byte for byte what JSON-B writes.
 */
class MachineLoaderTest {

    private final InventoryRepository inventory = new InventoryRepository(TestApp.get().app().database());

    @Test
    void concurrentMissesReadTogetherGiveTheSameRecordsAsSingleReads() throws Exception {
        List<String> tags = new ArrayList<>(Fixtures.intake(40));
        tags.add("PS-1999-99998");
        AtomicInteger statements = new AtomicInteger();
        CountDownLatch firstStatementHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Function<Collection<String>, Map<String, DbRow>> read = batch -> {
            if (statements.incrementAndGet() == 1) {
                // The first statement stays in flight until every other request has asked: they must gather.
                firstStatementHeld.countDown();
                await(release);
            }
            return inventory.machineRows(batch);
        };
        MachineLoader loader = new MachineLoader(read);
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
        try {
            Future<Optional<DbRow>> first = clients.submit(() -> loader.row(tags.getFirst()));
            firstStatementHeld.await();
            List<Future<Optional<DbRow>>> others = new ArrayList<>();
            for (String tag : tags.subList(1, tags.size())) {
                others.add(clients.submit(() -> loader.row(tag)));
            }
            // Every query slot but the held one serves the requests that come; the rest gather behind them.
            Thread.sleep(300);
            release.countDown();
            assertEquals(single(tags.getFirst()), first.get().map(InventoryRepository::machine));
            for (int i = 1; i < tags.size(); i++) {
                assertEquals(single(tags.get(i)), others.get(i - 1).get().map(InventoryRepository::machine), tags.get(i));
            }
        } finally {
            clients.shutdown();
        }
        assertTrue(statements.get() < tags.size(), "misses were read together: " + statements.get() + " statements");
        assertTrue(loader.row("PS-1999-99997").isEmpty(), "an unknown tag has no record");
    }

    @Test
    void aRequestNeverJoinsAStatementThatBeganBeforeIt() throws Exception {
        String tag = Fixtures.intake(1).getFirst();
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger statements = new AtomicInteger();
        MachineLoader loader = new MachineLoader(batch -> {
            Map<String, DbRow> rows = inventory.machineRows(batch);
            if (statements.incrementAndGet() == 1) {
                inFlight.countDown();
                await(release);
            }
            return rows;
        });
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
        try {
            Future<Optional<DbRow>> before = clients.submit(() -> loader.row(tag));
            inFlight.await();
            // The first statement has read the machine; a change is committed and acknowledged; a read asked now must see it.
            TestApp.get().sql("UPDATE machines SET location = 'Après la lecture' WHERE tag = '" + tag + "'");
            Future<Optional<DbRow>> after = clients.submit(() -> loader.row(tag));
            release.countDown();
            assertEquals(null, InventoryRepository.machine(before.get().orElseThrow()).location());
            assertEquals("Après la lecture", InventoryRepository.machine(after.get().orElseThrow()).location());
        } finally {
            clients.shutdown();
        }
    }

    @Test
    void theJsonWrittenByHandIsTheJsonbOneForEveryMachine() {
        String tag = Fixtures.intake(1).getFirst();
        Http tech = Http.api(Role.TECHNICIAN);
        expect(200, Fixtures.transition(tech, tag, createObjectBuilder().add("to", "IN_DIAGNOSIS").build()));
        expect(201, tech.postJson("/api/v1/machines/" + tag + "/storage", createObjectBuilder()
                .add("kind", "HDD").add("capacityGb", 500.5).add("serial", "HDD-JSON-" + tag).add("model", "WD \"Blue\"").build()));
        expect(201, tech.postJson("/api/v1/machines/" + tag + "/erasures", createObjectBuilder()
                .add("device", "HDD-JSON-" + tag).add("method", "PURGE").add("tool", "nwipe").add("passes", 3)
                .add("verified", true).add("result", "PASS").build()));
        expect(201, tech.postJson("/api/v1/machines/" + tag + "/repairs", "{\"parts\":\"clavier \\u00e9\"}"));
        // What the API refuses but a script may write: escapes of every kind, in the note and the data.
        TestApp.get().sql("INSERT INTO machine_events (machine_id, kind, actor_id, note, data) SELECT id, 'REPAIR', "
                + "(SELECT id FROM users ORDER BY id LIMIT 1), E'note\\t« x » \"y\" \\\\', "
                + "jsonb_build_object('parts', E'a\\\\b\\n\"c\" \\u0001 é', 'n', 1.50, 'z', null) FROM machines WHERE tag = '" + tag + "'");
        expect(200, tech.postJson("/api/v1/machines/" + tag + "/os", "{\"osName\":\"Linux Mint\",\"osVersion\":\"22\",\"osLicence\":\"GPL\"}"));
        TestApp.get().sql("UPDATE machines SET cpu = 'i5-8250U', ram_gb = 7.5, screen_inches = 14, battery_health = 81, "
                + "webcam = true, location = 'Étagère « A »', grade = 'B' WHERE tag = '" + tag + "'");
        String bare = Fixtures.intake(1).getFirst();
        expect(201, tech.postJson("/api/v1/machines/" + bare + "/no-storage", "{\"note\":\"disque retiré et détruit\"}"));

        List<String> all = new ArrayList<>();
        try (var c = TestApp.get().connection(); var st = c.createStatement(); var rs = st.executeQuery("SELECT tag FROM machines")) {
            while (rs.next()) {
                all.add(rs.getString(1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        assertTrue(all.contains(tag) && all.contains(bare));
        assertTrue(inventory.machine(bare).orElseThrow().noStorage() != null, "a machine with a statement of no storage");
        for (Machine m : inventory.machineRows(all).values().stream().map(InventoryRepository::machine).toList()) {
            assertEquals(new String(Json.bytes(m), StandardCharsets.UTF_8), new String(MachineJson.bytes(m), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theJsonWrittenByHandKeepsFractionsOfSecondsAndNullsAsJsonbDoes() {
        OffsetDateTime at = OffsetDateTime.of(2026, 11, 28, 15, 4, 5, 120_000_000, ZoneOffset.UTC);
        MachineEvent event = new MachineEvent(7, MachineEventKind.NO_STORAGE, null, null, "tech", at, null,
                createObjectBuilder().add("n", JsonValue.NULL).add("x", new BigDecimal("1.50")).build());
        Machine m = new Machine(1, "PS-2026-00001", MachineType.LAPTOP, null, null, null, MachineState.RECEIVED, null, null,
                new BigDecimal("16.0"), null, null, null, null, null, null, new Site(1, "atelier", "Atelier", "PS"), null,
                3, "Donateur", LocalDate.of(2026, 1, 2), List.of(new StorageDevice(4, StorageKind.SSD, null, null, null, null)),
                List.of(event), new NoStorageStatement(null, "tech", at.withNano(123_456_000)));
        assertArrayEquals(Json.bytes(m), MachineJson.bytes(m), new String(Json.bytes(m), StandardCharsets.UTF_8));
    }

    private Optional<Machine> single(String tag) {
        return inventory.machine(tag);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
