package fr.parcsolidaire.inventory;

import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.SqlState;
import io.helidon.dbclient.DbExecute;
import jakarta.json.JsonObject;

import java.util.Set;
import java.util.stream.Collectors;

/** Appends to a machine's history. A TRANSITION row also moves the machine (database trigger). */
public final class MachineHistory {

    /** Raised by the transition trigger (V1) when the machine is no longer in the state the transition starts from. */
    private static final String MACHINE_MOVED = "PS409";

    private MachineHistory() {
    }

    /**
     * A workshop step that needs nothing but the lifecycle (no data of its own, no gate), in one statement instead of a
     * lock and an insert: the TRANSITION event is written only if the machine {@code tag} is in one of {@code from}.
     * False when nothing was written: no such machine, or a state the step does not start from (the caller then
     * finds out which, under the lock, and says so).
     */
    static boolean recordStep(DbExecute tx, String tag, Set<MachineState> from, MachineState to, User actor, String note,
                              JsonObject data) {
        try {
            return tx.createNamedInsert("event-insert-step")
                    .addParam(to.name())
                    .addParam(actor.id())
                    .addParam(note)
                    .addParam(data.toString())
                    .addParam(tag)
                    .addParam(from.stream().map(Enum::name).collect(Collectors.joining(",")))
                    .execute() == 1;
        } catch (RuntimeException e) {
            throw moved(e);
        }
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
            throw moved(e);
        }
    }

    private static RuntimeException moved(RuntimeException e) {
        if (SqlState.is(e, MACHINE_MOVED)) {
            return HttpProblem.conflict("La machine a changé entre-temps : rechargez la page et recommencez.");
        }
        return e;
    }
}
