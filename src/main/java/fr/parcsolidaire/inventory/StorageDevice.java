package fr.parcsolidaire.inventory;

import java.math.BigDecimal;

/** A disk, SSD or flash module of a machine, with its latest erasure if any. */
public record StorageDevice(long id, StorageKind kind, BigDecimal capacityGb, String serial, String model,
                            Erasure lastErasure) {
}
