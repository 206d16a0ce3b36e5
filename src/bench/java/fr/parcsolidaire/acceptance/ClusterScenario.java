package fr.parcsolidaire.acceptance;

import fr.parcsolidaire.bench.Bench;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The two-instance scenario of issue 18 ({@code ./parc bench cluster}, ClusterTest): two instances behind HAProxy on
 * one primary with a streaming replica, under the reliability load through HAProxy.
 * <ul>
 *   <li>read-your-writes: a write through instance A, then a read of the same machine through B with the write's
 *   mark (header Parc-Written-At) shows it, every time; without the mark, how long B may still serve the old record;</li>
 *   <li>NOTIFY delivery under load, sender to listener, p50 / p99;</li>
 *   <li>kill -9 of instance A half-way: nothing acknowledged lost, the token keeps working through B, only requests
 *   in flight on A fail;</li>
 *   <li>the replica stopped at three quarters: the dashboard keeps answering (from the primary), the same figures.</li>
 * </ul>
 */
final class ClusterScenario {

    static final String ADMIN_PASSWORD = "cluster-scenario-pw";

    /** What happened, for the bench to print and the test to assert. */
    record Outcome(LoadTool.Report report, LoadTool.Check check, List<String> errorSamples, int probes, int freshWithMark,
                   long[] staleWindowIdleNanos, long[] staleWindowLoadedNanos, int staleWithoutMark, long[] notifyIdleNanos,
                   long[] notifyNanos, boolean tokenWorksAfterKill,
                   String reportsBeforeReplicaStop, String reportsAfterReplicaStop, long dashboards, long dashboardFailures,
                   long[] dashboardWithReplicaNanos, long[] dashboardAfterReplicaNanos,
                   boolean replicaUsed, long replicaBytesBehindAtStop) {

        String summary() {
            return String.format("""
                            %s
                            %s
                              read-your-writes: %d / %d reads through B with the mark showed the write made through A
                              without the mark, B served the old record %d times of %d; window (A's answer → B fresh without the mark):
                                idle:       %s
                                under load: %s
                              NOTIFY delivery (pg_notify committed → listener), idle: %s
                                under load: %s
                              after kill -9 of A: the token works through HAProxy: %s; requests without answer: %d, refused: %d
                              dashboards during the run: %d, failed: %d; reports read the replica before it stopped: %s
                                dashboard (HTTP, through HAProxy) before the replica stopped: %s
                                after (from the primary): %s
                              replica behind the primary when stopped: %d bytes of WAL
                              health of B before the replica stopped: %s
                              health of B after: %s""",
                    report.summary(), check.summary(), freshWithMark, probes, staleWithoutMark, probes,
                    timings(staleWindowIdleNanos), timings(staleWindowLoadedNanos), timings(notifyIdleNanos), timings(notifyNanos), tokenWorksAfterKill, report.lostAnswers(),
                    report.refused(), dashboards, dashboardFailures, replicaUsed, timings(dashboardWithReplicaNanos),
                    timings(dashboardAfterReplicaNanos), replicaBytesBehindAtStop, reportsBeforeReplicaStop, reportsAfterReplicaStop);
        }
    }

    private ClusterScenario() {
    }

    /**
     * @param database     a fresh database (the scenario does not drop it)
     * @param packagedJar  run target/parc-solidaire.jar when present; otherwise this JVM's classpath (tests)
     */
    static Outcome run(String database, Duration load, int workers, int probes, boolean packagedJar, Path directory)
            throws Exception {
        ClusterTopology.Options options = new ClusterTopology.Options(database, "parc_replica_" + ProcessHandle.current().pid(),
                ClusterTopology.freePort(), ClusterTopology.freePort(), packagedJar, false, ADMIN_PASSWORD, directory);
        try (ClusterTopology cluster = ClusterTopology.start(options)) {
            String base = cluster.baseUrl();
            String token = LoadTool.login(base, "admin", ADMIN_PASSWORD);
            ClusterTopology.Instance a = cluster.instances().get(0);
            ClusterTopology.Instance b = cluster.instances().get(1);

            // Read-your-writes and the stale window, before the load and again during it.
            Probe probe = new Probe(a.baseUrl(), b.baseUrl(), token);
            probe.prepare();
            for (int i = 0; i < probes; i++) {
                probe.once(false);
            }
            NotifyProbe idleNotices = new NotifyProbe(cluster.primaryUrl());
            idleNotices.run(1_000);

            LoadTool tool = new LoadTool(base, token);
            LoadTool.Report[] report = new LoadTool.Report[1];
            RuntimeException[] failure = new RuntimeException[1];
            Thread driver = Thread.ofVirtual().start(() -> {
                try {
                    report[0] = tool.run(load, workers);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    failure[0] = e;
                }
            });
            NotifyProbe notices = new NotifyProbe(cluster.primaryUrl());
            Thread noticeThread = Thread.ofVirtual().start(() -> notices.run(load.toMillis() / 2));
            Dashboards dashboards = new Dashboards(base, token);
            Thread dashboardThread = Thread.ofVirtual().start(() -> dashboards.run(load.toMillis()));
            long started = System.nanoTime();
            long half = started + load.toNanos() / 2;
            for (int i = 0; i < probes && System.nanoTime() < half - 1_000_000_000L; i++) {
                probe.once(true);
            }
            sleepUntil(half);
            noticeThread.join();
            boolean replicaUsed = cluster.replica() != null && ClusterTopology.healthDetails(b).contains("réplique\"");
            if (cluster.haproxy() != null) {
                // Without HAProxy the load talks to A alone: nobody would take over.
                cluster.kill(a);
            }
            sleepUntil(started + load.toNanos() * 3 / 4);
            String before = ClusterTopology.healthDetails(b);
            long behind = -1;
            if (cluster.replica() != null) {
                behind = ReplicaCluster.lagBytes(cluster.primaryUrl());
                dashboards.replicaStopped = true;
                cluster.replica().stopNow();
            }
            driver.join();
            dashboardThread.join();
            if (failure[0] != null) {
                throw failure[0];
            }
            // The next lag check (every second) finds the replica gone, if no report query has found it before.
            String after = ClusterTopology.healthDetails(b);
            for (int i = 0; i < 50 && cluster.replica() != null && !after.contains("primaire"); i++) {
                Thread.sleep(100);
                after = ClusterTopology.healthDetails(b);
            }
            HttpResponse<String> me = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/machines/"
                    + report[0].acked().keySet().iterator().next())).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            try (Connection c = DriverManager.getConnection(cluster.primaryUrl(), "postgres", "")) {
                return new Outcome(report[0], tool.check(c, report[0]), tool.errorSamples(), probe.count, probe.freshWithMark,
                        probe.idle(), probe.loaded(), probe.staleWithoutMark, idleNotices.delays(), notices.delays(),
                        me.statusCode() == 200,
                        before, after, dashboards.done.sum(), dashboards.failed.sum(), dashboards.times(false),
                        dashboards.times(true), replicaUsed, behind);
            }
        }
    }

    private static String timings(long[] nanos) {
        return nanos.length == 0 ? "-" : Bench.summary(nanos);
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left = nanos - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000);
        }
    }

    /**
     * One machine in the workshop; each round reads it through B (so B keeps it in memory), adds a repair through A,
     * reads it through B with the write's mark (must show the repair), and again without the mark until it does.
     */
    private static final class Probe {
        private final String a;
        private final String b;
        private final String token;
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final List<Long> idle = new ArrayList<>();
        private final List<Long> loaded = new ArrayList<>();
        private String tag;
        int count;
        int freshWithMark;
        int staleWithoutMark;

        Probe(String a, String b, String token) {
            this.a = a;
            this.b = b;
            this.token = token;
        }

        void prepare() throws Exception {
            String body = Json.createObjectBuilder()
                    .add("donor", Json.createObjectBuilder().add("name", "Sonde grappe").add("kind", "COMPANY"))
                    .add("receivedOn", LocalDate.now().toString()).add("site", "atelier")
                    .add("machines", Json.createArrayBuilder().add(Json.createObjectBuilder().add("type", "LAPTOP")
                            .add("brand", "Dell").add("model", "Latitude 5490").add("serial", "SONDE-" + System.nanoTime())))
                    .build().toString();
            tag = json(post(a, "/api/v1/donations", body).body()).getJsonArray("machines").getJsonObject(0).getString("tag");
            post(a, "/api/v1/machines/" + tag + "/transitions", "{\"to\":\"IN_DIAGNOSIS\"}");
        }

        void once(boolean underLoad) throws Exception {
            get(b, null);
            String mark = "sonde-" + count + "-" + System.nanoTime();
            post(a, "/api/v1/machines/" + tag + "/repairs",
                    "{\"parts\":\"Nappe\",\"note\":\"" + mark + "\"}");
            long answered = System.nanoTime();
            count++;
            // The order matters: without the mark first, so that it sees the window (the mark's wait would close it).
            boolean staleSeen = false;
            while (!get(b, null).contains(mark)) {
                staleSeen = true;
                if (System.nanoTime() - answered > Duration.ofSeconds(5).toNanos()) {
                    break;
                }
            }
            (underLoad ? loaded : idle).add(System.nanoTime() - answered);
            if (staleSeen) {
                staleWithoutMark++;
            }
            // Another write through A, read at once through B with the mark: B must wait for the notice, never serve stale.
            String second = mark + "-marque";
            String writtenAt = post(a, "/api/v1/machines/" + tag + "/repairs", "{\"parts\":\"Nappe\",\"note\":\"" + second + "\"}")
                    .headers().firstValue("Parc-Written-At").orElseThrow();
            long asked = System.nanoTime();
            if (get(b, writtenAt).contains(second)) {
                freshWithMark++;
            } else {
                System.err.printf("read-your-writes: B served the record without the write made through A (mark %s, read after %.1f ms)%n",
                        writtenAt, (System.nanoTime() - asked) / 1e6);
            }
        }

        long[] idle() {
            return idle.stream().mapToLong(Long::longValue).toArray();
        }

        long[] loaded() {
            return loaded.stream().mapToLong(Long::longValue).toArray();
        }

        private String get(String base, String writtenAt) throws Exception {
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + "/api/v1/machines/" + tag))
                    .header("Authorization", "Bearer " + token);
            if (writtenAt != null) {
                r.header("Parc-Written-At", writtenAt);
            }
            HttpResponse<String> response = client.send(r.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + base + " -> " + response.statusCode() + " " + response.body());
            }
            return response.body();
        }

        private HttpResponse<String> post(String base, String path, String json) throws Exception {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("POST " + path + " -> " + r.statusCode() + " " + r.body());
            }
            return r;
        }
    }

    /** pg_notify on a channel of its own, committed on one connection, heard on another: the delay, under the load. */
    private static final class NotifyProbe {
        private final String url;
        private final List<Long> delays = new ArrayList<>();

        NotifyProbe(String url) {
            this.url = url;
        }

        void run(long millis) {
            long end = System.nanoTime() + millis * 1_000_000;
            try (Connection listen = DriverManager.getConnection(url, "postgres", "");
                 Connection send = DriverManager.getConnection(url, "postgres", "")) {
                try (var st = listen.createStatement()) {
                    st.execute("LISTEN parc_cluster_probe");
                }
                var pg = listen.unwrap(org.postgresql.PGConnection.class);
                try (var st = send.prepareStatement("SELECT pg_notify('parc_cluster_probe', ?)")) {
                    while (System.nanoTime() < end) {
                        st.setString(1, Long.toString(System.nanoTime()));
                        st.execute();
                        var notices = pg.getNotifications(5_000);
                        long heard = System.nanoTime();
                        if (notices != null) {
                            for (var n : notices) {
                                delays.add(heard - Long.parseLong(n.getParameter()));
                            }
                        }
                        Thread.sleep(20);
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        long[] delays() {
            return delays.stream().mapToLong(Long::longValue).toArray();
        }
    }

    /** The coordinator's dashboard (JSON summary of the year) through HAProxy, over and over, counting failures. */
    private static final class Dashboards {
        private final String base;
        private final String token;
        final LongAdder done = new LongAdder();
        final LongAdder failed = new LongAdder();
        private final List<Long> withReplica = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final List<Long> afterReplica = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile boolean replicaStopped;

        Dashboards(String base, String token) {
            this.base = base;
            this.token = token;
        }

        long[] times(boolean afterStop) {
            return (afterStop ? afterReplica : withReplica).stream().mapToLong(Long::longValue).toArray();
        }

        void run(long millis) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            long end = System.nanoTime() + millis * 1_000_000;
            while (System.nanoTime() < end) {
                try {
                    boolean stopped = replicaStopped;
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/reports/summary"))
                            .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        (stopped ? afterReplica : withReplica).add(System.nanoTime() - t0);
                    }
                    // 502/504: HAProxy lost instance A under the request, not a report failure.
                    if (r.statusCode() != 200 && r.statusCode() != 502 && r.statusCode() != 504) {
                        failed.increment();
                    }
                    done.increment();
                    Thread.sleep(100);
                } catch (java.io.IOException e) {
                    failed.increment();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
