package fr.parcsolidaire.loans;

import fr.parcsolidaire.db.Database;

import java.util.List;

/** The assignments of one machine, for the machine's page; names only for those who may see them. */
public final class MachineAssignments {

    private MachineAssignments() {
    }

    public static List<Assignment> of(Database database, long machineId, boolean withNames) {
        return database.client().execute().createNamedQuery("machine-assignments").addParam(machineId)
                .execute().map(r -> AssignmentService.assignment(r, withNames)).toList();
    }
}
