package fr.parcsolidaire.acceptance;

import fr.parcsolidaire.bench.JavaOptions;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Two instances of the service behind HAProxy on one primary PostgreSQL, with a streaming replica for the reports
 * (docs/operations.md, « Plusieurs instances »): what {@code ./parc cluster} starts, what {@code ./parc bench cluster} and
 * ClusterTest drive. Everything it starts it stops in {@link #close}, the replica's cluster included.
 *
 * @param instances   the two services, in HAProxy's order
 * @param replica     null when this machine cannot make one (no pg_createcluster / pg_basebackup)
 * @param haproxy     null when HAProxy is not installed: the caller then talks to the instances directly
 * @param adminPassword the first administrator's (ADMIN_PASSWORD), or empty: the service then makes one up and logs it
 */
record ClusterTopology(String database, List<Instance> instances, ReplicaCluster replica, Process haproxy, int proxyPort,
                       Path directory, String adminPassword) implements AutoCloseable {

    /** One service process, its public port and its management port (health details: where reports read). */
    record Instance(String name, Process process, int port, int managementPort) {
        String baseUrl() {
            return "http://127.0.0.1:" + port;
        }
    }

    /** What to start. */
    record Options(String database, String replicaName, int replicaPort, int proxyPort, boolean packagedJar,
                   boolean demo, String adminPassword, Path directory) {
    }

    /** The address people and the load use: HAProxy's, or the first instance's without HAProxy. */
    String baseUrl() {
        return haproxy != null ? "http://127.0.0.1:" + proxyPort : instances.getFirst().baseUrl();
    }

    String primaryUrl() {
        return ScratchApp.url(database);
    }

    static boolean haproxyAvailable() {
        return Files.isExecutable(Path.of("/usr/sbin/haproxy")) || Files.isExecutable(Path.of("/usr/bin/haproxy"));
    }

    static ClusterTopology start(Options o) throws Exception {
        Files.createDirectories(o.directory());
        ReplicaCluster replica = null;
        List<Instance> instances = new ArrayList<>();
        Process haproxy = null;
        try {
            if (ReplicaCluster.available()) {
                replica = ReplicaCluster.create(o.replicaName(), o.replicaPort());
            }
            // One after the other: the first migrates the database (and loads the demo data, once).
            for (String name : List.of("a", "b")) {
                instances.add(startInstance(o, name, replica, o.demo() && name.equals("a")));
            }
            if (haproxyAvailable()) {
                haproxy = startHaproxy(o, instances);
            }
            return new ClusterTopology(o.database(), List.copyOf(instances), replica, haproxy, o.proxyPort(), o.directory(),
                    o.adminPassword());
        } catch (Exception | Error e) {
            new ClusterTopology(o.database(), instances, replica, haproxy, o.proxyPort(), o.directory(), o.adminPassword()).close();
            throw e;
        }
    }

    private static Instance startInstance(Options o, String name, ReplicaCluster replica, boolean demo) throws Exception {
        int port = freePort();
        int management = freePort();
        Path log = o.directory().resolve("instance-" + name + ".log");
        ProcessBuilder pb = new ProcessBuilder(command(o.packagedJar())).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        Map<String, String> env = pb.environment();
        env.put("DATABASE_URL", ScratchApp.url(o.database()));
        env.put("DATABASE_USER", "postgres");
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("SERVER_HOST", "127.0.0.1");
        env.put("APP_MANAGEMENT_PORT", Integer.toString(management));
        env.remove("ADMIN_PASSWORD");
        if (!o.adminPassword().isEmpty()) {
            env.put("ADMIN_PASSWORD", o.adminPassword());
        }
        // HAProxy writes X-Forwarded-For itself (option forwardfor): the login throttle counts the client's address.
        env.put("APP_LOGIN_TRUST_DASH_FORWARDED_DASH_FOR", "true");
        env.put("DB_REPLICA_URL", replica == null ? "" : replica.url(o.database()));
        env.remove("DEMO");
        if (demo) {
            env.put("DEMO", "true");
            if (!o.adminPassword().isEmpty()) {
                env.put("DEMO_PASSWORD", o.adminPassword());
            }
        }
        Process process = pb.start();
        Instance instance = new Instance(name, process, port, management);
        awaitHealthy(instance.baseUrl(), process, log);
        return instance;
    }

    private static Process startHaproxy(Options o, List<Instance> instances) throws Exception {
        Path config = o.directory().resolve("haproxy.cfg");
        StringBuilder servers = new StringBuilder();
        for (Instance i : instances) {
            servers.append("    server ").append(i.name()).append(" 127.0.0.1:").append(i.port()).append(" check\n");
        }
        Files.writeString(config, """
                # Generated by ClusterTopology (./parc cluster): two instances, round robin, no stickiness (sessions are
                # in PostgreSQL). A request whose connection is refused is sent to the other instance (redispatch);
                # a request already sent is never sent twice.
                global
                    maxconn 4096
                defaults
                    mode http
                    option forwardfor
                    option redispatch 1
                    retries 2
                    timeout connect 1s
                    timeout client 60s
                    timeout server 60s
                frontend parc
                    bind 127.0.0.1:%d
                    default_backend instances
                backend instances
                    balance roundrobin
                    # HTTP/1.1: the service does not speak HAProxy's default HTTP/1.0 (it answers 505).
                    option httpchk
                    http-check send meth GET uri /health ver HTTP/1.1 hdr Host localhost
                    http-check expect status 200
                    # A refused connection marks the instance down at once (kill -9); a slow /health needs three misses
                    # (a loaded machine answers late, it is not dead).
                    timeout check 5s
                    default-server inter 1s fall 3 rise 2 observe layer4 error-limit 1 on-error mark-down
                %s""".formatted(o.proxyPort(), servers));
        String haproxy = Files.isExecutable(Path.of("/usr/sbin/haproxy")) ? "/usr/sbin/haproxy" : "/usr/bin/haproxy";
        Path log = o.directory().resolve("haproxy.log");
        Process process = new ProcessBuilder(haproxy, "-db", "-f", config.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        awaitHealthy("http://127.0.0.1:" + o.proxyPort(), process, log);
        return process;
    }

    /** kill -9 of one instance: no shutdown hook, no draining; HAProxy finds out by its health checks. */
    void kill(Instance instance) throws InterruptedException {
        instance.process().destroyForcibly();
        instance.process().waitFor();
    }

    /** The management port's health details of an instance ({@code "rapports":"réplique"} while reports read the replica). */
    static String healthDetails(Instance instance) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.managementPort()
                + "/health")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Override
    public void close() throws Exception {
        if (haproxy != null) {
            haproxy.destroy();
            haproxy.waitFor();
        }
        for (Instance i : instances) {
            i.process().destroy();
        }
        for (Instance i : instances) {
            if (!i.process().waitFor(25, java.util.concurrent.TimeUnit.SECONDS)) {
                i.process().destroyForcibly();
            }
        }
        if (replica != null) {
            replica.close();
        }
    }

    static List<String> command(boolean packagedJar) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        if (packagedJar && new File("target/parc-solidaire.jar").isFile()) {
            // The JVM options of every packaged start (./parc java-opts: bounded heap, collector, AOT cache).
            command.addAll(JavaOptions.ofPackagedService());
            command.addAll(List.of("-jar", "target/parc-solidaire.jar"));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "fr.parcsolidaire.Main"));
        }
        return command;
    }

    static void awaitHealthy(String base, Process process, Path log) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Arrêt au démarrage :\n" + Files.readString(log));
            }
            try {
                if (client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Still starting.
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Pas de /health sain après 120 s :\n" + Files.readString(log));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
