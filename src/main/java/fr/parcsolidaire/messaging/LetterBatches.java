package fr.parcsolidaire.messaging;

import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import fr.parcsolidaire.platform.http.HttpProblem;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Letters for people who have neither e-mail nor mobile. The social worker takes the letters waiting at a site
 * into a batch, prints its PDF (as often as the printer needs), posts them, and confirms: the letters become SENT.
 * A batch not posted is released, and its letters wait for the next one. Letters never go through the worker.
 */
final class LetterBatches {

    /** A batch as a page shows it. */
    record Batch(long id, long siteId, String siteName, OffsetDateTime createdAt, String createdBy,
                 OffsetDateTime confirmedAt, OffsetDateTime releasedAt) {
    }

    /** Letters waiting at a site for the next batch. */
    record SiteLetters(long siteId, String siteName, long waiting) {
    }

    /** A batch printed, not yet confirmed as posted nor released. */
    record OpenBatch(long id, String siteName, OffsetDateTime createdAt, String createdBy, long letters) {
    }

    /** One letter of a batch as its page lists it. */
    record Line(long messageId, long beneficiaryId, String name, String subject, MessageState state) {
    }

    private final Database database;
    private final MessagingSettings.Structure structure;
    private final Clock clock;

    LetterBatches(Database database, MessagingSettings.Structure structure, Clock clock) {
        this.database = database;
        this.structure = structure;
        this.clock = clock;
    }

    /** How many letters wait at the site, in no batch yet. */
    long waiting(long siteId, User reader) {
        requireSite(siteId, reader);
        return database.client().execute().createNamedGet("letters-waiting").addParam("siteId", siteId).execute()
                .map(r -> Rows.longValue(r, "waiting")).orElse(0L);
    }

    List<SiteLetters> waitingBySite(User reader) {
        return database.client().execute().createNamedQuery("letters-waiting-by-site").addParam("siteId", reader.siteScope())
                .execute().map(r -> new SiteLetters(Rows.longValue(r, "site_id"), Rows.text(r, "site_name"),
                        Rows.longValue(r, "waiting"))).toList();
    }

    List<OpenBatch> open(User reader) {
        return database.client().execute().createNamedQuery("letter-batches-open").addParam("siteId", reader.siteScope())
                .execute().map(r -> new OpenBatch(Rows.longValue(r, "id"), Rows.text(r, "site_name"),
                        Rows.timestamp(r, "created_at"), Rows.text(r, "created_by_name"), Rows.longValue(r, "letters")))
                .toList();
    }

    /** The letters of a batch of the reader's site, with what became of each. */
    List<Line> lines(long batchId, User reader) {
        get(batchId, reader);
        return database.client().execute().createNamedQuery("letter-batch-lines").addParam("batchId", batchId).execute()
                .map(r -> new Line(Rows.longValue(r, "id"), Rows.longValue(r, "beneficiary_id"),
                        Rows.text(r, "first_name") + " " + Rows.text(r, "last_name"), Rows.text(r, "subject"),
                        MessageState.valueOf(Rows.text(r, "state"))))
                .toList();
    }

    /** Takes every letter waiting at the site into a new batch; 409 when none waits. */
    long prepare(long siteId, User actor) {
        requireSite(siteId, actor);
        if (database.client().execute().createNamedGet("messaging-site-exists").addParam("id", siteId).execute().isEmpty()) {
            throw notFound();
        }
        return database.inTransaction(tx -> {
            Outbox.actAs(tx, actor);
            long batchId = tx.createNamedGet("letter-batch-insert").addParam("siteId", siteId).addParam("actorId", actor.id())
                    .execute().map(r -> Rows.longValue(r, "id")).orElseThrow();
            long taken = tx.createNamedUpdate("letter-batch-take").addParam("batchId", batchId).addParam("siteId", siteId)
                    .execute();
            if (taken == 0) {
                // Thrown, so that the empty batch is rolled back with the rest.
                throw HttpProblem.conflict("Aucun courrier n'attend d'être imprimé pour ce site.");
            }
            return batchId;
        });
    }

    Batch get(long batchId, User reader) {
        return database.client().execute().createNamedGet("letter-batch-by-id").addParam("id", batchId)
                .addParam("siteId", reader.siteScope()).execute()
                .map(r -> new Batch(Rows.longValue(r, "id"), Rows.longValue(r, "site_id"), Rows.text(r, "site_name"),
                        Rows.timestamp(r, "created_at"), Rows.text(r, "created_by_name"), Rows.timestamp(r, "confirmed_at"),
                        Rows.timestamp(r, "released_at")))
                .orElseThrow(LetterBatches::notFound);
    }

    /** The batch's letters as one PDF, one per page; the same letters each time it is printed. */
    byte[] pdf(long batchId, User reader) {
        DbRow batch = database.client().execute().createNamedGet("letter-batch-by-id").addParam("id", batchId)
                .addParam("siteId", reader.siteScope()).execute().orElseThrow(LetterBatches::notFound);
        List<LetterPdf.Letter> letters = database.client().execute().createNamedQuery("letter-batch-letters")
                .addParam("batchId", batchId).execute()
                .map(r -> new LetterPdf.Letter(Rows.longValue(r, "id"), Rows.text(r, "recipient"), Rows.text(r, "subject"),
                        Rows.text(r, "body")))
                .toList();
        if (letters.isEmpty()) {
            throw HttpProblem.conflict("Ce lot ne contient plus aucun courrier à imprimer.");
        }
        String address = Optional.ofNullable(Rows.text(batch, "site_address")).orElse(structure.address());
        return LetterPdf.render(batchId, new LetterPdf.Letterhead(structure.name(), Rows.text(batch, "site_name"), address,
                structure.city()), LocalDate.now(clock), letters);
    }

    /** The letters were posted: each still pending becomes SENT. Returns how many. */
    long confirm(long batchId, User actor) {
        return database.inTransaction(tx -> {
            lockOpen(tx, batchId, actor);
            Outbox.actAs(tx, actor);
            long sent = tx.createNamedUpdate("letter-batch-confirm-letters").addParam("batchId", batchId).execute();
            tx.createNamedUpdate("letter-batch-confirm").addParam("id", batchId).addParam("actorId", actor.id()).execute();
            return sent;
        });
    }

    /** The batch will not be posted: its letters wait for the next batch. Returns how many. */
    long release(long batchId, User actor) {
        return database.inTransaction(tx -> {
            lockOpen(tx, batchId, actor);
            Outbox.actAs(tx, actor);
            long released = tx.createNamedUpdate("letter-batch-release-letters").addParam("batchId", batchId).execute();
            tx.createNamedUpdate("letter-batch-release").addParam("id", batchId).addParam("actorId", actor.id()).execute();
            return released;
        });
    }

    private static void lockOpen(DbExecute tx, long batchId, User actor) {
        DbRow row = tx.createNamedGet("letter-batch-lock").addParam("id", batchId).addParam("siteId", actor.siteScope())
                .execute().orElseThrow(LetterBatches::notFound);
        if (Rows.timestamp(row, "confirmed_at") != null) {
            throw HttpProblem.conflict("Ce lot est déjà confirmé comme posté.");
        }
        if (Rows.timestamp(row, "released_at") != null) {
            throw HttpProblem.conflict("Ce lot a été annulé : ses courriers attendent le prochain lot.");
        }
    }

    private static void requireSite(long siteId, User user) {
        if (user.siteScope() != null && user.siteScope() != siteId) {
            throw notFound();
        }
    }

    private static HttpProblem notFound() {
        return HttpProblem.notFound("Lot de courriers introuvable.");
    }
}
