package fr.parcsolidaire.inventory;

import io.helidon.dbclient.DbExecute;

/**
 * What a disk's health holds against its machine leaving the workshop (a failing SMART assessment on a disk not
 * destroyed), asked by the erasure gate inside its transaction. The evidence feature reads SMART reports; the
 * inventory does not know them, so Main wires one into the other.
 */
@FunctionalInterface
public interface DiskHealth {

    /** Nothing known about the disks' health: the gate without the evidence feature. */
    DiskHealth NONE = (tx, machineId) -> null;

    /** The blocking disks in French ("disque en échec SMART à remplacer et détruire : …"), or null. */
    String missing(DbExecute tx, long machineId);
}
