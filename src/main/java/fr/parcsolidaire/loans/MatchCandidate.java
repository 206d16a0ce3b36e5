package fr.parcsolidaire.loans;

import fr.parcsolidaire.inventory.Grade;
import fr.parcsolidaire.inventory.MachineType;

import java.math.BigDecimal;

/**
 * A READY machine as the matching rule sees it. {@code webcam} is what the quality check said of it (true: tested
 * and working, false: none, null: unknown); {@code reservedFor} the beneficiary it is reserved for, if any.
 */
record MatchCandidate(long id, String tag, MachineType type, String title, Grade grade, BigDecimal screenInches,
                      Integer batteryHealth, long siteId, String siteName, Boolean webcam, Long reservedFor) {
}
