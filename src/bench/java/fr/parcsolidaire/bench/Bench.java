package fr.parcsolidaire.bench;

import fr.parcsolidaire.acceptance.ClusterBench;
import fr.parcsolidaire.acceptance.ReliabilityBench;
import fr.parcsolidaire.labels.LabelsBench;
import fr.parcsolidaire.loans.ContractBench;
import fr.parcsolidaire.loans.LoanBench;
import fr.parcsolidaire.platform.http.ParsersBench;
import fr.parcsolidaire.reports.DashboardBench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of {@code ./parc bench [name...]}: runs the named benchmarks (all by default)
 * and prints their figures. Benchmarks measure; they never pass or fail. Also the entry point of
 * {@code ./parc seed [--machines N] [--database nom]} ({@link Seeder}), of {@code ./parc load} and {@code crash}, and of
 * {@code ./parc cluster} (the entry "topology", {@link ClusterBench#serve}).
 */
public final class Bench {

    /** Name → benchmark. Each prints its own table. */
    static final Map<String, Runnable> BENCHES = new LinkedHashMap<>();

    static {
        BENCHES.put("intake", IntakeBench::run);
        BENCHES.put("perf", PerfBench::run);
        BENCHES.put("writes", PerfBench::runWrites);
        BENCHES.put("contracts", ContractBench::run);
        BENCHES.put("loans", LoanBench::run);
        BENCHES.put("load", ReliabilityBench::load);
        BENCHES.put("crash", ReliabilityBench::crash);
        BENCHES.put("cluster", ClusterBench::bench);
        BENCHES.put("dashboard", DashboardBench::run);
        BENCHES.put("labels", LabelsBench::run);
        BENCHES.put("parsers", ParsersBench::run);
        BENCHES.put("imports", ImportsBench::run);
    }

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        // Maven hands the names over as one argument: "labels contracts".
        List<String> asked = Arrays.stream(String.join(" ", args).split("\\s+")).filter(s -> !s.isBlank()).toList();
        if (!asked.isEmpty() && asked.getFirst().equals("seed")) {
            Seeder.main(asked.subList(1, asked.size()).toArray(String[]::new));
            return;
        }
        if (!asked.isEmpty() && asked.getFirst().equals("topology")) {
            ClusterBench.serve(asked.subList(1, asked.size()));
            return;
        }
        List<String> names = asked.isEmpty() || asked.contains("all") ? List.copyOf(BENCHES.keySet()) : asked;
        for (String name : names) {
            Runnable bench = BENCHES.get(name);
            if (bench == null) {
                System.err.println("Benchmark inconnu : " + name + " (connus : " + BENCHES.keySet() + ")");
                System.exit(2);
            }
            try {
                bench.run();
            } catch (RuntimeException e) {
                // exec:java would otherwise wait forever for the test server's threads.
                e.printStackTrace();
                System.exit(1);
            }
        }
        System.exit(0);
    }

    /** Median and 99th percentile of timings in nanoseconds, printed in milliseconds. */
    public static String summary(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2] / 1e6;
        double p99 = sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)] / 1e6;
        return String.format("n=%d  median=%.2f ms  p99=%.2f ms  min=%.2f ms", sorted.length, median, p99, sorted[0] / 1e6);
    }
}
