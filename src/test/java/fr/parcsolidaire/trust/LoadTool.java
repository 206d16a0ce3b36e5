package fr.parcsolidaire.trust;

import fr.parcsolidaire.bench.Bench;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reliability load: N virtual-thread workers against a running service for a while, mixing scan lookups
 * (GET /api/v1/machines/{tag}) with writes that each append known machine events: intakes (one INTAKE event
 * per machine), transitions RECEIVED → IN_DIAGNOSIS (one TRANSITION) and repairs (one REPAIR). It keeps, per
 * machine it created, the events the service acknowledged (2xx) and the writes left without an answer, then
 * compares with what the database holds. Assignments join the mix once the loans capability lands.
 */
final class LoadTool {

    /** What the run did and what the database holds afterwards. */
    record Report(double seconds, long lookups, long writes, long errors, long unanswered,
                  long[] lookupNanos, long[] writeNanos, Map<String, Integer> acked, Map<String, Integer> pending,
                  AtomicInteger unansweredIntakes) {

        long ackedEvents() {
            return acked.values().stream().mapToLong(Integer::longValue).sum();
        }

        String summary() {
            return String.format("%.0f s: %d lookups + %d acknowledged writes = %.0f ops/s, %d errors, %d writes without answer%n"
                            + "  lookups: %s%n  writes:  %s",
                    seconds, lookups, writes, (lookups + writes) / seconds, errors, unanswered,
                    lookupNanos.length == 0 ? "-" : Bench.summary(lookupNanos),
                    writeNanos.length == 0 ? "-" : Bench.summary(writeNanos));
        }
    }

    /** The database against the tool's bookkeeping. */
    record Check(long ackedEvents, long eventsOfToolMachines, long missingAcknowledged, long unacknowledgedButStored,
                 long machinesDisagreeingWithTheirLastTransition, long machinesWithoutIntake, long totalEvents) {

        boolean exact() {
            return missingAcknowledged == 0 && unacknowledgedButStored == 0 && machinesDisagreeingWithTheirLastTransition == 0
                    && machinesWithoutIntake == 0;
        }

        String summary() {
            return String.format("  events of the tool's machines in the database: %d, acknowledged: %d -> %s%n"
                            + "  acknowledged events missing: %d; stored without acknowledgement (answer lost): %d%n"
                            + "  machines whose state disagrees with their last transition: %d; machines without intake event: %d%n"
                            + "  machine_events in the whole database: %d",
                    eventsOfToolMachines, ackedEvents, eventsOfToolMachines == ackedEvents ? "EQUAL" : "DIFFERENT",
                    missingAcknowledged, unacknowledgedButStored, machinesDisagreeingWithTheirLastTransition,
                    machinesWithoutIntake, totalEvents);
        }
    }

    private static final String MARK = "Charge ";

    private final String base;
    private final String token;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final String run = Long.toString(System.currentTimeMillis(), 36);

    private final List<String> known = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
    private final List<String> inWorkshop = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> acked = new ConcurrentHashMap<>();
    private final Map<String, Integer> pending = new ConcurrentHashMap<>();
    private final AtomicInteger unansweredIntakes = new AtomicInteger();
    private final LongAdder lookups = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder unanswered = new LongAdder();
    private final List<String> errorSamples = new CopyOnWriteArrayList<>();

    LoadTool(String base, String token) {
        this.base = base;
        this.token = token;
    }

    static String login(String base, String username, String password) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("username", username)
                        .add("password", password).build().toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("Connexion refusée : " + r.statusCode() + " " + r.body());
        }
        return json(r.body()).getString("token");
    }

    List<String> errorSamples() {
        return errorSamples;
    }

    Report run(Duration duration, int workers) throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            intake(10);
        }
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<long[]> lookupTimes = new CopyOnWriteArrayList<>();
        List<long[]> writeTimes = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            threads.add(Thread.ofVirtual().start(() -> {
                Timings reads = new Timings();
                Timings written = new Timings();
                while (System.nanoTime() < end) {
                    int dice = ThreadLocalRandom.current().nextInt(100);
                    long t0 = System.nanoTime();
                    boolean write = dice >= 70;
                    boolean ok = dice < 70 ? lookup() : dice < 80 ? intake(2) : dice < 90 ? transition() : repair();
                    if (ok) {
                        (write ? written : reads).add(System.nanoTime() - t0);
                    }
                }
                lookupTimes.add(reads.values());
                writeTimes.add(written.values());
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Report(seconds, lookups.sum(), writes.sum(), errors.sum(), unanswered.sum(), merge(lookupTimes),
                merge(writeTimes), Map.copyOf(acked), Map.copyOf(pending), unansweredIntakes);
    }

    private boolean lookup() {
        if (known.isEmpty()) {
            return intake(2);
        }
        String tag = known.get(ThreadLocalRandom.current().nextInt(known.size()));
        HttpResponse<String> r = send(request("/api/v1/machines/" + tag).GET().build(), null);
        if (r != null && r.statusCode() == 200) {
            lookups.increment();
            return true;
        }
        fail("GET machine", r);
        return false;
    }

    private boolean intake(int count) {
        var machines = Json.createArrayBuilder();
        for (int i = 0; i < count; i++) {
            machines.add(Json.createObjectBuilder().add("type", "LAPTOP").add("brand", "Lenovo").add("model", "ThinkPad T480")
                    .add("serial", "LOAD-" + run + "-" + ThreadLocalRandom.current().nextLong(Long.MAX_VALUE)));
        }
        String body = Json.createObjectBuilder()
                .add("donor", Json.createObjectBuilder().add("name", MARK + run).add("kind", "COMPANY"))
                .add("receivedOn", LocalDate.now().toString()).add("site", "atelier").add("machines", machines).build().toString();
        HttpResponse<String> r = send(post("/api/v1/donations", body), null);
        if (r == null) {
            unansweredIntakes.addAndGet(count);
            return false;
        }
        if (r.statusCode() != 201) {
            fail("POST donation", r);
            return false;
        }
        json(r.body()).getJsonArray("machines").forEach(m -> {
            String tag = m.asJsonObject().getString("tag");
            acked.merge(tag, 1, Integer::sum);
            received.add(tag);
            known.add(tag);
        });
        writes.increment();
        return true;
    }

    private boolean transition() {
        String tag = received.poll();
        if (tag == null) {
            return intake(2);
        }
        HttpResponse<String> r = send(post("/api/v1/machines/" + tag + "/transitions", "{\"to\":\"IN_DIAGNOSIS\"}"), tag);
        if (r != null && r.statusCode() == 200) {
            acked.merge(tag, 1, Integer::sum);
            inWorkshop.add(tag);
            writes.increment();
            return true;
        }
        fail("POST transition", r);
        return false;
    }

    private boolean repair() {
        if (inWorkshop.isEmpty()) {
            return transition();
        }
        String tag = inWorkshop.get(ThreadLocalRandom.current().nextInt(inWorkshop.size()));
        HttpResponse<String> r = send(post("/api/v1/machines/" + tag + "/repairs",
                "{\"parts\":\"Pâte thermique, nettoyage ventilateur\",\"note\":\"charge " + run + "\"}"), tag);
        if (r != null && r.statusCode() / 100 == 2) {
            acked.merge(tag, 1, Integer::sum);
            writes.increment();
            return true;
        }
        fail("POST repair", r);
        return false;
    }

    private void fail(String what, HttpResponse<String> r) {
        if (r == null) {
            return;
        }
        errors.increment();
        if (errorSamples.size() < 10) {
            errorSamples.add(what + " -> " + r.statusCode() + " " + r.body());
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
    }

    private HttpRequest post(String path, String json) {
        return request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    /** Null when no answer came back (connection refused or cut): the write may or may not have been committed. */
    private HttpResponse<String> send(HttpRequest request, String writtenTag) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            errors.increment();
            if (!request.method().equals("GET")) {
                unanswered.increment();
                if (writtenTag != null) {
                    pending.merge(writtenTag, 1, Integer::sum);
                }
            }
            if (errorSamples.size() < 10) {
                errorSamples.add(request.method() + " " + request.uri().getPath() + " -> " + e);
            }
            pause();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Compares the database with what the service acknowledged to this tool. */
    Check check(Connection c, Report report) throws SQLException {
        Map<String, Long> stored = new java.util.HashMap<>();
        try (var st = c.prepareStatement("SELECT m.tag, count(e.id) FROM machines m JOIN donations d ON d.id = m.donation_id "
                + "JOIN donors o ON o.id = d.donor_id LEFT JOIN machine_events e ON e.machine_id = m.id "
                + "WHERE o.name = ? GROUP BY m.tag")) {
            st.setString(1, MARK + run);
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        long missing = 0;
        long extra = 0;
        for (var e : stored.entrySet()) {
            long ack = report.acked().getOrDefault(e.getKey(), 0);
            missing += Math.max(0, ack - e.getValue());
            extra += Math.max(0, e.getValue() - ack);
        }
        for (var e : report.acked().entrySet()) {
            if (!stored.containsKey(e.getKey())) {
                missing += e.getValue();
            }
        }
        long toolEvents = stored.values().stream().mapToLong(Long::longValue).sum();
        return new Check(report.ackedEvents(), toolEvents, missing, extra,
                single(c, "SELECT count(*) FROM machines m WHERE m.state <> COALESCE((SELECT e.to_state FROM machine_events e "
                        + "WHERE e.machine_id = m.id AND e.kind = 'TRANSITION' ORDER BY e.id DESC LIMIT 1), 'RECEIVED')"),
                single(c, "SELECT count(*) FROM machines m WHERE NOT EXISTS (SELECT 1 FROM machine_events e "
                        + "WHERE e.machine_id = m.id AND e.kind = 'INTAKE')"),
                single(c, "SELECT count(*) FROM machine_events"));
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    private static long[] merge(List<long[]> parts) {
        return parts.stream().flatMapToLong(java.util.Arrays::stream).toArray();
    }

    /** A growable array of timings, one per worker (no contention). */
    private static final class Timings {
        private long[] values = new long[1024];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long[] values() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
