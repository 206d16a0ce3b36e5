package fr.parcsolidaire.loans;

import fr.parcsolidaire.inventory.MachineType;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A machine handed to a beneficiary. beneficiaryName is null when the viewer may not see names
 * (a coordinator sees the machine, kind, dates and status only).
 */
public record Assignment(long id, long machineId, String tag, MachineType machineType, String machineTitle,
                         long beneficiaryId, String beneficiaryName, Long sessionId, String sessionLabel,
                         AssignmentKind kind, AssignmentStatus status, LocalDate startsOn, LocalDate dueOn,
                         LocalDate endedOn, List<String> accessories, OffsetDateTime createdAt, String createdBy) {

    /** Days past the due date of an active loan, 0 when not late. */
    public long daysLate(LocalDate today) {
        if (status != AssignmentStatus.ACTIVE || dueOn == null || !today.isAfter(dueOn)) {
            return 0;
        }
        return ChronoUnit.DAYS.between(dueOn, today);
    }
}
