package fr.parcsolidaire.loans;

import fr.parcsolidaire.DriverMessages;
import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.bench.Bench;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;

import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Loans with their contract through POST /api/v1/assignments on the test service (docs/performance.md, « Prêt avec son
 * contrat »), one after the other on one connection: first 20 traced in the driver's log (each round trip to
 * PostgreSQL, from the Sync that ends what the driver sends to the ReadyForQuery that ends the answer, and the Java
 * time between two), then 200 timed without the trace, with the process's CPU time per loan. Without a quiet machine,
 * the round trips and the CPU time are the figures to compare.
 */
public final class LoanBench {

    private static final int TRACED = 20;
    private static final int TIMED = 200;

    private LoanBench() {
    }

    public static void run() {
        Http social = Http.api(Role.SOCIAL_WORKER);
        long person = LoanFixtures.beneficiary("Banc", "Essai");
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 1 + TRACED + TIMED; i++) {
            tags.add(Fixtures.readyMachine());
        }
        loan(social, tags.getFirst(), person);

        List<long[]> marks = Collections.synchronizedList(new ArrayList<>());
        List<List<Long>> waits = new ArrayList<>();
        List<List<Long>> java = new ArrayList<>();
        for (String tag : tags.subList(1, 1 + TRACED)) {
            marks.clear();
            long start = System.nanoTime();
            DriverMessages.watch(() -> loan(social, tag, person), r -> {
                if (r.getMessage().contains("FE=> Sync")) {
                    marks.add(new long[] {0, System.nanoTime()});
                } else if (r.getMessage().contains("<=BE ReadyForQuery")) {
                    marks.add(new long[] {1, System.nanoTime()});
                }
            });
            long end = System.nanoTime();
            List<Long> w = new ArrayList<>();
            List<Long> j = new ArrayList<>();
            long answered = start;
            long sent = -1;
            for (long[] m : new ArrayList<>(marks)) {
                if (m[0] == 0 && sent < 0) {
                    sent = m[1];
                } else if (m[0] == 1 && sent >= 0) {
                    j.add(sent - answered);
                    w.add(m[1] - sent);
                    answered = m[1];
                    sent = -1;
                }
            }
            j.add(end - answered);
            waits.add(w);
            java.add(j);
        }
        System.out.println("loan with its contract, traced (" + TRACED + " loans; the trace itself slows the Java side):");
        int steps = waits.stream().mapToInt(List::size).min().orElse(0);
        System.out.println("  round trips per loan: " + steps);
        for (int i = 0; i <= steps; i++) {
            System.out.printf("  Java before %s: %s%n", i < steps ? "round trip " + (i + 1) : "the response",
                    Bench.summary(column(java, i)));
            if (i < steps) {
                System.out.printf("  round trip %d: %s%n", i + 1, Bench.summary(column(waits, i)));
            }
        }

        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] nanos = new long[TIMED];
        long cpu = os.getProcessCpuTime();
        for (int i = 0; i < TIMED; i++) {
            long start = System.nanoTime();
            loan(social, tags.get(1 + TRACED + i), person);
            nanos[i] = System.nanoTime() - start;
        }
        cpu = os.getProcessCpuTime() - cpu;
        System.out.printf("loan with its contract (POST /api/v1/assignments): %s  CPU of the process (service and client) "
                + "per loan=%.2f ms  load=%.1f%n", Bench.summary(nanos), cpu / 1e6 / TIMED, os.getSystemLoadAverage());
    }

    private static long[] column(List<List<Long>> rows, int i) {
        return rows.stream().filter(r -> r.size() > i).mapToLong(r -> r.get(i)).toArray();
    }

    private static void loan(Http social, String tag, long person) {
        Fixtures.expect(201, social.postJson("/api/v1/assignments", Json.createObjectBuilder().add("machineTag", tag)
                .add("beneficiaryId", person).add("kind", "LOAN").add("dueOn", LocalDate.now().plusMonths(3).toString())
                .add("accessories", Json.createArrayBuilder().add("Chargeur")).build()));
    }
}
