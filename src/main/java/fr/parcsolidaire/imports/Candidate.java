package fr.parcsolidaire.imports;

import fr.parcsolidaire.inventory.DonorKind;
import fr.parcsolidaire.inventory.MachineState;
import fr.parcsolidaire.inventory.MachineType;
import fr.parcsolidaire.inventory.Site;

import java.time.LocalDate;

/**
 * One row of the file turned into a machine to create, once every cell has been read without error.
 *
 * @param tag         a tag in the service's format to keep, or null to allocate one
 * @param previousTag the workshop's own former number, kept in the history when a new tag is allocated
 * @param declared    the state the file gives
 * @param entry       the state the machine enters the inventory in (a data-holding READY machine is held back)
 */
record Candidate(int line, MachineType type, String brand, String model, String serial, String tag, String previousTag,
                 MachineState declared, MachineState entry, Site site, String donorName, DonorKind donorKind,
                 LocalDate receivedOn) {

    /** Serials are unique per type, whatever their case (the database's machines_serial_per_type). */
    String serialKey() {
        return serial == null ? null : type.name() + "/" + serial.toUpperCase(java.util.Locale.ROOT);
    }
}
