package fr.parcsolidaire.loans;

import java.time.OffsetDateTime;

/** One line of an assignment's history. */
record AssignmentEvent(long id, String kind, String actor, OffsetDateTime at, String note, String data) {

    public String label() {
        return switch (kind) {
            case "CREATED" -> "Attribution";
            case "EXTENDED" -> "Prolongation";
            case "CONVERTED_TO_GIFT" -> "Prêt transformé en don";
            case "RETURNED" -> "Restitution";
            case "LOST" -> "Perte";
            case "INCIDENT" -> "Incident";
            case "CONTRACT_GENERATED" -> "Document généré";
            case "CONTRACT_SIGNED" -> "Document signé";
            case "GIFT_CANCELLED" -> "Don annulé, prêt rétabli";
            case "RETURN_PLANNED" -> "Restitution prévue";
            default -> kind;
        };
    }
}
