package fr.parcsolidaire.loans;

import java.time.LocalDate;

/** One run of a course, with its counts of participants (no names). */
public record CourseSession(long id, long courseId, String courseName, String label, LocalDate startsOn, LocalDate endsOn,
                            String facilitator, String siteName, long enrolled, long completed, long droppedOut) {

    public String title() {
        return courseName + " · " + label;
    }
}
