package fr.parcsolidaire.gdpr;

import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Jsonp;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbTransaction;
import jakarta.json.JsonObjectBuilder;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Erases a beneficiary's identity while keeping the counts: names and contacts go, archived contracts and scans
 * are emptied (their SHA-256 stays), and every free text attached to the person is cleared: notes of their loans,
 * returns, incidents and enrolments, accessories typed by hand, the JSON of those events and of the machine's
 * history of their loans, the details of the access log. Age bracket, situation, commune, codes, dates and rows
 * stay for the aggregated statistics. Used by the right to erasure (now) and by the retention sweep (after the
 * retention period), in one transaction per person.
 */
final class Anonymiser {

    public enum Reason { REQUEST, RETENTION }

    public record Outcome(long beneficiaryId, long contractsPurged, long scansPurged, long textsCleared) {
    }

    /**
     * JSON keys whose string values the program writes itself (codes, dates, hashes, field names) and that
     * anonymisation keeps; every other string in the person's events is cleared, whoever wrote it.
     */
    private static final List<String> CODE_KEYS = List.of("kind", "machineTag", "startsOn", "dueOn", "from", "to", "condition",
            "returnedOn", "giftOn", "occurredOn", "document", "sha256", "method", "contentType", "reason", "fields",
            "priority", "uses", "needs", "until");
    private static final String CODES = "{" + String.join(",", CODE_KEYS) + "}";
    /** Each clears one table's free text of one person; their counts go into the ANONYMISED event. */
    private static final Map<String, String> SCRUBS = scrubs();

    private static Map<String, String> scrubs() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("assignments", "gdpr-scrub-assignments");
        m.put("assignmentEvents", "gdpr-scrub-assignment-events");
        m.put("incidents", "gdpr-scrub-incidents");
        m.put("followUps", "gdpr-scrub-follow-ups");
        m.put("enrolmentEvents", "gdpr-scrub-enrolment-events");
        m.put("beneficiaryEvents", "gdpr-scrub-beneficiary-events");
        m.put("accessLog", "gdpr-scrub-access-log");
        m.put("machineEvents", "gdpr-scrub-machine-events");
        m.put("waitingList", "gdpr-scrub-waiting-list");
        m.put("waitingListEvents", "gdpr-scrub-waiting-list-events");
        m.put("reservations", "gdpr-scrub-reservations");
        m.put("reservationEvents", "gdpr-scrub-reservation-events");
        m.put("kitItems", "gdpr-scrub-kit-items");
        m.put("kitItemEvents", "gdpr-scrub-kit-item-events");
        m.put("kitMachineEvents", "gdpr-scrub-kit-machine-events");
        return Collections.unmodifiableMap(m);
    }

    private static final Logger LOG = Logger.getLogger(Anonymiser.class.getName());

    private final Database database;
    private final List<HeldPersonalData> elsewhere;

    public Anonymiser(Database database, List<HeldPersonalData> elsewhere) {
        this.database = database;
        this.elsewhere = List.copyOf(elsewhere);
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
     * The retention sweep: anonymises every beneficiary whose last contact is older than the retention period,
     * each in a transaction of their own that locks their row and checks again that they are due (a loan may
     * have started since the list was read). Several instances may sweep at once: the second to reach a person
     * finds them anonymised and passes. A failure stops the sweep; those already done stay done, the next run
     * goes on. Returns how many were anonymised.
     */
    public int sweep(int retentionMonths) {
        List<Long> due = database.client().execute().createNamedQuery("gdpr-due-for-anonymisation")
                .addParam("months", retentionMonths).addParam("id", (Object) null)
                .execute().map(r -> Rows.longValue(r, "id")).toList();
        int done = 0;
        for (long id : due) {
            boolean anonymised = database.inTransaction(tx -> {
                if (tx.createNamedGet("gdpr-lock-beneficiary").addParam("id", id).execute().isEmpty()
                        || tx.createNamedGet("gdpr-due-for-anonymisation").addParam("months", retentionMonths)
                        .addParam("id", id).execute().isEmpty()) {
                    return false;
                }
                return anonymiseIn(tx, id, null, Reason.RETENTION) != null;
            });
            if (anonymised) {
                done++;
            }
        }
        if (done > 0) {
            LOG.info("Conservation des données : " + done + " bénéficiaire(s) anonymisé(s).");
        }
        return done;
    }

    private Outcome anonymiseIn(DbTransaction tx, long id, User who, Reason reason) {
        long changed = tx.createNamedUpdate("gdpr-anonymise").addParam("id", id).execute();
        if (changed == 0) {
            return null;
        }
        tx.createNamedGet("gdpr-allow-document-purge").execute();
        long contracts = tx.createNamedUpdate("gdpr-purge-contracts").addParam("id", id).execute();
        long scans = tx.createNamedUpdate("gdpr-purge-scans").addParam("id", id).execute();
        JsonObjectBuilder cleared = Jsonp.objectBuilder();
        long texts = 0;
        for (Map.Entry<String, String> scrub : SCRUBS.entrySet()) {
            long rows = tx.createNamedUpdate(scrub.getValue()).addParam("id", id).addParam("codes", CODES).execute();
            cleared.add(scrub.getKey(), rows);
            texts += rows;
        }
        elsewhere.forEach(holder -> holder.forget(tx, id));
        tx.createNamedInsert("gdpr-anonymised-event").addParam("id", id).addParam("actorId", who == null ? null : who.id())
                .addParam("data", Jsonp.objectBuilder().add("reason", reason.name())
                        .add("contractsPurged", contracts).add("scansPurged", scans)
                        .add("textsCleared", texts).add("textsClearedByTable", cleared).build().toString())
                .execute();
        AccessLog.record(tx, who, id, AccessLog.Action.ANONYMISE,
                reason == Reason.RETENTION ? "durée de conservation écoulée" : "droit à l'effacement");
        return new Outcome(id, contracts, scans, texts);
    }
}
