package fr.parcsolidaire.inventory;

import java.time.LocalDate;

public record Donation(long id, long donorId, String donorName, String siteCode, String siteName,
                       LocalDate receivedOn, String note, long machineCount) {
}
