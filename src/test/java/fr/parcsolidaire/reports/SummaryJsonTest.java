package fr.parcsolidaire.reports;

import fr.parcsolidaire.inventory.MachineType;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How protected people counts read in the JSON API: null with the reason, withheld breakdowns named. */
class SummaryJsonTest {

    @Test
    void hiddenCountsAreNullWithTheirReasonAndShownOnesCarryANullFlag() {
        // 26 people: situations 24 and 2 (the 2 is "< 5", the 24 masked with it), communes 21 and 5 shown,
        // ages 1 and five times 5 (withheld).
        SmallCount.Protected people = SmallCount.people(26, List.of(
                List.of(SmallCount.Raw.people("JOB_SEEKER", "Demandeur d'emploi", 24), SmallCount.Raw.people("RSA", "Allocataire du RSA", 2)),
                List.of(SmallCount.Raw.people("Lyon", "Lyon", 21), SmallCount.Raw.people("Bron", "Bron", 5)),
                List.of(SmallCount.Raw.people("FROM_75", "75 ans et plus", 1), SmallCount.Raw.people("A", "a", 5),
                        SmallCount.Raw.people("B", "b", 5), SmallCount.Raw.people("C", "c", 5), SmallCount.Raw.people("D", "d", 5),
                        SmallCount.Raw.people("E", "e", 5))));
        Summary s = summary(new Summary.Beneficiaries(people.total(), people.breakdowns().get(2), people.breakdowns().get(0),
                people.breakdowns().get(1)));
        JsonObject json = SummaryJson.of(s).getJsonObject("beneficiaries");

        assertEquals(26, json.getInt("total"));
        assertTrue(json.isNull("totalSuppressed"));
        JsonObject masked = json.getJsonArray("bySituation").getJsonObject(0);
        assertTrue(masked.isNull("count"));
        assertEquals("COMPLEMENTARY", masked.getString("suppressed"));
        JsonObject small = json.getJsonArray("bySituation").getJsonObject(1);
        assertTrue(small.isNull("count"));
        assertEquals("SMALL_COUNT", small.getString("suppressed"));
        assertEquals(5, json.getJsonArray("byCommune").getJsonObject(1).getInt("count"));
        assertTrue(json.getJsonArray("byCommune").getJsonObject(1).isNull("suppressed"));
        assertEquals(0, json.getJsonArray("byAgeBracket").size(), "1 + 5 × 5: the 1 shows through any masking");
        assertEquals("[\"byAgeBracket\"]", json.getJsonArray("withheld").toString());

        SmallCount.Protected few = SmallCount.people(3, List.of(List.of(SmallCount.Raw.people("RSA", "RSA", 3))));
        JsonObject tiny = SummaryJson.of(summary(new Summary.Beneficiaries(few.total(), few.breakdowns().getFirst(),
                few.breakdowns().getFirst(), few.breakdowns().getFirst()))).getJsonObject("beneficiaries");
        assertTrue(tiny.isNull("total"));
        assertEquals("SMALL_COUNT", tiny.getString("totalSuppressed"));
    }

    private static Summary summary(Summary.Beneficiaries people) {
        Map<Figure, Map<MachineType, Long>> figures = new EnumMap<>(Figure.class);
        for (Figure f : Figure.values()) {
            figures.put(f, new EnumMap<>(MachineType.class));
        }
        ReportPeriod period = new ReportPeriod(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), null, null, null);
        return new Summary(period, OffsetDateTime.now(), figures, Map.of(), List.of(), Map.of(),
                new Summary.Durations(0, null, List.of()), people, List.of(),
                new Summary.Impact(0, BigDecimal.ZERO, BigDecimal.ZERO, List.of(), "source"));
    }
}
