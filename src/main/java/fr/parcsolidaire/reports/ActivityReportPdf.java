package fr.parcsolidaire.reports;

import fr.parcsolidaire.inventory.MachineType;
import fr.parcsolidaire.platform.http.Formats;
import fr.parcsolidaire.platform.pdf.PdfKit;
import fr.parcsolidaire.platform.settings.Settings;
import org.openpdf.text.Document;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The activity report a coordinator sends to funders: who we are, the period, the figures by type,
 * the monthly flows and durations as charts, the people served (aggregated, "< 5"), donors and impact.
 */
final class ActivityReportPdf {

    private final String structureName;
    private final String structureDetails;

    /** Structure identity from app.structure.name / app.structure.details; else the report's site name. */
    ActivityReportPdf(Settings structure) {
        this.structureName = structure.optionalText("name").orElse(null);
        this.structureDetails = structure.optionalText("details").orElse(null);
    }

    public byte[] render(Summary s) {
        ReportPeriod p = s.period();
        String identity = structureName != null ? structureName : p.siteName() != null ? p.siteName() : "Parc Solidaire";
        String who = p.siteName() != null && !p.siteName().equals(identity) ? identity + " · " + p.siteName() : identity;
        return PdfKit.document("Rapport d'activité", (doc, writer) -> {
            doc.add(PdfKit.title("Rapport d'activité — " + who));
            if (structureDetails != null) {
                doc.add(PdfKit.text(structureDetails));
            }
            doc.add(PdfKit.text("Période du " + Formats.date(p.from()) + " au " + Formats.date(p.to()) + " · "
                    + p.scopeLabel() + " · établi le " + Formats.dateTime(s.computedAt())));

            doc.add(PdfKit.heading("Matériel"));
            List<String> headers = new ArrayList<>(List.of("Type"));
            for (Figure f : Figure.values()) {
                headers.add(f.label());
            }
            headers.add("kg recyclés");
            List<List<String>> rows = new ArrayList<>();
            for (MachineType t : MachineType.values()) {
                List<String> row = new ArrayList<>(List.of(t.label()));
                for (Figure f : Figure.values()) {
                    row.add(Long.toString(s.count(f, t)));
                }
                row.add(Formats.number(s.scrappedKg().getOrDefault(t, BigDecimal.ZERO)));
                rows.add(row);
            }
            List<String> total = new ArrayList<>(List.of("Total"));
            for (Figure f : Figure.values()) {
                total.add(Long.toString(s.total(f)));
            }
            total.add(Formats.number(s.totalScrappedKg()));
            rows.add(total);
            doc.add(PdfKit.table(headers, rows, 2.2f, 1, 1, 1, 1, 1, 1, 1, 1, 1));
            doc.add(PdfKit.text("Machines prêtes en stock au jour du rapport : " + s.totalReadyStock() + "."));
            doc.add(PdfChart.draw(writer, ChartData.monthlyFlows(s), 515, 200));

            doc.add(PdfKit.heading("Durée de reconditionnement"));
            doc.add(PdfKit.text(s.durations().medianDays() == null ? "Aucune machine remise en état sur la période."
                    : String.format(Locale.FRANCE, "Médiane : %.1f jours de l'entrée à la mise en état « prête » (%d machines).",
                    s.durations().medianDays(), s.durations().machines())));
            doc.add(PdfChart.draw(writer, ChartData.durations(s), 515, 160));

            doc.add(PdfKit.heading("Bénéficiaires servis"));
            doc.add(PdfKit.text("Personnes distinctes ayant reçu un prêt ou un don : " + s.beneficiaries().total().shown()
                    + ". Effectifs agrégés : tout effectif de 1 à 4 est indiqué « < 5 » ; « masqué » cache un autre effectif "
                    + "pour qu'un « < 5 » ne se déduise pas du total ; les communes de moins de 5 personnes sont regroupées."));
            breakdown(doc, "Tranche d'âge", s.beneficiaries().byAge());
            breakdown(doc, "Situation", s.beneficiaries().bySituation());
            breakdown(doc, "Commune", s.beneficiaries().byCommune());

            doc.add(PdfKit.heading("Donateurs"));
            doc.add(PdfKit.table(List.of("Donateur", "Dons", "Machines"), s.donors().stream()
                    .map(d -> List.of(d.name(), Long.toString(d.donations()), Long.toString(d.machines()))).toList(), 4, 1, 1));

            doc.add(PdfKit.heading("Impact environnemental"));
            doc.add(PdfKit.text(s.impact().machines() + " machines remises en service pour la première fois sur la période : "
                    + Formats.number(s.impact().ewasteAvoidedKg()) + " kg de déchets électroniques et "
                    + Formats.number(s.impact().co2eAvoidedKg()) + " kg CO2e évités."));
            doc.add(PdfKit.table(List.of("Type", "Machines", "kg / machine", "kg CO2e / an", "Années", "kg évités", "kg CO2e évités"),
                    s.impact().lines().stream().map(l -> List.of(l.type().label(), Long.toString(l.machines()),
                            Formats.number(l.weightKg()), Formats.number(l.co2ePerYearKg()), Formats.number(l.years()),
                            Formats.number(l.ewasteKg()), Formats.number(l.co2eKg()))).toList(), 2.2f, 1, 1, 1, 1, 1, 1));
            doc.add(PdfKit.small("Hypothèses : " + ImpactFactors.RULE + " CO2e évité = facteur annuel × années de seconde vie. "
                    + "Source : " + s.impact().source()));
        });
    }

    private static void breakdown(Document doc, String title, SmallCount.Breakdown b) {
        if (b.withheld()) {
            doc.add(PdfKit.text(title + " : répartition non publiée, trop peu de personnes pour la détailler sans révéler "
                    + "un effectif inférieur à 5."));
        } else {
            doc.add(PdfKit.table(List.of(title, "Personnes"),
                    b.cells().stream().map(c -> List.of(c.label(), c.shown())).toList(), 3, 1));
        }
    }
}
