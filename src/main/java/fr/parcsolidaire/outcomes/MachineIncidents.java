package fr.parcsolidaire.outcomes;

import fr.parcsolidaire.platform.security.User;
import io.helidon.dbclient.DbExecute;

import java.time.LocalDate;

/**
 * Opens an incident on a handed-over machine when a follow-up reports a breakdown. The loans feature owns
 * incidents and provides this; it runs in the follow-up's own transaction, so both are written or neither.
 */
public interface MachineIncidents {

    /** Records a breakage on the assignment (as its incident service does) and returns the incident's id. */
    long breakdown(DbExecute tx, long assignmentId, LocalDate occurredOn, String note, User actor);
}
