package fr.parcsolidaire.platform.http;

import io.helidon.http.Status;

import java.util.Map;

/** A refusal that will lift by itself: answered with a Retry-After header (in seconds). */
public final class RetryLater extends HttpProblem {

    private final long seconds;

    public RetryLater(Status status, String code, String message, long seconds) {
        super(status, code, message, Map.of());
        this.seconds = seconds;
    }

    public long seconds() {
        return seconds;
    }
}
