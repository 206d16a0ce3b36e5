package fr.parcsolidaire.inventory;

import fr.parcsolidaire.platform.security.User;

import java.util.List;
import java.util.Optional;

/**
 * What the machine page shows of the waiting list: the machine's reservation, without personal data, and, for a
 * READY machine, the waiting people who match it best. Loans keep both; the inventory does not know loans, so the
 * loans feature provides this to the inventory feature (Main wires them), like {@link MachineAssignments}.
 */
public interface MachineProspects {

    /** Nothing to show: the machine page without the loans feature. */
    MachineProspects NONE = new MachineProspects() {
        @Override
        public Optional<String> reservation(long machineId) {
            return Optional.empty();
        }

        @Override
        public List<Line> matches(String tag, User reader) {
            return List.of();
        }
    };

    /** "Réservée pour A. jusqu'au 12/12/2026.": the first name's initial only, for anyone who sees the machine. */
    Optional<String> reservation(long machineId);

    /** The best-matching waiting people, best first, only of the reader's site; the caller checks who may see names. */
    List<Line> matches(String tag, User reader);

    /** One waiting person proposed for the machine, with the reasons in French. */
    record Line(long waitingId, String name, int score, List<String> reasons) {
    }
}
