package fr.parcsolidaire.messaging;

import java.time.Duration;

/** How long to wait before attempt n + 1 after n failed ones: doubling from the first delay, capped. */
record Backoff(Duration initial, Duration max) {

    Duration after(int failedAttempts) {
        if (failedAttempts <= 1) {
            return initial;
        }
        // 2^(n-1) overflows long past 62 doublings; any cap is reached long before.
        int doublings = Math.min(failedAttempts - 1, 40);
        Duration d = initial.multipliedBy(1L << doublings);
        return d.compareTo(max) > 0 ? max : d;
    }
}
