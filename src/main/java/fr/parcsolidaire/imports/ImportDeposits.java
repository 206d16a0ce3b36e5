package fr.parcsolidaire.imports;

import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.helidon.http.Status;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Files waiting between the steps of the import pages (V30 import_deposits): in PostgreSQL rather than in one
 * instance's memory, so that whichever instance serves the next step finds the file. A deposit is its author's
 * only; it lives {@code app.imports.deposit-lifetime}, then its content is removed, as it is once imported.
 */
final class ImportDeposits {

    enum Removal { IMPORTED, EXPIRED, ABANDONED }

    /** A file waiting for its import; {@code content} is null once removed. */
    record Deposit(UUID id, String fileName, String sha256, int bytes, byte[] content, long createdBy,
                   OffsetDateTime createdAt, OffsetDateTime expiresAt, Removal removed, Long importId) {
    }

    private final Database database;
    private final Clock clock;
    private final Duration lifetime;

    ImportDeposits(Database database, Clock clock, Duration lifetime) {
        this.database = database;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    Duration lifetime() {
        return lifetime;
    }

    /** Keeps a file that was read without refusal; expired deposits of anyone are removed on the way. */
    UUID deposit(String fileName, byte[] content, User author) {
        expireOld();
        UUID id = UUID.randomUUID();
        OffsetDateTime now = now();
        database.client().execute().createNamedInsert("deposit-insert")
                .addParam("id", id.toString()).addParam("fileName", FileNames.clean(fileName))
                .addParam("sha256", MachineImportService.sha256(content)).addParam("bytes", content.length)
                .addParam("content", content).addParam("createdBy", author.id())
                .addParam("createdAt", now).addParam("expiresAt", now.plus(lifetime)).execute();
        return id;
    }

    /**
     * The author's deposit with its content. Someone else's is "not found", like an unknown one: a deposit's id
     * tells nothing to anyone but its author. An expired one is removed now and refused in French (410).
     */
    Deposit open(String id, User who) {
        Deposit d = find(id).filter(x -> x.createdBy() == who.id()).orElseThrow(ImportDeposits::notFound);
        if (d.removed() == null && !d.expiresAt().isAfter(now())) {
            remove(database.client().execute(), d.id(), who, Removal.EXPIRED, null);
            throw expired(lifetime);
        }
        if (d.removed() == Removal.EXPIRED) {
            throw expired(lifetime);
        }
        if (d.removed() == Removal.ABANDONED) {
            throw new HttpProblem(Status.GONE_410, "gone", "Vous avez abandonné cet import : envoyez le fichier à nouveau "
                    + "pour recommencer.", Map.of());
        }
        return d;
    }

    /**
     * Inside the import's transaction, before any check: holds the deposit until the commit. Finding it gone means
     * another request took it first (a second click on « Importer », another tab): that one won, this one is told (409).
     */
    void lock(DbExecute tx, UUID id, User who) {
        if (tx.createNamedGet("deposit-lock").addParam("id", id.toString()).addParam("userId", who.id()).execute().isEmpty()) {
            throw HttpProblem.conflict("Ce fichier vient d'être importé ou retiré par une autre demande : "
                    + "rien n'a été importé une seconde fois.");
        }
    }

    /** Inside the import's transaction, once it is written: the content goes, the import is recorded. */
    void consume(DbExecute tx, UUID id, User who, long importId) {
        remove(tx, id, who, Removal.IMPORTED, importId);
    }

    void abandon(UUID id, User who) {
        remove(database.client().execute(), id, who, Removal.ABANDONED, null);
    }

    /** Removes every deposit past its hour; returns how many. */
    long expireOld() {
        return database.client().execute().createNamedUpdate("deposits-expire").addParam("now", now()).execute();
    }

    private long remove(DbExecute exec, UUID id, User who, Removal reason, Long importId) {
        return exec.createNamedUpdate("deposit-remove").addParam("id", id.toString()).addParam("userId", who.id())
                .addParam("now", now()).addParam("reason", reason.name()).addParam("importId", importId).execute();
    }

    private Optional<Deposit> find(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return database.client().execute().createNamedGet("deposit-get").addParam("id", uuid.toString()).execute()
                .map(ImportDeposits::deposit);
    }

    private static Deposit deposit(DbRow r) {
        String removed = Rows.text(r, "removed_reason");
        return new Deposit(UUID.fromString(Rows.text(r, "id")), Rows.text(r, "file_name"), Rows.text(r, "sha256"),
                Rows.intOrNull(r, "bytes"), (byte[]) Rows.raw(r, "content"), Rows.longValue(r, "created_by"),
                Rows.timestamp(r, "created_at"), Rows.timestamp(r, "expires_at"),
                removed == null ? null : Removal.valueOf(removed), Rows.longOrNull(r, "import_id"));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static HttpProblem notFound() {
        return HttpProblem.notFound("Ce fichier envoyé n'existe pas, ou il a été envoyé par une autre personne : "
                + "envoyez votre fichier depuis la page d'import.");
    }

    private static HttpProblem expired(Duration lifetime) {
        return new HttpProblem(Status.GONE_410, "gone", "Le fichier envoyé a été effacé au bout " + describe(lifetime)
                + " sans import : envoyez-le à nouveau pour reprendre.", Map.of());
    }

    /** "d'une heure", "de 2 heures", "de 30 minutes": how long a deposit waits, as the refusal says it. */
    static String describe(Duration lifetime) {
        long minutes = Math.max(1, lifetime.toMinutes());
        if (minutes % 60 == 0) {
            return minutes == 60 ? "d'une heure" : "de " + minutes / 60 + " heures";
        }
        return minutes == 1 ? "d'une minute" : "de " + minutes + " minutes";
    }
}
