package fr.parcsolidaire.accounts;

import fr.parcsolidaire.platform.http.RetryLater;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.settings.Settings;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbClient;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Slows down password guessing: after too many failures for one username, or from one address,
 * within a window, every attempt is refused for a while, without checking the password. The counters
 * live in PostgreSQL so that several instances share them. Unknown usernames are counted exactly like
 * known ones, so the lockout says nothing about whether an account exists.
 */
final class LoginThrottle {

    private final DbClient db;
    private final int maxPerUser;
    private final int maxPerIp;
    private final Duration window;
    private final Duration lockout;
    private final boolean trustForwardedFor;

    public LoginThrottle(DbClient db, int maxPerUser, int maxPerIp, Duration window, Duration lockout, boolean trustForwardedFor) {
        this.db = db;
        this.maxPerUser = maxPerUser;
        this.maxPerIp = maxPerIp;
        this.window = window;
        this.lockout = lockout;
        this.trustForwardedFor = trustForwardedFor;
    }

    /** From the {@code app.login} settings. */
    static LoginThrottle from(DbClient db, Settings login) {
        return new LoginThrottle(db, login.integer("max-failures-per-user"), login.integer("max-failures-per-ip"),
                login.duration("window"), login.duration("lockout"), login.flag("trust-forwarded-for"));
    }

    /**
     * Runs one login attempt under the throttle: refused with a 429 while the address or the username is locked,
     * otherwise counted for both before the password is checked (so that parallel attempts cannot overtake the
     * count); a success gives the address its count back and clears the username's.
     */
    public Optional<User> attempt(ServerRequest req, String username, Supplier<Optional<User>> login) {
        String userKey = userKey(username);
        String ipKey = "ip:" + clientAddress(req);
        if (!reserve(ipKey, maxPerIp)) {
            throw tooManyAttempts();
        }
        if (!reserve(userKey, maxPerUser)) {
            release(ipKey, maxPerIp);
            throw tooManyAttempts();
        }
        Optional<User> user = login.get();
        if (user.isPresent()) {
            db.execute().createNamedDelete("login-throttle-reset").addParam("key", userKey).execute();
            release(ipKey, maxPerIp);
        } else if (ThreadLocalRandom.current().nextInt(100) == 0) {
            db.execute().createNamedDelete("login-throttle-purge")
                    .addParam("windowSeconds", (double) window.toSeconds()).execute();
        }
        return user;
    }

    /** Counts one attempt for the key; false when the key is locked or this attempt is past its limit. */
    private boolean reserve(String key, int maxFailures) {
        return db.execute().createNamedGet("login-throttle-reserve")
                .addParam("key", key)
                .addParam("maxFailures", maxFailures)
                .addParam("windowSeconds", (double) window.toSeconds())
                .addParam("lockoutSeconds", (double) lockout.toSeconds())
                .execute()
                .map(row -> Rows.bool(row, "allowed"))
                .orElse(false);
    }

    private void release(String key, int maxFailures) {
        db.execute().createNamedUpdate("login-throttle-release")
                .addParam("key", key).addParam("maxFailures", maxFailures).execute();
    }

    private RetryLater tooManyAttempts() {
        long minutes = Math.max(1, (lockout.toSeconds() + 59) / 60);
        return new RetryLater(Status.TOO_MANY_REQUESTS_429, "too_many_attempts",
                "Trop de tentatives de connexion échouées. Pour protéger les comptes, la connexion est suspendue : "
                        + "réessayez dans " + minutes + " minute" + (minutes > 1 ? "s" : "") + ".", lockout.toSeconds());
    }

    private static String userKey(String username) {
        String normalised = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
            return "user:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The caller's address. Behind a reverse proxy every request comes from the proxy, so when told to trust it
     * the address the proxy appended last to X-Forwarded-For is used (earlier entries are the client's own claims).
     */
    private String clientAddress(ServerRequest req) {
        if (trustForwardedFor) {
            Optional<String> forwarded = req.headers().first(HeaderNames.X_FORWARDED_FOR);
            if (forwarded.isPresent()) {
                String[] hops = forwarded.get().split(",");
                String last = hops[hops.length - 1].strip();
                if (!last.isEmpty() && last.length() <= 64) {
                    return last;
                }
            }
        }
        SocketAddress peer = req.remotePeer().address();
        if (peer instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return "unknown";
    }
}
