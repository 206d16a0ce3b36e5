package fr.parcsolidaire.loans;

import java.util.Set;

/**
 * Who completed a session's course, decided by the course feature from its completion rule (attendance and set-up
 * checklist). Loans asks it before a loan becomes a gift; Main wires the implementation.
 */
public interface CourseCompletion {

    /** The beneficiaries enrolled in the session who meet its course's completion rule now. */
    Set<Long> completed(long sessionId);
}
