package fr.parcsolidaire.imports;

import fr.parcsolidaire.inventory.MachineState;
import fr.parcsolidaire.inventory.MachineType;

/**
 * The state an imported machine enters the inventory in (docs/imports.md, "L'état importé"). A spreadsheet carries
 * no erasure evidence, so the import never lets a machine past the erasure gate on the file's word:
 * <ul>
 *   <li>Reçue, En diagnostic, En reconditionnement: kept;</li>
 *   <li>Prête: kept for a type that holds no data (screen, printer, accessory: the gate asks them nothing while no
 *   disk is on record); a type that holds data enters En reconditionnement, with a note saying the file declared it
 *   ready, and goes to Prête through the workshop like any machine — disks or no-storage statement, erasure,
 *   quality check;</li>
 *   <li>Attribuée, Restituée: refused, an assignment is made with its beneficiary and contract;</li>
 *   <li>Recyclée, Démontée pour pièces: refused, the import brings in stock, not machines that have left.</li>
 * </ul>
 */
final class EntryState {

    /** @param refusal why the declared state cannot be imported, in French; null when it can */
    record Decision(MachineState entry, String refusal, String note) {
    }

    static final String HELD_BACK_NOTE = "Déclarée « Prête » dans le fichier importé : enregistrez ses supports de stockage "
            + "et leur effacement (ou l'absence de support), puis le contrôle qualité, pour la déclarer prête.";

    private EntryState() {
    }

    static Decision decide(MachineState declared, MachineType type) {
        return switch (declared) {
            case RECEIVED, IN_DIAGNOSIS, IN_RECONDITIONING -> new Decision(declared, null, null);
            case READY -> type.holdsData()
                    ? new Decision(MachineState.IN_RECONDITIONING, null, HELD_BACK_NOTE)
                    : new Decision(MachineState.READY, null, null);
            case ASSIGNED, RETURNED -> new Decision(null, "L'état « " + declared.label() + " » ne s'importe pas : "
                    + "une attribution s'enregistre avec son bénéficiaire et sa convention. Importez la machine à son retour, "
                    + "ou avec l'état « " + MachineState.IN_DIAGNOSIS.label() + " » si elle est déjà rentrée.", null);
            case SCRAPPED, PARTS -> new Decision(null, "L'état « " + declared.label() + " » ne s'importe pas : l'import "
                    + "enregistre le stock présent, pas les machines déjà sorties. Retirez cette ligne du fichier.", null);
        };
    }
}
