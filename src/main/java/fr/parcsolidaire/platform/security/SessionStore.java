package fr.parcsolidaire.platform.security;

import fr.parcsolidaire.platform.settings.Settings;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sessions and API tokens, kept in PostgreSQL (several instances can share them).
 * The raw token only ever lives in the cookie or the script; the table holds its SHA-256.
 */
public final class SessionStore {

    public enum Kind { WEB, API }

    /** The statements of the sessions. */
    public static final String STATEMENTS = "statements/security.sql";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_CACHED = 10_000;

    private final DbClient db;
    private final Duration webLifetime;
    private final Duration webIdle;
    private final Duration apiLifetime;
    private final long cacheNanos;
    /**
     * Who a token belongs to, remembered for a second or two: every request authenticates, and this saves the
     * round trip that would otherwise double the cost of a scan lookup. Logout, deactivation, role change and
     * password reset forget at once on this instance; on other instances the short lifetime bounds the delay.
     */
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Principal principal, Kind kind, long until) {
    }

    /** From the {@code app.session} settings. */
    public static SessionStore from(DbClient db, Settings session) {
        return new SessionStore(db, session.duration("web-lifetime"), session.duration("web-idle"),
                session.duration("api-lifetime"), session.duration("cache-ttl"));
    }

    public SessionStore(DbClient db, Duration webLifetime, Duration webIdle, Duration apiLifetime, Duration cacheTtl) {
        this.db = db;
        this.webLifetime = webLifetime;
        this.webIdle = webIdle;
        this.apiLifetime = apiLifetime;
        this.cacheNanos = cacheTtl.toNanos();
    }

    public Duration webLifetime() {
        return webLifetime;
    }

    /** Opens a session and returns the raw token to hand to the client. */
    public String open(long userId, Kind kind) {
        String token = randomToken();
        Duration lifetime = kind == Kind.WEB ? webLifetime : apiLifetime;
        db.execute().createNamedInsert("session-insert")
                .addParam("tokenHash", sha256(token))
                .addParam("userId", userId)
                .addParam("kind", kind.name())
                .addParam("csrfToken", randomToken())
                .addParam("lifetimeSeconds", (double) lifetime.toSeconds())
                .execute();
        return token;
    }

    public Optional<Principal> find(String token, Kind expected) {
        byte[] hash = sha256(token);
        String key = HexFormat.of().formatHex(hash);
        Cached cached = cacheNanos > 0 ? cache.get(key) : null;
        if (cached != null && cached.kind() == expected && System.nanoTime() - cached.until() < 0) {
            return Optional.of(cached.principal());
        }
        Duration idle = expected == Kind.WEB ? webIdle : apiLifetime;
        Optional<DbRow> row = db.execute().createNamedGet("session-principal")
                .addParam(hash)
                .addParam((double) idle.toSeconds())
                .execute();
        if (row.isEmpty() || !expected.name().equals(Rows.text(row.get(), "kind"))) {
            return Optional.empty();
        }
        DbRow r = row.get();
        if (Rows.bool(r, "stale")) {
            // Refreshing at most once a minute keeps idle expiry without a write on every request.
            db.execute().createNamedUpdate("session-touch").addParam("tokenHash", hash).execute();
        }
        Principal principal = new Principal(User.fromRow(r), Rows.text(r, "csrf_token"), expected == Kind.API);
        if (cacheNanos > 0) {
            if (cache.size() > MAX_CACHED) {
                cache.clear();
            }
            cache.put(key, new Cached(principal, expected, System.nanoTime() + cacheNanos));
        }
        return Optional.of(principal);
    }

    /** Drops what this instance remembers of a user's sessions (their rows were just revoked or their role changed). */
    public void forgetUser(long userId) {
        cache.values().removeIf(c -> c.principal().user().id() == userId);
    }

    public void close(String token) {
        cache.remove(HexFormat.of().formatHex(sha256(token)));
        db.execute().createNamedDelete("session-delete").addParam("tokenHash", sha256(token)).execute();
    }

    public static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
