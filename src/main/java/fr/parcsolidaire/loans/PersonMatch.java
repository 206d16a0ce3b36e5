package fr.parcsolidaire.loans;

import java.time.LocalDate;
import java.util.List;

/** A waiting person proposed for a READY machine: same site first, then the score, then the longest wait. */
public record PersonMatch(long waitingId, long beneficiaryId, String beneficiaryName, String priority, LocalDate askedOn,
                          boolean sameSite, int score, List<String> reasons) {
}
