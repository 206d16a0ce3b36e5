package fr.parcsolidaire.loans;

/** A participant in a session; name is null for viewers who may not see names. */
record Enrolment(long id, long sessionId, long beneficiaryId, EnrolmentStatus status, String name, Long assignmentId) {
}
