package fr.parcsolidaire.inventory;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static fr.parcsolidaire.inventory.MachineState.ASSIGNED;
import static fr.parcsolidaire.inventory.MachineState.IN_DIAGNOSIS;
import static fr.parcsolidaire.inventory.MachineState.IN_RECONDITIONING;
import static fr.parcsolidaire.inventory.MachineState.PARTS;
import static fr.parcsolidaire.inventory.MachineState.READY;
import static fr.parcsolidaire.inventory.MachineState.RECEIVED;
import static fr.parcsolidaire.inventory.MachineState.RETURNED;
import static fr.parcsolidaire.inventory.MachineState.SCRAPPED;

/**
 * The machine lifecycle as an explicit state machine. Workshop steps are taken by technicians;
 * ASSIGNED and RETURNED only through an assignment (the loans capability).
 */
public final class Lifecycle {

    public enum Channel { WORKSHOP, ASSIGNMENT }

    private static final Map<MachineState, Set<MachineState>> WORKSHOP = Map.of(
            RECEIVED, EnumSet.of(IN_DIAGNOSIS, SCRAPPED, PARTS),
            IN_DIAGNOSIS, EnumSet.of(IN_RECONDITIONING, SCRAPPED, PARTS),
            IN_RECONDITIONING, EnumSet.of(READY, SCRAPPED, PARTS),
            READY, EnumSet.of(SCRAPPED, PARTS),
            ASSIGNED, EnumSet.noneOf(MachineState.class),
            RETURNED, EnumSet.of(IN_DIAGNOSIS, READY),
            SCRAPPED, EnumSet.noneOf(MachineState.class),
            PARTS, EnumSet.noneOf(MachineState.class));

    private static final Map<MachineState, Set<MachineState>> ASSIGNMENTS = Map.of(
            READY, EnumSet.of(ASSIGNED),
            ASSIGNED, EnumSet.of(RETURNED));

    private Lifecycle() {
    }

    public static Set<MachineState> workshopTargets(MachineState from) {
        return WORKSHOP.get(from);
    }

    public static boolean allowed(MachineState from, MachineState to, Channel channel) {
        Map<MachineState, Set<MachineState>> table = channel == Channel.WORKSHOP ? WORKSHOP : ASSIGNMENTS;
        return table.getOrDefault(from, Set.of()).contains(to);
    }

    /** Why a step is refused, in French, for the page and the API's 409. */
    public static String refusal(MachineState from, MachineState to, Channel channel) {
        if (channel == Channel.WORKSHOP && (to == ASSIGNED || to == RETURNED)) {
            return "L'attribution et la restitution se font depuis une attribution, pas depuis l'atelier.";
        }
        if (from == SCRAPPED || from == PARTS) {
            return "La machine est « " + from.label() + " » : elle ne peut plus changer d'état.";
        }
        return "Impossible de passer de « " + from.label() + " » à « " + to.label() + " ».";
    }

    /** Recording workshop data (storage, erasure, repair, OS, hardware) is possible only while the machine is in the workshop. */
    public static boolean inWorkshop(MachineState state) {
        return state == RECEIVED || state == IN_DIAGNOSIS || state == IN_RECONDITIONING || state == RETURNED;
    }
}
