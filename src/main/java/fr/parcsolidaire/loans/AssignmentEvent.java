package fr.parcsolidaire.loans;

import java.time.OffsetDateTime;

/** One line of an assignment's history. */
record AssignmentEvent(long id, String kind, String actor, OffsetDateTime at, String note, String data) {

    public String label() {
        return label(kind);
    }

    /** The French words for an assignment event's code (the JSON API keeps the code). */
    static String label(String kind) {
        return switch (kind) {
            case "CREATED" -> "Attribution";
            case "EXTENDED" -> "Prolongation";
            case "CONVERTED_TO_GIFT" -> "Prêt transformé en don";
            case "RETURNED" -> "Restitution";
            case "LOST" -> "Perte";
            case "INCIDENT" -> "Incident";
            case "CONTRACT_GENERATED" -> "Document généré";
            case "CONTRACT_SIGNED" -> "Document signé";
            default -> "Modification";
        };
    }
}
