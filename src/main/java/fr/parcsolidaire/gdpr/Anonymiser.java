package fr.parcsolidaire.gdpr;

import fr.parcsolidaire.web.Jsonp;
import fr.parcsolidaire.auth.User;
import fr.parcsolidaire.db.Database;
import fr.parcsolidaire.db.Rows;
import fr.parcsolidaire.web.HttpProblem;
import io.helidon.dbclient.DbTransaction;

import java.util.List;
import java.util.logging.Logger;

/**
 * Erases a beneficiary's identity while keeping the counts: names and contacts go, archived contracts and scans
 * are emptied (their SHA-256 stays), age bracket, situation and commune stay for the aggregated statistics.
 * Used by the right to erasure (now) and by the retention sweep (after the retention period).
 */
public final class Anonymiser {

    public enum Reason { REQUEST, RETENTION }

    public record Outcome(long beneficiaryId, long contractsPurged, long scansPurged) {
    }

    private static final Logger LOG = Logger.getLogger(Anonymiser.class.getName());

    private final Database database;

    public Anonymiser(Database database) {
        this.database = database;
    }

    /** Anonymises one beneficiary now; 404 if unknown, 409 if already anonymised. */
    public Outcome anonymise(long beneficiaryId, User who, Reason reason) {
        return database.inTransaction(tx -> {
            if (tx.createNamedGet("gdpr-beneficiary").addParam("id", beneficiaryId)
                    .addParam("siteId", who == null ? null : who.siteScope()).execute().isEmpty()) {
                throw HttpProblem.notFound("Bénéficiaire introuvable.");
            }
            Outcome outcome = anonymiseIn(tx, beneficiaryId, who, reason);
            if (outcome == null) {
                throw HttpProblem.conflict("Ce bénéficiaire est déjà anonymisé.");
            }
            return outcome;
        });
    }

    /**
     * The retention sweep: anonymises every beneficiary whose last contact is older than the retention period.
     * One instance at a time (advisory lock); returns how many were anonymised.
     */
    public int sweep(int retentionMonths) {
        return database.inTransaction(tx -> {
            boolean locked = tx.createNamedGet("gdpr-sweep-lock").execute().map(r -> Rows.bool(r, "locked")).orElse(false);
            if (!locked) {
                return 0;
            }
            List<Long> due = tx.createNamedQuery("gdpr-due-for-anonymisation").addParam("months", retentionMonths)
                    .execute().map(r -> Rows.longValue(r, "id")).toList();
            int done = 0;
            for (long id : due) {
                if (anonymiseIn(tx, id, null, Reason.RETENTION) != null) {
                    done++;
                }
            }
            if (done > 0) {
                LOG.info("Conservation des données : " + done + " bénéficiaire(s) anonymisé(s).");
            }
            return done;
        });
    }

    private static Outcome anonymiseIn(DbTransaction tx, long id, User who, Reason reason) {
        long changed = tx.createNamedUpdate("gdpr-anonymise").addParam("id", id).execute();
        if (changed == 0) {
            return null;
        }
        tx.createNamedGet("gdpr-allow-document-purge").execute();
        long contracts = tx.createNamedUpdate("gdpr-purge-contracts").addParam("id", id).execute();
        long scans = tx.createNamedUpdate("gdpr-purge-scans").addParam("id", id).execute();
        tx.createNamedInsert("gdpr-anonymised-event").addParam("id", id).addParam("actorId", who == null ? null : who.id())
                .addParam("data", Jsonp.objectBuilder().add("reason", reason.name())
                        .add("contractsPurged", contracts).add("scansPurged", scans).build().toString())
                .execute();
        AccessLog.record(tx, who, id, AccessLog.Action.ANONYMISE,
                reason == Reason.RETENTION ? "durée de conservation écoulée" : "droit à l'effacement");
        return new Outcome(id, contracts, scans);
    }
}
