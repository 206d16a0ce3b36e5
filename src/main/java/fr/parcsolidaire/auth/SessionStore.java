package fr.parcsolidaire.auth;

import fr.parcsolidaire.db.Rows;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Browser sessions and API tokens, kept in PostgreSQL (several instances can share them).
 * The raw token only ever lives in the cookie or the script; the table holds its SHA-256.
 */
public final class SessionStore {

    public enum Kind { WEB, API }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DbClient db;
    private final Duration webLifetime;
    private final Duration webIdle;
    private final Duration apiLifetime;

    public SessionStore(DbClient db, Duration webLifetime, Duration webIdle, Duration apiLifetime) {
        this.db = db;
        this.webLifetime = webLifetime;
        this.webIdle = webIdle;
        this.apiLifetime = apiLifetime;
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
        return Optional.of(new Principal(UserRepository.user(r), Rows.text(r, "csrf_token"), expected == Kind.API));
    }

    public void close(String token) {
        db.execute().createNamedDelete("session-delete").addParam("tokenHash", sha256(token)).execute();
    }

    static String randomToken() {
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
