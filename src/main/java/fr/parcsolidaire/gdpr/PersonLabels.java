package fr.parcsolidaire.gdpr;

/**
 * The French words for what a beneficiary's record stores as codes (age bracket, situation), for the right-of-access
 * report. The loans feature owns those codes and provides this (gdpr does not know loans; Main wires them).
 */
public interface PersonLabels {

    /** "FROM_45_TO_59" → "45 à 59 ans". */
    String ageBracket(String code);

    /** "JOB_SEEKER" → "Demandeur d'emploi". */
    String situation(String code);

    /** "ENROLLED" → "Inscrit". */
    String enrolmentStatus(String code);

    /** "LOAN" → "Prêt", "GIFT" → "Remise en don". */
    String assignmentKind(String code);

    /** "ACTIVE" → "Prêt en cours". */
    String assignmentStatus(String code);

    /** An assignment's journal: "CREATED" → "Attribution". */
    String assignmentEvent(String code);

    /** "LAPTOP" → "Ordinateur portable". */
    String machineType(String code);

    /** A contract's kind: "LOAN_AGREEMENT" → "Convention de prêt". */
    String contractKind(String code);

    /**
     * A code of the waiting list or of a reservation in French, by kind ("use", "need", "priority", "children",
     * "internet", "waiting-status", "reservation-status"): ("use", "JOB_SEARCH") → "Recherche d'emploi et entretiens
     * en visio". An unknown code comes back as it is.
     */
    default String journey(String kind, String code) {
        return code;
    }
}
