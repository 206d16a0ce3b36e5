package fr.parcsolidaire.evidence;

import fr.parcsolidaire.inventory.Lifecycle;
import fr.parcsolidaire.inventory.MachineState;
import fr.parcsolidaire.platform.http.Formats;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.security.Principal;
import fr.parcsolidaire.platform.security.TokenSource;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.helidon.http.Status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The workbench script's tokens: prepared by a technician on one machine's page, typed on the live system of that
 * machine. A token speaks for the technician who prepared it, for a short while, and only for the routes the script
 * needs on that machine ({@link MachineScope}). The code is short enough to type (12 characters out of 32, 60 bits:
 * out of reach of guessing during its two hours) and only its SHA-256 is kept. Every use is journaled, refused
 * ones included.
 */
final class WorkbenchTokens implements TokenSource {

    /** Without 0/O and 1/I, which people mistype. */
    private static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final int LENGTH = 12;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_PATH = 300;

    private final Database database;
    private final Clock clock;
    private final Duration lifetime;

    WorkbenchTokens(Database database, Clock clock, Duration lifetime) {
        this.database = database;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** How long a token prepared now lasts, for people: "2 h", "90 min". */
    String lifetime() {
        long minutes = lifetime.toMinutes();
        return minutes % 60 == 0 ? minutes / 60 + " h" : minutes + " min";
    }

    /** A token just prepared: its code, shown once (XXXX-XXXX-XXXX), and its machine and expiry. */
    record Prepared(String code, String tag, OffsetDateTime expiresAt) {
    }

    /** A token in force on a machine, for its page. */
    record Active(long id, String createdBy, OffsetDateTime expiresAt, int uses) {
    }

    Prepared prepare(String tag, User actor) {
        String code = newCode();
        OffsetDateTime expires = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).plus(lifetime);
        return database.inTransaction(tx -> {
            DbRow machine = tx.createNamedGet("workbench-machine").addParam("tag", tag).execute()
                    .orElseThrow(() -> HttpProblem.notFound("Aucune machine ne porte le numéro « " + tag + " »."));
            if (!Lifecycle.inWorkshop(MachineState.valueOf(Rows.text(machine, "state")))) {
                throw HttpProblem.conflict("La machine " + tag + " n'est pas en atelier : le poste de travail ne lui "
                        + "enverrait plus rien.");
            }
            long machineId = Rows.longValue(machine, "id");
            tx.createNamedInsert("workbench-token-insert").addParam("tokenHash", hash(code)).addParam("machineId", machineId)
                    .addParam("createdBy", actor.id()).addParam("expiresAt", expires).execute();
            return new Prepared(display(code), tag, expires);
        });
    }

    /** Revokes a token of this machine; a token already revoked or expired stays as it is (409). */
    void revoke(String tag, long tokenId, User actor) {
        // In a transaction, like the use below: the machine page kept in memory forgets the token at this commit.
        long changed = database.inTransaction(tx -> tx.createNamedUpdate("workbench-token-revoke")
                .addParam("id", tokenId).addParam("tag", tag).addParam("revokedBy", actor.id()).execute());
        if (changed == 0) {
            throw HttpProblem.conflict("Ce jeton n'est plus en vigueur (déjà révoqué ou expiré).");
        }
    }

    List<Active> active(DbExecute db, long machineId) {
        return db.createNamedQuery("workbench-tokens-active").addParam("machineId", machineId)
                .execute().map(r -> new Active(Rows.longValue(r, "id"), Rows.text(r, "display_name"),
                        Rows.timestamp(r, "expires_at"), (int) Rows.longValue(r, "uses"))).toList();
    }

    @Override
    public Optional<Principal> find(String token, String method, String rawPath) {
        String code = normalise(token);
        if (code == null) {
            return Optional.empty();
        }
        Optional<DbRow> found = database.client().execute().createNamedGet("workbench-token-find")
                .addParam("tokenHash", hash(code)).execute();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        DbRow r = found.get();
        OffsetDateTime expires = Rows.timestamp(r, "expires_at");
        OffsetDateTime revoked = Rows.timestamp(r, "revoked_at");
        boolean inForce = revoked == null && expires.isAfter(OffsetDateTime.now(clock));
        // The page shows how often a token was used: in a transaction, so that its kept copy is forgotten at this commit.
        database.inTransaction(tx -> tx.createNamedInsert("workbench-token-use").addParam("tokenId", Rows.longValue(r, "token_id"))
                .addParam("method", method.length() > 10 ? method.substring(0, 10) : method)
                .addParam("path", rawPath.length() > MAX_PATH ? rawPath.substring(0, MAX_PATH) : rawPath)
                .addParam("accepted", inForce).execute());
        if (revoked != null) {
            throw refused("Ce jeton du poste de travail a été révoqué le " + Formats.dateTime(revoked)
                    + " : préparez-en un nouveau depuis la page de la machine.");
        }
        if (!inForce) {
            throw refused("Ce jeton du poste de travail a expiré le " + Formats.dateTime(expires)
                    + " : préparez-en un nouveau depuis la page de la machine (bouton « Préparer le poste de travail »).");
        }
        User user = User.fromRow(r);
        if (!user.active()) {
            return Optional.empty();
        }
        return Optional.of(new Principal(user, "", true, new MachineScope(Rows.text(r, "tag"))));
    }

    private static HttpProblem refused(String message) {
        return new HttpProblem(Status.UNAUTHORIZED_401, "unauthorized", message, Map.of());
    }

    /**
     * What the workbench script may do with a token, on its machine only: fetch the script and the machine, post
     * its hardware, its SMART reports and its nwipe logs.
     */
    record MachineScope(String tag) implements Principal.Scope {

        @Override
        public boolean allows(String method, String rawPath) {
            String machine = "/api/v1/machines/" + tag;
            if (method.equals("GET")) {
                return rawPath.equals("/workbench.sh") || rawPath.equalsIgnoreCase(machine);
            }
            return method.equals("POST") && (rawPath.equalsIgnoreCase(machine + "/hardware")
                    || rawPath.equalsIgnoreCase(machine + "/smart") || rawPath.equalsIgnoreCase(machine + "/erasure-logs"));
        }

        @Override
        public String refusal() {
            return "Ce jeton du poste de travail ne vaut que pour la machine " + tag
                    + " (envoi du matériel, des rapports SMART et des journaux nwipe).";
        }
    }

    /** The code as typed: case, spaces and dashes ignored; null when it cannot be a workbench code. */
    static String normalise(String typed) {
        if (typed == null || typed.length() > 3 * LENGTH) {
            return null;
        }
        StringBuilder b = new StringBuilder(LENGTH);
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == '-' || c == ' ') {
                continue;
            }
            if (ALPHABET.indexOf(c) < 0) {
                return null;
            }
            b.append(c);
        }
        return b.length() == LENGTH ? b.toString() : null;
    }

    static String display(String code) {
        return code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8);
    }

    private static String newCode() {
        StringBuilder b = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    private static byte[] hash(String code) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
