package fr.parcsolidaire.inventory;

import fr.parcsolidaire.platform.http.Labelled;

/** Where a machine stands in its life (DESIGN.md, "Machine lifecycle"). */
public enum MachineState implements Labelled {
    RECEIVED("Reçue"),
    IN_DIAGNOSIS("En diagnostic"),
    IN_RECONDITIONING("En reconditionnement"),
    READY("Prête"),
    ASSIGNED("Attribuée"),
    RETURNED("Restituée"),
    SCRAPPED("Recyclée (DEEE)"),
    PARTS("Démontée pour pièces");

    private final String label;

    MachineState(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
