package fr.parcsolidaire.reports;

import fr.parcsolidaire.inventory.MachineType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The coordinator's spreadsheet: every table of the dashboard, one figure per row (table, line, column,
 * value), so it pivots in Excel. It is built from the same Summary as the page, the JSON and the PDF, so
 * people counts arrive already protected by SmallCount ("< 5", "masqué", withheld breakdowns).
 */
final class FiguresExport {

    static final List<String> HEADERS = List.of("Tableau", "Ligne", "Colonne", "Valeur");
    static final String WITHHELD = "non publiée";

    private FiguresExport() {
    }

    static List<List<Object>> rows(Summary s) {
        List<List<Object>> out = new ArrayList<>();
        ReportPeriod p = s.period();
        out.add(row("Période", "Du", "Date", p.from()));
        out.add(row("Période", "Au", "Date", p.to()));
        out.add(row("Période", "Périmètre", "Site", p.scopeLabel()));
        out.add(row("Période", "Calculé le", "Date et heure", s.computedAt()));

        for (MachineType t : MachineType.values()) {
            for (Figure f : Figure.values()) {
                out.add(row("Matériel", t.label(), f.label(), s.count(f, t)));
            }
            out.add(row("Matériel", t.label(), "kg recyclés", s.scrappedKg().getOrDefault(t, BigDecimal.ZERO)));
            out.add(row("Matériel", t.label(), "Prêtes en stock (au jour)", s.readyStock().getOrDefault(t, 0L)));
        }
        for (Figure f : Figure.values()) {
            out.add(row("Matériel", "Total", f.label(), s.total(f)));
        }
        out.add(row("Matériel", "Total", "kg recyclés", s.totalScrappedKg()));
        out.add(row("Matériel", "Total", "Prêtes en stock (au jour)", s.totalReadyStock()));

        for (Summary.MonthFlow m : s.months()) {
            String month = String.format("%02d/%d", m.month().getMonthValue(), m.month().getYear());
            out.add(row("Flux mensuels", month, Figure.RECEIVED.label(), m.received()));
            out.add(row("Flux mensuels", month, Figure.READY.label(), m.ready()));
            out.add(row("Flux mensuels", month, Figure.LENT.label(), m.lent()));
            out.add(row("Flux mensuels", month, Figure.GIVEN.label(), m.given()));
            out.add(row("Flux mensuels", month, Figure.RETURNED.label(), m.returned()));
            out.add(row("Flux mensuels", month, Figure.SCRAPPED.label(), m.scrapped()));
            out.add(row("Flux mensuels", month, Figure.PARTS.label(), m.parts()));
        }

        for (Summary.Bucket b : s.durations().buckets()) {
            out.add(row("Durée de reconditionnement", b.label(), "Machines", b.count()));
        }
        if (s.durations().medianDays() != null) {
            out.add(row("Durée de reconditionnement", "Médiane", "Jours",
                    BigDecimal.valueOf(s.durations().medianDays()).setScale(1, RoundingMode.HALF_UP)));
        }

        Summary.Beneficiaries b = s.beneficiaries();
        out.add(row("Bénéficiaires servis", "Total", "Personnes", value(b.total())));
        people(out, "Bénéficiaires par tranche d'âge", b.byAge());
        people(out, "Bénéficiaires par situation", b.bySituation());
        people(out, "Bénéficiaires par commune", b.byCommune());

        for (Summary.DonorContribution d : s.donors()) {
            out.add(row("Donateurs", d.name(), "Dons", d.donations()));
            out.add(row("Donateurs", d.name(), "Machines", d.machines()));
        }

        String impact = "Impact environnemental";
        for (Summary.ImpactLine l : s.impact().lines()) {
            out.add(row(impact, l.type().label(), "Machines remises en service", l.machines()));
            out.add(row(impact, l.type().label(), "kg de déchets évités", l.ewasteKg()));
            out.add(row(impact, l.type().label(), "kg CO2e évités", l.co2eKg()));
        }
        out.add(row(impact, "Total", "Machines remises en service", s.impact().machines()));
        out.add(row(impact, "Total", "kg de déchets évités", s.impact().ewasteAvoidedKg()));
        out.add(row(impact, "Total", "kg CO2e évités", s.impact().co2eAvoidedKg()));
        out.add(row(impact, "Règle", "Texte", "Hypothèses : " + ImpactFactors.RULE));
        out.add(row(impact, "Source", "Texte", s.impact().source()));
        return out;
    }

    private static void people(List<List<Object>> out, String table, SmallCount.Breakdown breakdown) {
        if (breakdown.withheld()) {
            out.add(row(table, "Répartition", "Personnes", WITHHELD));
            return;
        }
        for (SmallCount.Cell c : breakdown.cells()) {
            out.add(row(table, c.label(), "Personnes", value(c)));
        }
    }

    /** A number, or the French mark of a hidden count (text, so a spreadsheet never adds it up). */
    private static Object value(SmallCount.Cell c) {
        return c.suppressed() ? c.shown() : c.value();
    }

    private static List<Object> row(String table, String line, String column, Object value) {
        List<Object> r = new ArrayList<>(4);
        r.add(table);
        r.add(line);
        r.add(column);
        r.add(value);
        return r;
    }
}
