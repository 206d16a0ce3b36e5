package fr.parcsolidaire.inventory;

import fr.parcsolidaire.platform.http.Labelled;

/**
 * What an entry of a machine's history records (machine_events.kind, checked by the database to be one of these),
 * and how the history names it in French. A TRANSITION is named after its two states (see {@link MachineEvent#label}).
 */
public enum MachineEventKind implements Labelled {
    INTAKE("Entrée à l'inventaire"),
    TRANSITION("Changement d'état"),
    DIAGNOSIS("Diagnostic"),
    STORAGE_ADDED("Support de stockage ajouté"),
    ERASURE("Effacement des données"),
    REPAIR("Réparation"),
    OS_INSTALL("Système installé"),
    HARDWARE_IMPORT("Import matériel (lshw)"),
    LOCATION("Rangement"),
    LABEL_PRINTED("Étiquette imprimée"),
    NO_STORAGE("Déclaration « aucun support de stockage »"),
    NO_STORAGE_REVOKED("Déclaration « aucun support » annulée"),
    IMPORTED("Importée d'un inventaire existant"),
    SPECS_CORRECTED("Caractéristiques corrigées");

    private final String label;

    MachineEventKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
