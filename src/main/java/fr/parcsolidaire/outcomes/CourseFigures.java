package fr.parcsolidaire.outcomes;

import java.time.LocalDate;
import java.util.Collection;

/**
 * What the outcome report needs from the course side (workshops, attendance, completion) for the sessions it
 * covers. Declared here and provided by the feature that owns workshops and attendance; until that feature lands,
 * CourseFeature provides it (docs/outcomes.md).
 */
public interface CourseFigures {

    Figures of(Collection<Long> sessionIds, LocalDate from, LocalDate to);

    /**
     * Workshops held in the period, hours of attendance (each present participant × the workshop's duration),
     * people enrolled in the sessions and those who completed them.
     */
    record Figures(int workshopsHeld, double attendanceHours, int enrolled, int completed) {
    }
}
