package fr.parcsolidaire.acceptance;

import fr.parcsolidaire.acceptance.ScratchApp;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * kill -9 in the middle of the load: the service runs as a separate process on a scratch database, the load
 * tool drives it, the process is killed without warning half-way, restarted, and the database is checked
 * against what had been acknowledged: nothing acknowledged missing, no half-written machine.
 */
final class CrashScenario {

    record Outcome(LoadTool.Report report, LoadTool.Check check, boolean servedAfterRestart, String launched) {
    }

    private static final String ADMIN_PASSWORD = "crash-scenario-pw";

    private CrashScenario() {
    }

    /** @param packagedJar run target/parc-solidaire.jar when present; otherwise (and in tests) this JVM's classpath */
    static Outcome run(Duration load, int workers, boolean packagedJar) throws Exception {
        String database = ScratchApp.createDatabase();
        Path log = Files.createTempFile("parc-crash", ".log");
        int port = freePort();
        List<String> command = command(packagedJar);
        String base = "http://127.0.0.1:" + port;
        Process server = start(command, database, port, log);
        try {
            awaitHealthy(base, server, log);
            LoadTool tool = new LoadTool(base, LoadTool.login(base, "admin", ADMIN_PASSWORD));
            LoadTool.Report[] report = new LoadTool.Report[1];
            Thread driver = Thread.ofVirtual().start(() -> {
                try {
                    report[0] = tool.run(load, workers);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Thread.sleep(load.toMillis() / 2);
            server.destroyForcibly();   // SIGKILL: no shutdown hook, no draining
            server.waitFor();
            driver.join();

            server = start(command, database, port, log);
            awaitHealthy(base, server, log);
            String anyAcked = report[0].acked().keySet().iterator().next();
            HttpResponse<String> lookup = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
                    + "/api/v1/machines/" + anyAcked)).header("Authorization", "Bearer "
                    + LoadTool.login(base, "admin", ADMIN_PASSWORD)).build(), HttpResponse.BodyHandlers.ofString());
            try (Connection c = DriverManager.getConnection(ScratchApp.url(database), "postgres", "")) {
                return new Outcome(report[0], tool.check(c, report[0]), lookup.statusCode() == 200, String.join(" ", command.subList(0, 3)));
            }
        } finally {
            server.destroy();
            server.waitFor();
            ScratchApp.dropDatabase(database);
            Files.deleteIfExists(log);
        }
    }

    private static List<String> command(boolean packagedJar) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        if (packagedJar && new File("target/parc-solidaire.jar").isFile()) {
            command.addAll(List.of("-jar", "target/parc-solidaire.jar"));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "fr.parcsolidaire.Main"));
        }
        return command;
    }

    private static Process start(List<String> command, String database, int port, Path log) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("DATABASE_URL", ScratchApp.url(database));
        pb.environment().put("DATABASE_USER", "postgres");
        pb.environment().put("SERVER_PORT", String.valueOf(port));
        pb.environment().put("SERVER_HOST", "127.0.0.1");
        pb.environment().put("ADMIN_PASSWORD", ADMIN_PASSWORD);
        pb.environment().remove("DEMO");
        return pb.start();
    }

    private static void awaitHealthy(String base, Process server, Path log) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("Le service s'est arrêté au démarrage :\n" + Files.readString(log));
            }
            try {
                if (client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // Still starting.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Le service n'a pas démarré :\n" + Files.readString(log));
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
