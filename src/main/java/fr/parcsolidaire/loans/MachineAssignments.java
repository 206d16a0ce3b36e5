package fr.parcsolidaire.loans;

import fr.parcsolidaire.platform.security.Permission;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;

import java.util.List;

/** The assignments of one machine, for the machine's page; names only for those who may see them, only of their site. */
public final class MachineAssignments {

    private MachineAssignments() {
    }

    public static List<Assignment> of(Database database, long machineId, User reader) {
        Long site = reader.siteScope();
        return database.client().execute().createNamedQuery("machine-assignments")
                .addParam(machineId).addParam(site).addParam(site)
                .execute().map(r -> AssignmentService.assignment(r, reader.can(Permission.BENEFICIARIES_READ))).toList();
    }
}
