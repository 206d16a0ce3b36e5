package fr.parcsolidaire.inventory;

import java.util.List;
import java.util.Set;

/**
 * The reconditioning of one machine as the ordered checklist its page shows (docs/ui.md): diagnosis, storage,
 * erasure, repair (when needed), system, quality check. The first step not done is the next one, open on the page.
 */
record MachineSteps(List<Step> steps) {

    /** One step: done, or still to do; an optional one (repair) never holds the next one back. */
    record Step(String key, String title, boolean done, boolean optional) {
    }

    private static final Set<MachineState> BEFORE_DIAGNOSIS = Set.of(MachineState.RECEIVED, MachineState.IN_DIAGNOSIS,
            MachineState.RETURNED);

    static MachineSteps of(Machine m) {
        boolean holdsData = m.type().holdsData();
        boolean diagnosed = !BEFORE_DIAGNOSIS.contains(m.state());
        boolean storageKnown = !m.storageDevices().isEmpty() || m.noStorage() != null || !holdsData;
        boolean erased = m.storageDevices().isEmpty()
                ? m.noStorage() != null || !holdsData
                : m.storageDevices().stream().allMatch(d -> d.lastErasure() != null && d.lastErasure().passing());
        boolean repaired = m.events().stream().anyMatch(e -> e.kind() == MachineEventKind.REPAIR);
        boolean system = m.osName() != null || !holdsData;
        boolean checked = m.state() == MachineState.READY || m.state() == MachineState.ASSIGNED;
        return new MachineSteps(List.of(
                new Step("diagnosis", "Diagnostic", diagnosed, false),
                new Step("storage", "Supports de stockage", storageKnown, false),
                new Step("erasure", "Effacement des données", erased, false),
                new Step("repair", "Réparation (si besoin)", repaired, true),
                new Step("system", "Système", system, false),
                new Step("quality", "Contrôle qualité", checked, false)));
    }

    /** The key of the first step still to do, or "" when all are done. */
    String next() {
        return steps.stream().filter(s -> !s.done() && !s.optional()).map(Step::key).findFirst().orElse("");
    }

    Step step(String key) {
        return steps.stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow();
    }
}
