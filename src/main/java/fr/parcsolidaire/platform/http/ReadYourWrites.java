package fr.parcsolidaire.platform.http;

import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Freshness;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.SetCookie;
import io.helidon.http.Status;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.time.Duration;
import java.util.Optional;

/**
 * Someone who writes through one instance and reads through another sees what they wrote (docs/operations.md,
 * « Plusieurs instances »). Each write that changed what an instance keeps in memory answers with the time it was made,
 * as a cookie for browsers and a header for API clients (who send it back as the same header); a read that carries a
 * time younger than {@code window} first waits until this instance has applied every change committed before the read
 * arrived ({@link Freshness}). Other writes (a login, a refused form, a session, a message) carry no mark: their
 * author's next reads need not wait.
 */
public final class ReadYourWrites {

    public static final String COOKIE = "ps_written";
    public static final HeaderName HEADER = HeaderNames.create("Parc-Written-At");

    private final Freshness freshness;
    private final Duration window;

    /** @param window how long after a write its author's reads wait for the notices; zero turns the filter off */
    public ReadYourWrites(Freshness freshness, Duration window) {
        this.freshness = freshness;
        this.window = window;
    }

    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (window.isZero()) {
            chain.proceed();
            return;
        }
        long arrived = System.nanoTime();
        Method method = req.prologue().method();
        if (method == Method.GET || method == Method.HEAD) {
            // Style sheets and scripts come from the jar, never from the database: nothing to wait for.
            if (!req.path().path().startsWith("/static/") && wroteRecently(req) && !freshness.awaitCommittedBefore(arrived)) {
                // Better a moment's wait than showing its author the state from before their own change.
                throw new RetryLater(Status.SERVICE_UNAVAILABLE_503, "catching_up",
                        "Le service rattrape les dernières modifications : réessayez dans un instant.", 1);
            }
            chain.proceed();
        } else {
            // Marked at the commit itself, which comes before the answer is sent: services answer once their work is done.
            Database.watchingChanges(() -> mark(res), chain::proceed);
        }
    }

    private void mark(RoutingResponse res) {
        if (res.isSent()) {
            return;
        }
        String now = Long.toString(System.currentTimeMillis());
        res.header(HEADER, now);
        res.headers().addCookie(SetCookie.builder(COOKIE, now).path("/").httpOnly(true)
                .sameSite(SetCookie.SameSite.LAX).maxAge(window).build());
    }

    private boolean wroteRecently(RoutingRequest req) {
        Optional<String> at = req.headers().first(HEADER);
        if (at.isEmpty()) {
            at = req.headers().cookies().first(COOKIE).asOptional();
        }
        if (at.isEmpty()) {
            return false;
        }
        try {
            long age = System.currentTimeMillis() - Long.parseLong(at.get().strip());
            // A little slack for clocks of two hosts that disagree by a few milliseconds.
            return age < window.toMillis() && age > -1_000;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
