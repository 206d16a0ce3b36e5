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
        return new LoadResult(number(out, "Requests/sec:\\s+([0-9.]+)"), percentile(out, "50%"), percentile(out, "99%"),
                non2xx + socketErrors(out), "wrk -c " + connections);
    }

    /**
     * What {@link #wrkPostOnce} saw: {@code load.perSecond()} counts the acknowledged (2xx) answers over the time from the
     * first request to the last answer, {@code sent} the requests written (each path once), {@code answered} the answers
     * read, {@code exhausted} whether a thread ran out of paths before the end of its sending time.
     */
    record Posts(LoadResult load, long sent, long answered, long acknowledged, boolean exhausted) {
    }

    /**
     * POSTs {@code json} to each path of the list at most once, with a bearer token, through wrk: the write path measured
     * by a load generator in C, so that the client does not take the service's processor (a second JVM did).
     * Thread k of wrk's two takes paths k, k + 2, k + 4…; each thread sends for {@code seconds} or until its share runs
     * out, then only waits for its answers ({@value #DRAIN_SECONDS} s at most): every request sent is normally answered
     * before wrk stops, so that events can be counted against acknowledgements exactly. The latency percentiles are
     * wrk's distribution.
     */
    static Posts wrkPostOnce(String baseUrl, String token, List<String> paths, String json, int connections, int seconds)
            throws IOException, InterruptedException {
        Path list = Files.createTempFile("wrk-once", ".txt");
        Files.write(list, paths);
        String lua = POST_ONCE.replace("@PATHS@", list.toString()).replace("@TOKEN@", token)
                .replace("@THREADS@", "2").replace("@SECONDS@", Integer.toString(seconds)).replace("@BODY@", json);
        Path script = Files.createTempFile("wrk-once", ".lua");
        Files.writeString(script, lua);
        String out = run(List.of("wrk", "-t", "2", "-c", Integer.toString(connections), "-d", (seconds + DRAIN_SECONDS) + "s",
                "--timeout", "10s", "--latency", "-s", script.toString(), baseUrl));
        Matcher m = Pattern.compile("parc: sent=(\\d+) answered=(\\d+) acknowledged=(\\d+) seconds=([0-9.]+) exhausted=(\\d+)")
                .matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("wrk n'a pas donné son bilan :\n" + out);
        }
        long acknowledged = Long.parseLong(m.group(3));
        double window = Double.parseDouble(m.group(4));
        LoadResult load = new LoadResult(window > 0 ? acknowledged / window : 0, percentile(out, "50%"), percentile(out, "99%"),
                socketErrors(out) + (long) orZero(number(out, "Non-2xx or 3xx responses: (\\d+)")), "wrk -c " + connections);
        return new Posts(load, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), acknowledged, !m.group(5).equals("0"));
    }

    private static final int DRAIN_SECONDS = 3;

    /**
     * wrk calls {@code request()} once on its first thread's state to check the request before any connection is open
     * (and never sends that one): the first call of thread 0 answers a request that spends no path. A thread with
     * nothing more to send answers an empty request, which writes nothing and leaves its connection waiting.
     */
    private static final String POST_ONCE = """
            local ffi = require("ffi")
            ffi.cdef[[
            struct parc_timespec { long tv_sec; long tv_nsec; };
            int clock_gettime(int clock, struct parc_timespec *now);
            ]]
            local clock = ffi.new("struct parc_timespec")
            local function now()
              ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC: the same clock in every thread
              return tonumber(clock.tv_sec) + tonumber(clock.tv_nsec) * 1e-9
            end

            wrk.method = "POST"
            wrk.body = [==[@BODY@]==]
            wrk.headers["Content-Type"] = "application/json"
            wrk.headers["Authorization"] = "Bearer @TOKEN@"

            local threads = {}
            function setup(thread)
              thread:set("index", #threads)
              table.insert(threads, thread)
            end

            function init(args)
              paths = {}
              local line = 0
              for path in io.lines("@PATHS@") do
                if line % @THREADS@ == index then paths[#paths + 1] = path end
                line = line + 1
              end
              nextPath, sent, answered, acknowledged, exhausted = 1, 0, 0, 0, 0
              stopAt = now() + @SECONDS@
              checking = index == 0
            end

            function request()
              if checking then
                checking = false
                return wrk.format(nil, "/never-sent")
              end
              local path = paths[nextPath]
              if path == nil then
                exhausted = 1
                return ""
              end
              if now() >= stopAt then
                return ""
              end
              nextPath = nextPath + 1
              sent = sent + 1
              if first == nil then first = now() end
              return wrk.format(nil, path)
            end

            function response(status, headers, body)
              answered = answered + 1
              if status >= 200 and status < 300 then acknowledged = acknowledged + 1 end
              last = now()
            end

            function done(summary, latency, requests)
              local s, a, k, x, from, to = 0, 0, 0, 0, math.huge, 0
              for _, t in ipairs(threads) do
                s = s + t:get("sent")
                a = a + t:get("answered")
                k = k + t:get("acknowledged")
                x = x + t:get("exhausted")
                local f, l = t:get("first"), t:get("last")
                if f ~= nil and f < from then from = f end
                if l ~= nil and l > to then to = l end
              end
              io.write(string.format("parc: sent=%d answered=%d acknowledged=%d seconds=%.6f exhausted=%d\\n",
                s, a, k, math.max(0, to - from), x))
            end
            """;

    private static long socketErrors(String out) {
        long socket = 0;
        Matcher m = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(out);
        if (m.find()) {
            for (int i = 1; i <= 4; i++) {
                socket += Long.parseLong(m.group(i));
            }
        }
        return socket;
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
