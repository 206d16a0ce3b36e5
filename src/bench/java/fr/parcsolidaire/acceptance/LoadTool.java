package fr.parcsolidaire.acceptance;

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
 * (GET /api/v1/machines/{tag}) with writes that each append known events: intakes (one INTAKE event per machine),
 * transitions RECEIVED → IN_DIAGNOSIS (one TRANSITION), repairs (one REPAIR), the steps that make a machine READY
 * (diagnosis with a disk: STORAGE_ADDED + TRANSITION; erasure: ERASURE; quality check: TRANSITION), loans of READY
 * machines (one TRANSITION, and CREATED + CONTRACT_GENERATED in assignment_events) and their returns (two
 * TRANSITIONs, ASSIGNED → RETURNED → IN_DIAGNOSIS, and RETURNED). It keeps, per machine and per assignment it
 * created, the events the service acknowledged (2xx) and the writes left without an answer, then compares with
 * what the database holds.
 */
final class LoadTool {

    /** What the run did and what the database holds afterwards. */
    record Report(double seconds, long lookups, long writes, long errors, long unanswered,
                  long[] lookupNanos, long[] writeNanos, Map<String, Integer> acked, Map<String, Integer> pending,
                  AtomicInteger unansweredIntakes, long loans, long returns, Map<Long, Integer> assignmentAcked,
                  long unansweredEventsAtMost, long lostAnswers) {

        /** Requests that got an answer saying no (4xx, 5xx from the service), as opposed to no answer at all. */
        long refused() {
            return errors - lostAnswers;
        }

        long ackedEvents() {
            return acked.values().stream().mapToLong(Integer::longValue).sum();
        }

        long ackedAssignmentEvents() {
            return assignmentAcked.values().stream().mapToLong(Integer::longValue).sum();
        }

        String summary() {
            return String.format("%.0f s: %d lookups + %d acknowledged writes (of which %d loans, %d returns) = %.0f ops/s, "
                            + "%d errors, %d writes without answer%n  lookups: %s%n  writes:  %s",
                    seconds, lookups, writes, loans, returns, (lookups + writes) / seconds, errors, unanswered,
                    lookupNanos.length == 0 ? "-" : Bench.summary(lookupNanos),
                    writeNanos.length == 0 ? "-" : Bench.summary(writeNanos));
        }
    }

    /** The database against the tool's bookkeeping. */
    record Check(long ackedEvents, long eventsOfToolMachines, long missingAcknowledged, long unacknowledgedButStored,
                 long machinesDisagreeingWithTheirLastTransition, long machinesWithoutIntake, long totalEvents,
                 long ackedAssignmentEvents, long assignmentEventsOfTool, long missingAcknowledgedAssignmentEvents,
                 long assignmentEventsStoredWithoutAcknowledgement, long assignmentsDisagreeingWithTheirMachine,
                 long assignmentsWithoutCreationOrContract) {

        boolean exact() {
            return missingAcknowledged == 0 && unacknowledgedButStored == 0 && machinesDisagreeingWithTheirLastTransition == 0
                    && machinesWithoutIntake == 0 && missingAcknowledgedAssignmentEvents == 0
                    && assignmentEventsStoredWithoutAcknowledgement == 0 && noPartialAssignment();
        }

        boolean noPartialAssignment() {
            return assignmentsDisagreeingWithTheirMachine == 0 && assignmentsWithoutCreationOrContract == 0;
        }

        String summary() {
            return String.format("  events of the tool's machines in the database: %d, acknowledged: %d -> %s%n"
                            + "  acknowledged events missing: %d; stored without acknowledgement (answer lost): %d%n"
                            + "  machines whose state disagrees with their last transition: %d; machines without one intake or import event: %d%n"
                            + "  machine_events in the whole database: %d%n"
                            + "  assignment_events of the tool's assignments: %d, acknowledged: %d -> %s%n"
                            + "  acknowledged assignment events missing: %d; stored without acknowledgement: %d%n"
                            + "  assignments whose status disagrees with their machine: %d; without creation event or contract: %d",
                    eventsOfToolMachines, ackedEvents, eventsOfToolMachines == ackedEvents ? "EQUAL" : "DIFFERENT",
                    missingAcknowledged, unacknowledgedButStored, machinesDisagreeingWithTheirLastTransition,
                    machinesWithoutIntake, totalEvents, assignmentEventsOfTool, ackedAssignmentEvents,
                    assignmentEventsOfTool == ackedAssignmentEvents ? "EQUAL" : "DIFFERENT",
                    missingAcknowledgedAssignmentEvents, assignmentEventsStoredWithoutAcknowledgement,
                    assignmentsDisagreeingWithTheirMachine, assignmentsWithoutCreationOrContract);
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
    private final LongAdder lostAnswers = new LongAdder();
    private final List<String> errorSamples = new CopyOnWriteArrayList<>();
    /** Machines on their way to READY, with the next step to take; READY machines waiting for a loan; running loans. */
    private final ConcurrentLinkedQueue<Staged> staging = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> readyPool = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Loan> activeLoans = new ConcurrentLinkedQueue<>();
    private final Map<Long, Integer> assignmentAcked = new ConcurrentHashMap<>();
    private final List<Long> beneficiaries = new CopyOnWriteArrayList<>();
    private final LongAdder loans = new LongAdder();
    private final LongAdder returns = new LongAdder();
    private final LongAdder unansweredEvents = new LongAdder();

    private record Staged(String tag, int step, String disk) {
    }

    private record Loan(long id, String tag) {
    }

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
        for (int i = 0; i < 5; i++) {
            beneficiary(i);
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
                    boolean ok = dice < 70 ? lookup() : dice < 76 ? intake(2) : dice < 82 ? transition() : dice < 85 ? repair()
                            : dice < 93 ? readyUp() : dice < 97 ? lend() : giveBack();
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
                merge(writeTimes), Map.copyOf(acked), Map.copyOf(pending), unansweredIntakes, loans.sum(), returns.sum(),
                Map.copyOf(assignmentAcked), unansweredEvents.sum(), lostAnswers.sum());
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
            unansweredEvents.add(count);
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

    /** A person to lend to (the tool's beneficiaries are named after the run, to find their assignments afterwards). */
    private void beneficiary(int i) {
        String body = Json.createObjectBuilder().add("lastName", MARK + run).add("firstName", "Personne " + i)
                .add("commune", "Saint-Denis").add("postcode", "93200").add("ageBracket", "FROM_26_TO_44")
                .add("situation", "JOB_SEEKER").add("gdprNoticeOn", LocalDate.now().toString()).build().toString();
        HttpResponse<String> r = send(post("/api/v1/beneficiaries", body), null);
        if (r == null || r.statusCode() != 201) {
            throw new IllegalStateException("Bénéficiaire de charge refusé : " + (r == null ? "pas de réponse" : r.statusCode() + " " + r.body()));
        }
        beneficiaries.add(json(r.body()).getJsonNumber("id").longValue());
    }

    /** One step of a received machine towards READY: diagnosis, diagnosis with a disk, erasure, quality check. */
    private boolean readyUp() {
        Staged s = staging.poll();
        if (s == null) {
            String tag = received.poll();
            if (tag == null) {
                return intake(2);
            }
            s = new Staged(tag, 0, "LOAD-SSD-" + run + "-" + ThreadLocalRandom.current().nextLong(Long.MAX_VALUE));
        }
        String machine = "/api/v1/machines/" + s.tag();
        var quality = Json.createObjectBuilder();
        for (String item : List.of("boots", "keyboard", "screen", "wifi", "sound", "webcam", "battery", "ports")) {
            quality.add(item, "OK");
        }
        String body = switch (s.step()) {
            case 0 -> "{\"to\":\"IN_DIAGNOSIS\"}";
            case 1 -> Json.createObjectBuilder().add("to", "IN_RECONDITIONING").add("grade", "B").add("ramGb", 8)
                    .add("storage", Json.createArrayBuilder().add(Json.createObjectBuilder().add("kind", "SSD")
                            .add("capacityGb", 256).add("serial", s.disk()))).build().toString();
            case 2 -> Json.createObjectBuilder().add("device", s.disk()).add("method", "PURGE").add("tool", "nwipe")
                    .add("passes", 1).add("verified", true).add("result", "PASS").build().toString();
            default -> Json.createObjectBuilder().add("to", "READY").add("quality", quality).build().toString();
        };
        int events = s.step() == 1 ? 2 : 1;
        HttpResponse<String> r = send(post(machine + (s.step() == 2 ? "/erasures" : "/transitions"), body), s.tag());
        if (r == null) {
            unansweredEvents.add(events);
            return false;
        }
        if (r.statusCode() / 100 != 2) {
            fail("POST ready step " + s.step(), r);
            return false;
        }
        acked.merge(s.tag(), events, Integer::sum);
        writes.increment();
        if (s.step() == 3) {
            readyPool.add(s.tag());
        } else {
            staging.add(new Staged(s.tag(), s.step() + 1, s.disk()));
        }
        return true;
    }

    /** Lends a READY machine: the machine goes ASSIGNED, the assignment is CREATED and its contract generated. */
    private boolean lend() {
        String tag = readyPool.poll();
        if (tag == null) {
            return readyUp();
        }
        long person = beneficiaries.get(ThreadLocalRandom.current().nextInt(beneficiaries.size()));
        String body = Json.createObjectBuilder().add("machineTag", tag).add("beneficiaryId", person).add("kind", "LOAN")
                .add("dueOn", LocalDate.now().plusDays(30).toString()).add("accessories", Json.createArrayBuilder().add("Chargeur"))
                .build().toString();
        HttpResponse<String> r = send(post("/api/v1/assignments", body), tag);
        if (r == null) {
            unansweredEvents.add(1);
            return false;
        }
        if (r.statusCode() != 201) {
            fail("POST assignment", r);
            return false;
        }
        long id = json(r.body()).getJsonNumber("id").longValue();
        acked.merge(tag, 1, Integer::sum);
        assignmentAcked.merge(id, 2, Integer::sum);
        activeLoans.add(new Loan(id, tag));
        loans.increment();
        writes.increment();
        return true;
    }

    /** The loan comes back: RETURNED in its history, the machine ASSIGNED → RETURNED → IN_DIAGNOSIS. */
    private boolean giveBack() {
        Loan loan = activeLoans.poll();
        if (loan == null) {
            return lend();
        }
        HttpResponse<String> r = send(post("/api/v1/assignments/" + loan.id() + "/return",
                "{\"condition\":\"GOOD\",\"note\":\"charge " + run + "\"}"), loan.tag());
        if (r == null) {
            unansweredEvents.add(2);
            return false;
        }
        if (r.statusCode() != 200) {
            fail("POST return", r);
            return false;
        }
        acked.merge(loan.tag(), 2, Integer::sum);
        assignmentAcked.merge(loan.id(), 1, Integer::sum);
        inWorkshop.add(loan.tag());
        returns.increment();
        writes.increment();
        return true;
    }

    private boolean transition() {
        String tag = received.poll();
        if (tag == null) {
            return intake(2);
        }
        HttpResponse<String> r = send(post("/api/v1/machines/" + tag + "/transitions", "{\"to\":\"IN_DIAGNOSIS\"}"), tag);
        if (r == null) {
            unansweredEvents.add(1);
        }
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
        if (r == null) {
            unansweredEvents.add(1);
        }
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
    /**
     * Null when no answer came back from the service: connection refused or cut, or a reverse proxy's 502/504 (the
     * instance behind it died under the request; the service itself never answers those).
     */
    private HttpResponse<String> send(HttpRequest request, String writtenTag) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 502 || r.statusCode() == 504) {
                return lost(request, writtenTag, "HTTP " + r.statusCode() + " du mandataire");
            }
            return r;
        } catch (IOException e) {
            return lost(request, writtenTag, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private HttpResponse<String> lost(HttpRequest request, String writtenTag, String why) {
        errors.increment();
        lostAnswers.increment();
        if (!request.method().equals("GET")) {
            unanswered.increment();
            if (writtenTag != null) {
                pending.merge(writtenTag, 1, Integer::sum);
            }
        }
        if (errorSamples.size() < 10) {
            errorSamples.add(request.method() + " " + request.uri().getPath() + " -> " + why);
        }
        pause();
        return null;
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

        Map<Long, Long> storedAssignments = new java.util.HashMap<>();
        try (var st = c.prepareStatement("SELECT a.id, count(e.id) FROM assignments a JOIN beneficiaries b ON b.id = a.beneficiary_id "
                + "LEFT JOIN assignment_events e ON e.assignment_id = a.id WHERE b.last_name = ? GROUP BY a.id")) {
            st.setString(1, MARK + run);
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    storedAssignments.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        long missingAssignmentEvents = 0;
        long extraAssignmentEvents = 0;
        for (var e : storedAssignments.entrySet()) {
            long ack = report.assignmentAcked().getOrDefault(e.getKey(), 0);
            missingAssignmentEvents += Math.max(0, ack - e.getValue());
            extraAssignmentEvents += Math.max(0, e.getValue() - ack);
        }
        for (var e : report.assignmentAcked().entrySet()) {
            if (!storedAssignments.containsKey(e.getKey())) {
                missingAssignmentEvents += e.getValue();
            }
        }
        String tool = "FROM assignments a JOIN beneficiaries b ON b.id = a.beneficiary_id JOIN machines m ON m.id = a.machine_id "
                + "WHERE b.last_name = '" + MARK + run + "'";
        return new Check(report.ackedEvents(), toolEvents, missing, extra,
                // A machine entered by an intake (RECEIVED) or by an import (in the state its IMPORTED event gives).
                single(c, "SELECT count(*) FROM machines m WHERE m.state <> COALESCE((SELECT e.to_state FROM machine_events e "
                        + "WHERE e.machine_id = m.id AND e.kind = 'TRANSITION' ORDER BY e.id DESC LIMIT 1), (SELECT e.to_state "
                        + "FROM machine_events e WHERE e.machine_id = m.id AND e.kind = 'IMPORTED'), 'RECEIVED')"),
                single(c, "SELECT count(*) FROM machines m WHERE (SELECT count(*) FROM machine_events e "
                        + "WHERE e.machine_id = m.id AND e.kind IN ('INTAKE', 'IMPORTED')) <> 1"),
                single(c, "SELECT count(*) FROM machine_events"),
                report.ackedAssignmentEvents(), storedAssignments.values().stream().mapToLong(Long::longValue).sum(),
                missingAssignmentEvents, extraAssignmentEvents,
                single(c, "SELECT count(*) " + tool + " AND (a.status = 'ACTIVE') <> (m.state = 'ASSIGNED')"),
                single(c, "SELECT count(*) " + tool + " AND (NOT EXISTS (SELECT 1 FROM assignment_events e WHERE e.assignment_id = a.id"
                        + " AND e.kind = 'CREATED') OR NOT EXISTS (SELECT 1 FROM contracts k WHERE k.assignment_id = a.id))"));
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
