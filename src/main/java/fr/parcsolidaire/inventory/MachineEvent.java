package fr.parcsolidaire.inventory;

import jakarta.json.JsonObject;

import java.time.OffsetDateTime;

/** One line of a machine's history: who did what, when, with which data. */
public record MachineEvent(long id, String kind, MachineState from, MachineState to, String actor,
                           OffsetDateTime at, String note, JsonObject data) {

    public String label() {
        return switch (kind) {
            case "INTAKE" -> "Entrée à l'inventaire";
            case "TRANSITION" -> from.label() + " → " + to.label();
            case "DIAGNOSIS" -> "Diagnostic";
            case "STORAGE_ADDED" -> "Support de stockage ajouté";
            case "ERASURE" -> "Effacement des données";
            case "REPAIR" -> "Réparation";
            case "OS_INSTALL" -> "Système installé";
            case "HARDWARE_IMPORT" -> "Import matériel (lshw)";
            default -> kind;
        };
    }
}
