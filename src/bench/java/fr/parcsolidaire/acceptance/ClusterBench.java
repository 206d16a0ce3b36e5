package fr.parcsolidaire.acceptance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./parc cluster} ({@link #serve}) and {@code ./parc bench cluster} ({@link #bench}): docs/operations.md,
 * « Plusieurs instances ».
 */
public final class ClusterBench {

    /** Where {@code ./parc cluster} writes its configuration, logs and the pids {@code ./parc cluster stop} reads. */
    static final Path DIRECTORY = Path.of("target", "cluster");

    private ClusterBench() {
    }

    /**
     * The scenario on a fresh database with the packaged jar: -Dload.seconds (40), -Dload.workers (32),
     * -Dcluster.probes (100).
     */
    public static void bench() {
        Duration duration = Duration.ofSeconds(Integer.getInteger("load.seconds", 40));
        int workers = Integer.getInteger("load.workers", 32);
        int probes = Integer.getInteger("cluster.probes", 100);
        String database = ScratchApp.createDatabase();
        try {
            System.out.printf("cluster: two instances of the packaged jar behind HAProxy, a streaming replica; %d workers for %d s "
                    + "through HAProxy, %d read-your-writes probes, kill -9 of instance A at half-time, replica stopped at "
                    + "three quarters%n", workers, duration.toSeconds(), probes);
            ClusterScenario.Outcome o = ClusterScenario.run(database, duration, workers, probes, true,
                    Files.createTempDirectory("parc-cluster"));
            System.out.println(o.summary());
            o.errorSamples().forEach(e -> System.out.println("  error: " + e));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            ScratchApp.dropDatabase(database);
        }
    }

    /**
     * Starts the topology and keeps it until Ctrl-C or {@code ./parc cluster stop} (SIGTERM to this process): then
     * stops HAProxy and the instances and drops the replica's cluster. Arguments: {@code --port N} (HAProxy, 8080),
     * {@code --replica-port N} (5433), {@code --demo}. The database is DB_LOCAL_NAME's (parc_solidaire).
     */
    public static void serve(List<String> args) {
        int port = 8080;
        int replicaPort = 5433;
        boolean demo = false;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--port" -> port = Integer.parseInt(args.get(++i));
                case "--replica-port" -> replicaPort = Integer.parseInt(args.get(++i));
                case "--demo" -> demo = true;
                default -> throw new IllegalArgumentException("Option inconnue : " + args.get(i));
            }
        }
        String database = System.getenv().getOrDefault("DB_LOCAL_NAME", "parc_solidaire");
        String password = System.getenv().getOrDefault("ADMIN_PASSWORD", "");
        try {
            Files.createDirectories(DIRECTORY);
            ensureDatabase(database);
            ClusterTopology cluster = ClusterTopology.start(new ClusterTopology.Options(database, "parc_replica", replicaPort, port,
                    true, demo, password, DIRECTORY));
            List<String> pids = new ArrayList<>(List.of(Long.toString(ProcessHandle.current().pid())));
            cluster.instances().forEach(i -> pids.add(Long.toString(i.process().pid())));
            if (cluster.haproxy() != null) {
                pids.add(Long.toString(cluster.haproxy().pid()));
            }
            Files.writeString(DIRECTORY.resolve("pids"), String.join("\n", pids) + "\n");
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                System.out.println("Arrêt de la grappe : HAProxy, les deux instances, la réplique…");
                try {
                    cluster.close();
                    Files.deleteIfExists(DIRECTORY.resolve("pids"));
                } catch (Exception e) {
                    System.err.println("Arrêt incomplet : " + e.getMessage());
                }
                stopped.countDown();
            }));
            System.out.println("Grappe prête :");
            System.out.println("  service (HAProxy)  " + cluster.baseUrl());
            for (ClusterTopology.Instance i : cluster.instances()) {
                System.out.println("  instance " + i.name() + "         " + i.baseUrl() + "  (gestion : http://127.0.0.1:"
                        + i.managementPort() + "/health, journal " + DIRECTORY.resolve("instance-" + i.name() + ".log") + ")");
            }
            System.out.println("  primaire           " + cluster.primaryUrl());
            System.out.println("  réplique           " + (cluster.replica() == null ? "aucune (pg_createcluster absent, ou pas lancé en root)"
                    : cluster.replica().url(database) + " (grappe PostgreSQL " + cluster.replica().name() + ")"));
            if (password.isEmpty()) {
                System.out.println("  comptes            sur une base neuve, le mot de passe créé est dans " + DIRECTORY.resolve("instance-a.log")
                        + " (ou ADMIN_PASSWORD=… avant ./parc cluster)");
            }
            System.out.println("Ctrl-C ou ./parc cluster stop pour tout arrêter.");
            stopped.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void ensureDatabase(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Nom de base invalide : " + database);
        }
        if (ScratchApp.count(ScratchApp.ADMIN_URL, "SELECT count(*) FROM pg_database WHERE datname = '" + database + "'") == 0) {
            ScratchApp.sql(ScratchApp.ADMIN_URL, "CREATE DATABASE " + database);
        }
    }
}
