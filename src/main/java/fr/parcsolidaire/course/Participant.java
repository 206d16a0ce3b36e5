package fr.parcsolidaire.course;

import java.time.LocalDate;

/**
 * One participant of a session with their progress: workshops held in the session, how many attended, missed (or not
 * recorded) and excused, the rate (null before any workshop counts), hours attended, the checklist version followed
 * and items ticked, and their current loan or gift of the session. The name only for those who may see it.
 */
public record Participant(long enrolmentId, long beneficiaryId, String name, String enrolmentStatus,
                          int workshopsHeld, int present, int absent, int excused, Integer attendancePercent,
                          double attendanceHours, String checklistVersion, int checklistDone, int checklistItems,
                          boolean checklistComplete, boolean completed, Long assignmentId, String machineTag, String assignmentKind,
                          String assignmentStatus, LocalDate dueOn) {
}
