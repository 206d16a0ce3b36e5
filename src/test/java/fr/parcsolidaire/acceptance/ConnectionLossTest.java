package fr.parcsolidaire.acceptance;

import fr.parcsolidaire.Http;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL ends the service's connections while requests are running on them (pg_terminate_backend:
 * SQLState 57P01, then "connection closed" on the next use): every such request answers 503 with Retry-After,
 * none 500, and each write is in the database whole (a donation with all its machines and their intake events)
 * or not at all, and every acknowledged one is there.
 */
class ConnectionLossTest {

    private static final int MACHINES_PER_DONATION = 2;

    @Test
    void connectionsKilledMidRequestAnswer503AndLeaveNoHalfWrite() throws Exception {
        try (ScratchApp scratch = ScratchApp.fresh(Map.of("db.pool-size", "6"))) {
            String url = scratch.app().database().coordinates().url();
            String database = url.substring(url.lastIndexOf('/') + 1);
            String token = scratch.token(ScratchApp.ADMIN_USER);
            String run = Long.toString(System.nanoTime(), 36);
            Map<Integer, HttpResponse<String>> answers = new ConcurrentHashMap<>();
            AtomicInteger next = new AtomicInteger();
            AtomicLong killed = new AtomicLong();
            long end = System.nanoTime() + Duration.ofSeconds(6).toNanos();

            Thread killer = Thread.ofVirtual().start(() -> {
                try (Connection admin = DriverManager.getConnection(ScratchApp.ADMIN_URL, "postgres", "");
                     var kill = admin.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                             + "WHERE datname = ? AND pid <> pg_backend_pid() AND backend_type = 'client backend'")) {
                    kill.setString(1, database);
                    while (System.nanoTime() < end) {
                        Thread.sleep(150);
                        try (var rs = kill.executeQuery()) {
                            rs.next();
                            killed.addAndGet(rs.getLong(1));
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 6; w++) {
                writers.add(Thread.ofVirtual().start(() -> {
                    while (System.nanoTime() < end) {
                        int i = next.getAndIncrement();
                        answers.put(i, scratch.send(donation(scratch, token, run, i)));
                    }
                }));
            }
            for (Thread t : writers) {
                t.join();
            }
            killer.join();

            assertTrue(killed.get() > 0, "connections were terminated");
            // Per request: how many of its machines, and of their intake events, the database holds.
            Map<Integer, long[]> stored = new HashMap<>();
            try (Connection c = DriverManager.getConnection(ScratchApp.url(database), "postgres", "");
                 var q = c.prepareStatement("SELECT split_part(m.serial, '-', 3)::int, count(DISTINCT m.id), "
                         + "count(e.id) FILTER (WHERE e.kind = 'INTAKE') FROM machines m "
                         + "LEFT JOIN machine_events e ON e.machine_id = m.id WHERE m.serial LIKE ? GROUP BY 1")) {
                q.setString(1, "CUT-" + run + "-%");
                try (var rs = q.executeQuery()) {
                    while (rs.next()) {
                        stored.put(rs.getInt(1), new long[] {rs.getLong(2), rs.getLong(3)});
                    }
                }
            }
            List<String> wrong = new ArrayList<>();
            int acknowledged = 0;
            int refused = 0;
            for (var e : answers.entrySet()) {
                HttpResponse<String> r = e.getValue();
                long[] held = stored.getOrDefault(e.getKey(), new long[] {0, 0});
                if (held[0] != 0 && (held[0] != MACHINES_PER_DONATION || held[1] != MACHINES_PER_DONATION)) {
                    wrong.add("request " + e.getKey() + " stored in part: " + held[0] + " machines, " + held[1] + " intake events");
                }
                if (r.statusCode() == 201) {
                    acknowledged++;
                    if (held[0] != MACHINES_PER_DONATION) {
                        wrong.add("request " + e.getKey() + " acknowledged but not stored");
                    }
                } else if (r.statusCode() == 503) {
                    refused++;
                    if (r.headers().firstValue("Retry-After").isEmpty() || !"unavailable".equals(Http.json(r).getString("error"))) {
                        wrong.add("request " + e.getKey() + ": 503 without Retry-After or code: " + r.body());
                    }
                } else {
                    wrong.add("request " + e.getKey() + ": " + r.statusCode() + " " + r.body());
                }
            }
            String summary = answers.size() + " writes, " + acknowledged + " acknowledged, " + refused + " refused with 503, "
                    + killed.get() + " connections terminated";
            assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())), wrong.size() + " wrong: " + summary);
            assertTrue(acknowledged > 0, "some writes went through: " + summary);
            assertTrue(refused > 0, "some writes met a killed connection: " + summary);
        }
    }

    private static HttpRequest donation(ScratchApp scratch, String token, String run, int i) {
        StringBuilder machines = new StringBuilder();
        for (int k = 0; k < MACHINES_PER_DONATION; k++) {
            machines.append(k == 0 ? "" : ",").append("{\"type\":\"LAPTOP\",\"brand\":\"Lenovo\",\"model\":\"T480\",\"serial\":\"CUT-")
                    .append(run).append('-').append(i).append('-').append(k).append("\"}");
        }
        String body = "{\"donor\":{\"name\":\"Coupure " + run + "\",\"kind\":\"COMPANY\"},\"receivedOn\":\"" + LocalDate.now()
                + "\",\"site\":\"atelier\",\"machines\":[" + machines + "]}";
        return scratch.request("/api/v1/donations").header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
