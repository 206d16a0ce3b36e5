package fr.parcsolidaire.inventory;

import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.SqlState;
import io.helidon.dbclient.DbExecute;
import jakarta.json.JsonObject;


/** Appends to a machine's history. A TRANSITION row also moves the machine (database trigger). */
public final class MachineHistory {

    /** Raised by the transition trigger (V1) when the machine is no longer in the state the transition starts from. */
    private static final String MACHINE_MOVED = "PS409";

    private MachineHistory() {
    }

    public static void record(DbExecute tx, long machineId, MachineEventKind kind, MachineState from, MachineState to,
                              User actor, String note, JsonObject data) {
        try {
            // In the statement's order: machine, kind, from, to, actor, note, data.
            tx.createNamedInsert("event-insert")
                    .addParam(machineId)
                    .addParam(kind.name())
                    .addParam(from == null ? null : from.name())
                    .addParam(to == null ? null : to.name())
                    .addParam(actor.id())
                    .addParam(note)
                    .addParam(data.toString())
                    .execute();
        } catch (RuntimeException e) {
            if (SqlState.is(e, MACHINE_MOVED)) {
                throw HttpProblem.conflict("La machine a changé entre-temps : rechargez la page et recommencez.");
            }
            throw e;
        }
    }
}
