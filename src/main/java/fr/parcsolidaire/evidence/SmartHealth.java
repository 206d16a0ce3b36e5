package fr.parcsolidaire.evidence;

import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbExecute;

import java.util.List;

/**
 * The SMART rule of the erasure gate: a disk whose latest SMART report says its own assessment failed keeps its
 * machine from becoming READY (or being handed over) until it is destroyed, a DESTROY record on that disk. A
 * replaced disk is destroyed too: a failing drive has remapped sectors that keep old data out of reach of any
 * overwrite (NIST SP 800-88 Rev. 1, 2.5), so an erasure, even a passing one, does not lift the block.
 * The gate (inventory's ErasureGate) asks {@link #missing(DbExecute, long)} inside its transaction.
 */
public final class SmartHealth {

    /** One storage device that has SMART reports: its name for people, its latest verdict, and its destruction. */
    record Disk(String name, boolean latestAssessmentFailed, boolean destroyed) {
    }

    private SmartHealth() {
    }

    /** The disks that block, by name, in the order given. */
    static List<String> blocking(List<Disk> disks) {
        return disks.stream().filter(d -> d.latestAssessmentFailed() && !d.destroyed()).map(Disk::name).toList();
    }

    /** What the SMART reports hold against the machine, in French, or null when nothing does. */
    static String missing(List<Disk> disks) {
        List<String> blocking = blocking(disks);
        if (blocking.isEmpty()) {
            return null;
        }
        return (blocking.size() == 1 ? "disque en échec SMART à remplacer et détruire : "
                : "disques en échec SMART à remplacer et détruire : ") + String.join(", ", blocking);
    }

    /** The same, read from the machine's storage devices and their latest SMART report, in the caller's transaction. */
    public static String missing(DbExecute tx, long machineId) {
        List<Disk> disks = tx.createNamedQuery("smart-health-of-machine").addParam("machineId", machineId).execute()
                .map(r -> new Disk(name(Rows.text(r, "serial"), Rows.text(r, "model"), Rows.longValue(r, "id")),
                        Boolean.FALSE.equals(Rows.bool(r, "passed")), Boolean.TRUE.equals(Rows.bool(r, "destroyed"))))
                .toList();
        return missing(disks);
    }

    static String name(String serial, String model, long id) {
        if (serial != null) {
            return model == null ? serial : serial + " (" + model + ")";
        }
        return "support n° " + id + (model == null ? "" : " " + model);
    }
}
