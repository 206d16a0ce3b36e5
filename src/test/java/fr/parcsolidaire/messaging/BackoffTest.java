package fr.parcsolidaire.messaging;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMinutes(1), Duration.ofHours(6));

    @Test
    void delaysDoubleFromOneMinuteUpToSixHours() {
        assertEquals(Duration.ofMinutes(1), backoff.after(1));
        assertEquals(Duration.ofMinutes(2), backoff.after(2));
        assertEquals(Duration.ofMinutes(4), backoff.after(3));
        assertEquals(Duration.ofMinutes(256), backoff.after(9));
        assertEquals(Duration.ofHours(6), backoff.after(10), "512 min is capped");
        assertEquals(Duration.ofHours(6), backoff.after(1000), "no overflow however many attempts");
    }

    @Test
    void twelveAttemptsSpanAboutTwentyHoursBeforeGivingUp() {
        Duration total = Duration.ZERO;
        for (int attempt = 1; attempt < 12; attempt++) {
            total = total.plus(backoff.after(attempt));
        }
        // 1 + 2 + ... + 256 minutes, then 6 h twice: what docs/messaging.md announces.
        assertEquals(Duration.ofMinutes(511).plusHours(12), total);
    }
}
