package fr.parcsolidaire.gdpr;

import fr.parcsolidaire.platform.security.User;
import io.helidon.dbclient.DbExecute;

/**
 * The audit trail of beneficiaries' personal data: every read, list, export and change, with who and when.
 * Written in the same transaction as the change it records, so neither exists without the other.
 */
public final class AccessLog {

    public enum Action { READ, LIST, CREATE, UPDATE, EXPORT, ANONYMISE, CONTRACT_READ }

    private AccessLog() {
    }

    /** beneficiaryId may be null for a list or a search; detail is a short description, never personal data. */
    public static void record(DbExecute exec, User who, Long beneficiaryId, Action action, String detail) {
        exec.createNamedInsert("gdpr-log-access")
                .addParam("beneficiaryId", beneficiaryId)
                .addParam("actorId", who == null ? null : who.id())
                .addParam("action", action.name())
                .addParam("detail", detail == null ? null : detail.substring(0, Math.min(detail.length(), 300)))
                .execute();
    }

    /** A contract or scan of an assignment was opened: logged against the assignment's beneficiary. */
    public static void contractRead(DbExecute exec, User who, long assignmentId, String detail) {
        exec.createNamedInsert("gdpr-log-contract-read")
                .addParam("assignmentId", assignmentId)
                .addParam("actorId", who.id())
                .addParam("detail", detail)
                .execute();
    }
}
