package fr.parcsolidaire.bench;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.TestApp;

/** Intake of a donation of 10 laptops over the real API (tag allocation, inserts, events). */
final class IntakeBench {

    private IntakeBench() {
    }

    static void run() {
        TestApp.get();
        for (int i = 0; i < 20; i++) {
            Fixtures.intake(10);
        }
        long[] nanos = new long[100];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            Fixtures.intake(10);
            nanos[i] = System.nanoTime() - start;
        }
        System.out.println("intake (10 machines, POST /api/v1/donations): " + Bench.summary(nanos));
    }
}
