package fr.parcsolidaire.course;

/**
 * Outcome figures of a set of sessions over a period (for the funder reports): workshops held in the period,
 * hours of attendance (each present participant counts the workshop's duration), people enrolled in the sessions
 * that overlap the period, and those of them who meet their course's completion rule at the period's end.
 */
public record CourseFigures(int workshopsHeld, double attendanceHours, int enrolled, int completed) {
}
