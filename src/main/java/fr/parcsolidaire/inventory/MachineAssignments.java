package fr.parcsolidaire.inventory;

import fr.parcsolidaire.platform.security.User;

import java.time.LocalDate;
import java.util.List;

/**
 * The assignments of one machine, as its page lists them. Loans keep them; the inventory does not know loans, so
 * the loans feature provides this to the inventory feature (Main wires them).
 */
public interface MachineAssignments {

    /** Nothing to list: the machine page without the loans feature. */
    MachineAssignments NONE = (machineId, reader) -> List.of();

    /** Newest first, only those of the reader's site; the beneficiary's name only for a reader who may see it. */
    List<Line> of(long machineId, User reader);

    /** One assignment on the machine's page: kind and status in French, the name null when not shown. */
    record Line(long id, String kind, String status, LocalDate startsOn, LocalDate dueOn, String beneficiaryName) {
    }
}
