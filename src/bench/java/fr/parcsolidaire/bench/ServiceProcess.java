package fr.parcsolidaire.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged service (target/parc-solidaire.jar, or BENCH_JAR) started as its own process, as in production,
 * so that start-up time and resident memory are those of the real thing and not of a test JVM.
 */
final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final long startupMillis;

    private ServiceProcess(Process process, int port, long startupMillis) {
        this.process = process;
        this.port = port;
        this.startupMillis = startupMillis;
    }

    static ServiceProcess start(String databaseUrl) throws IOException, InterruptedException {
        return start(databaseUrl, Map.of());
    }

    /** With extra environment variables, e.g. another configuration to compare. */
    static ServiceProcess start(String databaseUrl, Map<String, String> settings) throws IOException, InterruptedException {
        // BENCH_JAR: another build of the service, to measure a before and an after back to back.
        Path jar = Path.of(System.getenv().getOrDefault("BENCH_JAR", "target/parc-solidaire.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("target/parc-solidaire.jar absent : lancez ./parc bench perf (il construit le jar).");
        }
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(JavaOptions.ofPackagedService());
        // BENCH_JVM_OPTS: e.g. a flight recording of the service under the bench's load.
        String jvmOptions = System.getenv().getOrDefault("BENCH_JVM_OPTS", "").trim();
        if (!jvmOptions.isEmpty()) {
            command.addAll(List.of(jvmOptions.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("DATABASE_URL", databaseUrl);
        env.put("DATABASE_USER", "postgres");
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("ADMIN_PASSWORD", "bench-admin-password");
        env.remove("DEMO");
        env.putAll(settings);
        pb.redirectErrorStream(true).redirectOutput(Path.of("target/bench-service.log").toFile());
        long start = System.nanoTime();
        Process process = pb.start();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("le service s'est arrêté au démarrage : voir target/bench-service.log");
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(20);
            if (System.nanoTime() - start > Duration.ofMinutes(3).toNanos()) {
                process.destroyForcibly();
                throw new IllegalStateException("pas de /health sain après 3 minutes");
            }
        }
        return new ServiceProcess(process, port, (System.nanoTime() - start) / 1_000_000);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    long startupMillis() {
        return startupMillis;
    }

    /**
     * Processor time (user + system, all its threads) the service has used so far, in seconds: across a load, what each
     * request cost it, whatever else the machine was doing.
     */
    double cpuSeconds() {
        return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    /** Resident set size of the service process, in MiB, read from /proc. */
    double rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
