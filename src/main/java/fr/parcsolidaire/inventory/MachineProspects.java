package fr.parcsolidaire.inventory;

import fr.parcsolidaire.platform.security.User;
import io.helidon.dbclient.DbExecute;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What the machine page shows of the waiting list: the machine's reservation, without personal data, and, for a
 * READY machine, the waiting people who match it best. Loans keep both; the inventory does not know loans, so the
 * loans feature provides this to the inventory feature (Main wires them), like {@link MachineAssignments}.
 * The page keeps each machine's {@link Part} in memory beside its record; what depends on the day or on the reader
 * is decided when the page is drawn.
 */
public interface MachineProspects {

    /** Nothing to show: the machine page without the loans feature. */
    Part NOTHING = new Part() {
        @Override
        public Optional<String> reservation(LocalDate today) {
            return Optional.empty();
        }

        @Override
        public List<Line> matches(User reader, LocalDate today) {
            return List.of();
        }
    };

    /** Nothing to show: the machine page without the loans feature. */
    MachineProspects NONE = (db, machineId, tag, ready) -> NOTHING;

    /**
     * What the page may show of one machine, read on {@code db} ({@link PageReads}); {@code ready}: whether it is READY
     * (only then are people proposed).
     */
    Part of(DbExecute db, long machineId, String tag, boolean ready);

    /** One machine's reservation and what it takes to rank the waiting people for it. */
    interface Part {

        /** "Réservée pour A. jusqu'au 12/12/2026.": the first name's initial only, for anyone who sees the machine. */
        Optional<String> reservation(LocalDate today);

        /** The best-matching waiting people, best first, only of the reader's site; the caller checks who may see names. */
        List<Line> matches(User reader, LocalDate today);
    }

    /** One waiting person proposed for the machine, with the reasons in French. */
    record Line(long waitingId, String name, int score, List<String> reasons) {
    }
}
