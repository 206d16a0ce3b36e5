package fr.parcsolidaire.gdpr;

import java.time.OffsetDateTime;

/** One line of the personal-data audit log. */
public record AuditEntry(long id, OffsetDateTime at, String action, String detail, Long beneficiaryId, String actor) {

    public String actionLabel() {
        return actionLabel(action);
    }

    /** The French words for an access-log action (gdpr/AccessLog.Action), never its code. */
    public static String actionLabel(String action) {
        return switch (action) {
            case "READ" -> "Consultation";
            case "LIST" -> "Liste / recherche";
            case "CREATE" -> "Création";
            case "UPDATE" -> "Modification";
            case "EXPORT" -> "Export (droit d'accès)";
            case "ANONYMISE" -> "Anonymisation";
            case "CONTRACT_READ" -> "Lecture d'un contrat";
            default -> "Autre accès";
        };
    }
}
