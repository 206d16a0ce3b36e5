package fr.parcsolidaire;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something another thread or process makes true, checking it every few milliseconds until a deadline. */
public final class Poll {

    private Poll() {
    }

    public static void until(Duration within, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + within.toSeconds() + " s for: " + what);
            }
            Thread.sleep(10);
        }
    }
}
