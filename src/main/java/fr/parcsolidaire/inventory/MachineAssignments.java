package fr.parcsolidaire.inventory;

import fr.parcsolidaire.platform.security.Permission;
import fr.parcsolidaire.platform.security.User;
import io.helidon.dbclient.DbExecute;

import java.time.LocalDate;
import java.util.List;

/**
 * The assignments of one machine, as its page lists them. Loans keep them; the inventory does not know loans, so
 * the loans feature provides this to the inventory feature (Main wires them). The page keeps them in memory beside the
 * machine's record (V33 announces their changes, a beneficiary's new name included) and filters them per reader.
 */
public interface MachineAssignments {

    /** Nothing to list: the machine page without the loans feature. */
    MachineAssignments NONE = (db, machineId) -> List.of();

    /**
     * Newest first, every site's, with the beneficiary's name: {@link #shownTo} filters them for a reader. Read on
     * {@code db}, the connection the page reads all its missing parts on ({@link PageReads}).
     */
    List<Line> of(DbExecute db, long machineId);

    /** Only those of the reader's site; the beneficiary's name only for a reader who may see it. */
    static List<Line> shownTo(List<Line> lines, User reader) {
        Long site = reader.siteScope();
        boolean names = reader.can(Permission.BENEFICIARIES_READ);
        return lines.stream().filter(l -> site == null || site == l.beneficiarySiteId())
                .map(l -> names ? l : new Line(l.id(), l.kind(), l.status(), l.startsOn(), l.dueOn(), l.beneficiarySiteId(), null))
                .toList();
    }

    /** One assignment on the machine's page: kind and status in French, the name null when not shown. */
    record Line(long id, String kind, String status, LocalDate startsOn, LocalDate dueOn, long beneficiarySiteId,
                String beneficiaryName) {
    }
}
