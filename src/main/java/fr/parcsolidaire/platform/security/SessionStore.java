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
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

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

    /**
     * The read under way for a token and kind: the connections of one client all carry the same token and its memory
     * expires for all of them at once, so the first caller reads and the others wait for its answer instead of each
     * taking a pool connection for the same row.
     */
    private final Map<String, CompletableFuture<Optional<Principal>>> reading = new ConcurrentHashMap<>();
    /** Counts forgets: a read that began before one must not be remembered, it may hold what was just revoked. */
    private final AtomicLong forgets = new AtomicLong();
    /** Reads of the sessions table, for the tests that check how many a burst of requests costs. */
    private final LongAdder reads = new LongAdder();

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
        if (cacheNanos <= 0) {
            return read(hash, expected);
        }
        String key = HexFormat.of().formatHex(hash);
        Cached cached = cache.get(key);
        if (cached != null && cached.kind() == expected && System.nanoTime() - cached.until() < 0) {
            return Optional.of(cached.principal());
        }
        String flight = key + expected.name();
        CompletableFuture<Optional<Principal>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<Principal>> running = reading.putIfAbsent(flight, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException | CancellationException e) {
                // The first caller's read failed: this caller tries on its own and meets its own error, if any.
                return read(hash, expected);
            }
        }
        try {
            long forgetsBefore = forgets.get();
            Optional<Principal> found = read(hash, expected);
            found.ifPresent(principal -> remember(key, new Cached(principal, expected, System.nanoTime() + cacheNanos),
                    forgetsBefore));
            mine.complete(found);
            return found;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            reading.remove(flight, mine);
        }
    }

    private Optional<Principal> read(byte[] hash, Kind expected) {
        Duration idle = expected == Kind.WEB ? webIdle : apiLifetime;
        reads.increment();
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
        return Optional.of(new Principal(User.fromRow(r), Rows.text(r, "csrf_token"), expected == Kind.API));
    }

    /**
     * Remembers unless a forget came since the read began. A forget counts before it clears, so an entry put after
     * that clear is seen here and taken back.
     */
    private void remember(String key, Cached entry, long forgetsBefore) {
        if (cache.size() > MAX_CACHED) {
            cache.clear();
        }
        cache.put(key, entry);
        if (forgets.get() != forgetsBefore) {
            cache.remove(key, entry);
        }
    }

    /** Drops what this instance remembers of a user's sessions (their rows were just revoked or their role changed). */
    public void forgetUser(long userId) {
        forgets.incrementAndGet();
        cache.values().removeIf(c -> c.principal().user().id() == userId);
        // Whose token a read under way belongs to is not known yet: later callers start a read of their own.
        reading.clear();
    }

    public void close(String token) {
        byte[] hash = sha256(token);
        // Deleted first, then forgotten: a read that saw the row before the delete is not remembered after it.
        db.execute().createNamedDelete("session-delete").addParam("tokenHash", hash).execute();
        String key = HexFormat.of().formatHex(hash);
        forgets.incrementAndGet();
        cache.remove(key);
        for (Kind kind : Kind.values()) {
            reading.remove(key + kind.name());
        }
    }

    long reads() {
        return reads.sum();
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
