package fr.parcsolidaire.outcomes;

import fr.parcsolidaire.platform.http.Formats;
import fr.parcsolidaire.platform.pdf.PdfKit;
import fr.parcsolidaire.reports.CellDefuser;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome report as a PDF for the funder and as a spreadsheet: the same lines and footnotes as the page
 * ({@link OutcomeLines}), so a figure cannot differ from one to the other.
 */
final class OutcomeDocuments {

    static final List<String> HEADERS = List.of("Rubrique", "Chiffre", "Valeur", "Note");

    private final String structure;

    OutcomeDocuments(String structure) {
        this.structure = structure;
    }

    static String title(OutcomeReport r) {
        ProgrammeService.Programme p = r.period().programme();
        return p == null ? "Résultats du parcours" : "Résultats du programme « " + p.name() + " » (" + p.funder() + ")";
    }

    static String scope(OutcomeReport r) {
        return "Période " + r.period().label() + " · " + r.period().scopeLabel() + " · calculé le "
                + Formats.dateTime(r.computedAt());
    }

    byte[] pdf(OutcomeReport r) {
        return PdfKit.document(title(r), (doc, writer) -> {
            doc.add(PdfKit.title(title(r)));
            doc.add(PdfKit.text(structure));
            doc.add(PdfKit.text(scope(r)));
            String section = null;
            List<List<String>> rows = new ArrayList<>();
            for (OutcomeLines.Line line : OutcomeLines.of(r)) {
                if (!line.section().equals(section)) {
                    if (section != null) {
                        doc.add(PdfKit.table(List.of("Chiffre", "Valeur", "Note"), rows, 6, 3, 1));
                        rows = new ArrayList<>();
                    }
                    section = line.section();
                    doc.add(PdfKit.heading(section));
                }
                rows.add(List.of(line.label(), line.shown(), "(" + line.note() + ")"));
            }
            if (!rows.isEmpty()) {
                doc.add(PdfKit.table(List.of("Chiffre", "Valeur", "Note"), rows, 6, 3, 1));
            }
            doc.add(PdfKit.heading("Définitions"));
            for (OutcomeLines.Note n : OutcomeLines.notes(r)) {
                doc.add(PdfKit.small("(" + n.number() + ") " + n.text()));
            }
        });
    }

    /** One figure per row (section, figure, value, note number), then the definitions on a second sheet. */
    void xlsx(OutcomeReport r, OutputStream out) {
        try {
            Workbook wb = new Workbook(out, "Parc Solidaire", "1.0");
            Worksheet ws = wb.newWorksheet("Résultats");
            ws.inlineString(0, 0, title(r));
            ws.inlineString(1, 0, scope(r));
            for (int c = 0; c < HEADERS.size(); c++) {
                ws.inlineString(3, c, HEADERS.get(c));
                ws.style(3, c).bold().set();
            }
            int row = 4;
            for (OutcomeLines.Line line : OutcomeLines.of(r)) {
                ws.inlineString(row, 0, line.section());
                ws.inlineString(row, 1, CellDefuser.defuse(line.label()));
                if (line.value() instanceof BigDecimal d) {
                    // 1200.00 € is written 1200: the spreadsheet formats it, trailing zeros would only be noise.
                    ws.value(row, 2, new BigDecimal(d.stripTrailingZeros().toPlainString()));
                } else if (line.value() instanceof Number n) {
                    ws.value(row, 2, n);
                } else {
                    ws.inlineString(row, 2, CellDefuser.defuse(line.shown()));
                }
                // Written "(1)" as on the page and in the PDF: a reference, not a figure anyone should add up.
                ws.inlineString(row, 3, "(" + line.note() + ")");
                row++;
            }
            Worksheet notes = wb.newWorksheet("Définitions");
            notes.inlineString(0, 0, "Note");
            notes.inlineString(0, 1, "Définition");
            int n = 1;
            for (OutcomeLines.Note note : OutcomeLines.notes(r)) {
                notes.value(n, 0, note.number());
                notes.inlineString(n, 1, note.text());
                n++;
            }
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
