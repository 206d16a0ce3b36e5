package fr.parcsolidaire.inventory;

import fr.parcsolidaire.platform.security.User;
import io.helidon.dbclient.DbExecute;
import jakarta.json.JsonObject;

/** Appends to a machine's history. A TRANSITION row also moves the machine (database trigger). */
public final class MachineHistory {

    private MachineHistory() {
    }

    public static void record(DbExecute tx, long machineId, String kind, MachineState from, MachineState to,
                              User actor, String note, JsonObject data) {
        tx.createNamedInsert("event-insert")
                .addParam("machineId", machineId)
                .addParam("kind", kind)
                .addParam("fromState", from == null ? null : from.name())
                .addParam("toState", to == null ? null : to.name())
                .addParam("actorId", actor.id())
                .addParam("note", note)
                .addParam("data", data.toString())
                .execute();
    }
}
