package fr.parcsolidaire.reports;

import fr.parcsolidaire.inventory.MachineType;
import io.helidon.config.Config;

import java.math.BigDecimal;
import java.util.EnumMap;
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

    private static final Map<MachineType, Factor> DEFAULTS = Map.of(
            MachineType.LAPTOP, factor("2.2", "27", "3"),
            MachineType.DESKTOP, factor("8", "27", "3"),
            MachineType.SCREEN, factor("5", "10", "3"),
            MachineType.TABLET, factor("0.5", "10", "2"),
            MachineType.PHONE, factor("0.2", "10", "2"),
            MachineType.PRINTER, factor("6", "5", "2"),
            MachineType.ACCESSORY, factor("0.3", "0", "2"));

    public static ImpactFactors from(Config impact) {
        Map<MachineType, Factor> factors = new EnumMap<>(MachineType.class);
        for (MachineType type : MachineType.values()) {
            Config c = impact.get("types").get(type.name().toLowerCase());
            Factor d = DEFAULTS.get(type);
            factors.put(type, new Factor(
                    c.get("weight-kg").asString().map(BigDecimal::new).orElse(d.weightKg()),
                    c.get("co2e-per-year-kg").asString().map(BigDecimal::new).orElse(d.co2ePerYearKg()),
                    c.get("years").asString().map(BigDecimal::new).orElse(d.years())));
        }
        String source = impact.get("source").asString().orElse(
                "ADEME 2022, « Évaluation de l'impact environnemental d'un ensemble de produits reconditionnés » "
                        + "(27 kg CO2e évités par an de seconde vie pour un ordinateur portable) ; autres types : estimations du projet.");
        return new ImpactFactors(factors, source);
    }

    public Factor of(MachineType type) {
        return factors.get(type);
    }

    private static Factor factor(String weight, String co2, String years) {
        return new Factor(new BigDecimal(weight), new BigDecimal(co2), new BigDecimal(years));
    }
}
