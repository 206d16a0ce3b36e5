package fr.parcsolidaire.acceptance;

import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;

/**
 * {@code ./parc load [seconds]} and {@code ./parc crash [seconds]} (bench entries "load" and "crash").
 * "load" drives the service given by LOAD_URL (LOAD_USER, LOAD_PASSWORD; LOAD_DATABASE_URL to check the
 * database afterwards) or, without it, a test instance on a fresh database. Settings: -Dload.seconds, -Dload.workers.
 */
public final class ReliabilityBench {

    private ReliabilityBench() {
    }

    public static void load() {
        Duration duration = Duration.ofSeconds(Integer.getInteger("load.seconds", 60));
        int workers = Integer.getInteger("load.workers", 32);
        try {
            String url = System.getenv("LOAD_URL");
            String base;
            String token;
            String jdbc;
            if (url != null && !url.isBlank()) {
                base = url.replaceAll("/+$", "");
                token = LoadTool.login(base, System.getenv().getOrDefault("LOAD_USER", "admin"), System.getenv("LOAD_PASSWORD"));
                jdbc = System.getenv("LOAD_DATABASE_URL");
            } else {
                base = TestApp.get().baseUrl();
                token = LoadTool.login(base, TestApp.get().username(Role.ADMIN), TestApp.PASSWORD);
                jdbc = null;
            }
            System.out.printf("load: %d virtual-thread workers for %d s against %s (70 %% lookups, 6 %% intakes, "
                    + "6 %% transitions, 3 %% repairs, 8 %% steps to READY, 4 %% loans, 3 %% returns)%n", workers, duration.toSeconds(), base);
            LoadTool tool = new LoadTool(base, token);
            LoadTool.Report report = tool.run(duration, workers);
            System.out.println(report.summary());
            tool.errorSamples().forEach(e -> System.out.println("  error: " + e));
            try (Connection c = jdbc != null ? DriverManager.getConnection(jdbc, System.getenv().getOrDefault("LOAD_DATABASE_USER", "postgres"),
                    System.getenv().getOrDefault("LOAD_DATABASE_PASSWORD", "")) : url == null ? TestApp.get().connection() : null) {
                if (c == null) {
                    System.out.println("  (LOAD_DATABASE_URL absent: database not checked)");
                } else {
                    System.out.println(tool.check(c, report).summary());
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void crash() {
        Duration duration = Duration.ofSeconds(Integer.getInteger("load.seconds", 30));
        int workers = Integer.getInteger("load.workers", 32);
        try {
            System.out.printf("crash: %d workers for %d s, kill -9 of the service half-way, restart, check%n",
                    workers, duration.toSeconds());
            CrashScenario.Outcome outcome = CrashScenario.run(duration, workers, true);
            System.out.println("  service started as: " + outcome.launched() + " ...");
            System.out.println(outcome.report().summary());
            System.out.println(outcome.check().summary());
            System.out.println("  after restart an acknowledged machine is served: " + outcome.servedAfterRestart());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
