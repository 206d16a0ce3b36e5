package fr.parcsolidaire.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Debian's pgbench and wrk, run as separate processes so the load does not share the service's JVM. */
final class LoadTools {

    /** Requests (or transactions) per second and latency percentiles in milliseconds; NaN when the tool does not say. */
    record LoadResult(double perSecond, double p50, double p99, long errors, String tool) {
    }

    private LoadTools() {
    }

    /** The physical limit: point selects by primary key on the machines table, prepared. */
    static LoadResult pgbench(String database, long maxId, int clients, int seconds) throws IOException, InterruptedException {
        return pgbench(database, maxId, "SELECT id, tag, state FROM machines WHERE id = :id", clients, seconds);
    }

    /** A query of one random machine, its id bound as {@code :id}, run by pgbench, prepared. */
    static LoadResult pgbench(String database, long maxId, String query, int clients, int seconds)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile("pgbench-point", ".sql");
        Files.writeString(script, "\\set id random(1, " + maxId + ")\n" + query.strip() + ";\n");
        String out = run(List.of("pgbench", "-n", "-h", "127.0.0.1", "-U", "postgres", "-M", "prepared",
                "-c", Integer.toString(clients), "-j", "2", "-T", Integer.toString(seconds),
                "-f", script.toString(), database));
        double tps = number(out, "tps = ([0-9.]+)");
        double latency = number(out, "latency average = ([0-9.]+) ms");
        long failed = (long) orZero(number(out, "number of failed transactions: (\\d+)"));
        return new LoadResult(tps, latency, Double.NaN, failed, "pgbench -M prepared -c " + clients + " (latence moyenne en p50)");
    }

    /** HTTP GETs of random paths from the list, with a bearer token, through wrk with its latency distribution. */
    static LoadResult wrk(String baseUrl, String token, List<String> paths, int connections, int seconds)
            throws IOException, InterruptedException {
        StringBuilder lua = new StringBuilder("local paths = {\n");
        for (String p : paths) {
            lua.append("  \"").append(p).append("\",\n");
        }
        lua.append("}\nwrk.headers[\"Authorization\"] = \"Bearer ").append(token).append("\"\n")
                .append("math.randomseed(42)\n")
                .append("request = function()\n  return wrk.format(\"GET\", paths[math.random(#paths)])\nend\n");
        Path script = Files.createTempFile("wrk-paths", ".lua");
        Files.writeString(script, lua);
        String out = run(List.of("wrk", "-t", "2", "-c", Integer.toString(connections), "-d", seconds + "s",
                "--latency", "-s", script.toString(), baseUrl));
        long non2xx = (long) orZero(number(out, "Non-2xx or 3xx responses: (\\d+)"));
        long socket = 0;
        Matcher m = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(out);
        if (m.find()) {
            for (int i = 1; i <= 4; i++) {
                socket += Long.parseLong(m.group(i));
            }
        }
        return new LoadResult(number(out, "Requests/sec:\\s+([0-9.]+)"), percentile(out, "50%"), percentile(out, "99%"),
                non2xx + socket, "wrk -c " + connections);
    }

    private static double percentile(String out, String which) {
        Matcher m = Pattern.compile("\\s" + which + "\\s+([0-9.]+)(us|ms|s)").matcher(out);
        if (!m.find()) {
            return Double.NaN;
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }

    private static double number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static double orZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    /**
     * A pgbench script (its own transactions, {@code :id} a random machine) with a session setting given at connection,
     * e.g. {@code -c parc.deferred_notices=on}, as the service's pool has it.
     */
    static LoadResult pgbenchScript(String database, long maxId, String script, String options, int clients, int seconds)
            throws IOException, InterruptedException {
        Path file = Files.createTempFile("pgbench-script", ".sql");
        Files.writeString(file, "\\set id random(1, " + maxId + ")\n" + script.strip() + "\n");
        String out = run(List.of("pgbench", "-n", "-h", "127.0.0.1", "-U", "postgres", "-M", "prepared",
                "-c", Integer.toString(clients), "-j", "2", "-T", Integer.toString(seconds),
                "-f", file.toString(), database), Map.of("PGOPTIONS", options));
        double tps = number(out, "tps = ([0-9.]+)");
        double latency = number(out, "latency average = ([0-9.]+) ms");
        long failed = (long) orZero(number(out, "number of failed transactions: (\\d+)"));
        return new LoadResult(tps, latency, Double.NaN, failed, "pgbench -M prepared -c " + clients + " (latence moyenne en p50)");
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        return run(command, Map.of());
    }

    private static String run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command.getFirst() + " a échoué :\n" + out);
        }
        return out;
    }
}
