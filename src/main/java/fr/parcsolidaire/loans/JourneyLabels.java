package fr.parcsolidaire.loans;

import java.util.Map;
import java.util.function.Function;

/** The French word of a code of the waiting list or of a reservation, by kind (gdpr's access report asks). */
final class JourneyLabels {

    private static final Map<String, Function<String, String>> KINDS = Map.of(
            "use", c -> WaitingUse.valueOf(c).label(),
            "need", c -> WaitingNeed.valueOf(c).label(),
            "priority", c -> WaitingPriority.valueOf(c).label(),
            "children", c -> ChildrenAtHome.valueOf(c).label(),
            "internet", c -> InternetAccess.valueOf(c).label(),
            "waiting-status", c -> WaitingStatus.valueOf(c).label(),
            "reservation-status", c -> ReservationStatus.valueOf(c).label());

    private JourneyLabels() {
    }

    static String of(String kind, String code) {
        Function<String, String> label = KINDS.get(kind);
        try {
            return label == null || code == null ? code : label.apply(code);
        } catch (IllegalArgumentException unknown) {
            return code;
        }
    }
}
