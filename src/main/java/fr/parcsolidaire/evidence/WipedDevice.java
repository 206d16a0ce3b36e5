package fr.parcsolidaire.evidence;

import java.time.LocalDateTime;

/**
 * One disk of a wipe report as the tool saw it. Times are the wiping machine's clock, whose time zone the log
 * does not say. Counts are null when the report does not give them.
 *
 * @param device          the kernel name ("/dev/sda"), or null on a certificate, which does not print it
 * @param serial          the serial as printed, or null when none was printed or nwipe masked it (--quiet)
 * @param passesCompleted overwriting passes finished, the blanking pass excluded
 */
record WipedDevice(String device, String bus, String model, String size, String serial, boolean serialMasked,
                   WipeStatus status, Integer passErrors, Integer verifyErrors, Integer syncErrors,
                   int passesCompleted, Integer roundsCompleted, boolean blanked, Long bytesErased,
                   LocalDateTime startedAt, LocalDateTime endedAt) {
}
