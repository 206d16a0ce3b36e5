package fr.parcsolidaire.reports;

import fr.parcsolidaire.inventory.MachineType;
import fr.parcsolidaire.platform.settings.Settings;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Per-type factors of the environmental impact (app.impact.* in application.yaml): the weight of
 * e-waste a second life avoids, the kg CO2e a year of second life avoids, and the years of second life
 * assumed. Defaults and sources are in docs/reports.md and shown beside the figures.
 */
public record ImpactFactors(Map<MachineType, Factor> factors, String source) {

    /**
     * How second lives are counted, said beside the figures on the page, in the PDF and in the export: once
     * per machine, in the period of its first handover (issue 12; docs/reports.md).
     */
    public static final String RULE = "chaque machine remise en service (prêt ou don) évite l'achat d'une machine neuve "
            + "et sa mise au rebut ; elle compte une seule fois, dans la période de sa première remise (prêt ou don), "
            + "même si elle est restituée puis prêtée à nouveau ou si le prêt devient un don.";

    public record Factor(BigDecimal weightKg, BigDecimal co2ePerYearKg, BigDecimal years) {
    }

    /** From the {@code app.impact} settings: one entry per machine type under "types", and the source. */
    public static ImpactFactors from(Settings impact) {
        Map<MachineType, Factor> factors = new EnumMap<>(MachineType.class);
        for (MachineType type : MachineType.values()) {
            Settings c = impact.section("types." + type.name().toLowerCase(Locale.ROOT));
            factors.put(type, new Factor(c.decimal("weight-kg"), c.decimal("co2e-per-year-kg"), c.decimal("years")));
        }
        return new ImpactFactors(factors, impact.text("source"));
    }

    public Factor of(MachineType type) {
        return factors.get(type);
    }
}
