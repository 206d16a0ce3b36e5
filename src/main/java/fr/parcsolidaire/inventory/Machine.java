package fr.parcsolidaire.inventory;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A machine with its specs, storage and full history (events oldest first); {@code noStorage} is the technician's
 * statement that it holds no storage device, while it stands (null otherwise).
 */
public record Machine(long id, String tag, MachineType type, String brand, String model, String serial,
                      MachineState state, Grade grade, String cpu, BigDecimal ramGb, BigDecimal screenInches,
                      Integer batteryHealth, Boolean webcam, String osName, String osVersion, String osLicence,
                      Site site, String location, long donationId, String donorName, LocalDate receivedOn,
                      List<StorageDevice> storageDevices, List<MachineEvent> events, NoStorageStatement noStorage) {

    /** A name for headings: brand and model, else the type. */
    public String title() {
        String name = ((brand == null ? "" : brand) + " " + (model == null ? "" : model)).strip();
        return name.isEmpty() ? type.label() : name;
    }

    /**
     * Whether the machine was ever lent or given: an assignment is only ever made together with its move to
     * ASSIGNED (AssignmentService), so a history without one means there is no assignment to look up.
     */
    public boolean everAssigned() {
        return events.stream().anyMatch(e -> e.to() == MachineState.ASSIGNED);
    }
}
