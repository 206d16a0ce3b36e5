package fr.parcsolidaire.loans;

import java.time.LocalDate;

/** A READY machine held for one person until a date (inclusive). */
public record Reservation(long id, long machineId, String tag, String machineTitle, long beneficiaryId,
                          String beneficiaryName, LocalDate until, ReservationStatus status) {
}
