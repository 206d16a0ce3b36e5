package fr.parcsolidaire.inventory;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A technician's journaled statement that a machine holds no storage device ("disque retiré et détruit",
 * "aucun support"): a NO_STORAGE event. It stands until a storage device is recorded (NO_STORAGE_REVOKED) or the
 * machine is handed over, like an erasure counts only since the last handover.
 */
public record NoStorageStatement(String note, String by, OffsetDateTime at) {

    /** The statement standing at the end of this history (oldest first), or null. Same rule as "no-storage-in-force". */
    static NoStorageStatement inForce(List<MachineEvent> events) {
        NoStorageStatement standing = null;
        for (MachineEvent e : events) {
            switch (e.kind()) {
                case NO_STORAGE -> standing = new NoStorageStatement(e.note(), e.actor(), e.at());
                case NO_STORAGE_REVOKED -> standing = null;
                case TRANSITION -> {
                    if (e.to() == MachineState.ASSIGNED) {
                        standing = null;
                    }
                }
                default -> { }
            }
        }
        return standing;
    }
}
