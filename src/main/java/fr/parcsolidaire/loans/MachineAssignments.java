package fr.parcsolidaire.loans;

import fr.parcsolidaire.auth.User;
import fr.parcsolidaire.db.Database;

import java.util.List;

/** The assignments of one machine, for the machine's page; names only for those who may see them, only of their site. */
public final class MachineAssignments {

    private MachineAssignments() {
    }

    public static List<Assignment> of(Database database, long machineId, User reader) {
        return AssignmentService.query(database.client().execute(), null, machineId, null, null, reader);
    }
}
