package fr.parcsolidaire.course;

import java.util.List;

/**
 * The end of a session as the social worker sees it: the rule, the workshops held, the hours attended, and three
 * lists: completed (their loan may become a gift), continuing (loan extended), dropped out (return planned).
 */
public record SessionCompletion(long sessionId, String rule, int attendancePercentRequired, boolean checklistRequired,
                                int workshopsHeld, double attendanceHours, List<Participant> completed,
                                List<Participant> continuing, List<Participant> droppedOut) {
}
