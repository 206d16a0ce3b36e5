package fr.parcsolidaire.reports;

import fr.parcsolidaire.gdpr.AccessLog;
import fr.parcsolidaire.platform.http.Formats;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import io.helidon.dbclient.DbRow;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Writes an export straight from a database cursor to the response: rows are read in batches inside a
 * read-only transaction (the driver's fetch size) and written as they come, so memory stays flat.
 */
final class Exports {

    /** French Excel: semicolon, CRLF, RFC 4180 quoting; the BOM tells Excel the file is UTF-8. */
    private static final CSVFormat FRENCH_EXCEL = CSVFormat.RFC4180.builder().setDelimiter(';').setRecordSeparator("\r\n").get();
    private static final int FLUSH_EVERY = 1000;

    private final Database database;

    public Exports(Database database) {
        this.database = database;
    }

    /**
     * A per-person export leaves one line in the audit log of personal data (gdpr/AccessLog, action EXPORT),
     * written on its own before the first byte is sent: a download cut short is still journaled.
     */
    void journal(User who, ExportTable table, ReportPeriod p, String format) {
        AccessLog.record(database.client().execute(), who, null, AccessLog.Action.EXPORT,
                "export des " + table.fileName() + " détaillées (" + format + "), du " + Formats.date(p.from()) + " au "
                        + Formats.date(p.to()) + ", " + p.scopeLabel());
    }

    void csv(ExportTable table, ReportPeriod p, OutputStream out) {
        csv(table.headers(), sink -> rows(table, p, sink), out);
    }

    void xlsx(ExportTable table, ReportPeriod p, OutputStream out) {
        xlsx(table.sheetName(), table.headers(), sink -> rows(table, p, sink), out);
    }

    /** The dashboard's figures (FiguresExport), already protected: a few hundred rows, no cursor needed. */
    void figuresCsv(Summary s, OutputStream out) {
        csv(FiguresExport.HEADERS, sink -> FiguresExport.rows(s).forEach(sink), out);
    }

    void figuresXlsx(Summary s, OutputStream out) {
        xlsx("Chiffres", FiguresExport.HEADERS, sink -> FiguresExport.rows(s).forEach(sink), out);
    }

    private static void csv(List<String> headers, Consumer<Consumer<List<Object>>> rows, OutputStream out) {
        try {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            CSVPrinter printer = new CSVPrinter(writer, FRENCH_EXCEL);
            printer.printRecord(headers);
            rows.accept(cells -> {
                try {
                    printer.printRecord(cells.stream().map(Exports::csvCell).toList());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void xlsx(String sheetName, List<String> headers, Consumer<Consumer<List<Object>>> rows, OutputStream out) {
        try {
            Workbook wb = new Workbook(out, "Parc Solidaire", "1.0");
            Worksheet ws = wb.newWorksheet(sheetName);
            for (int c = 0; c < headers.size(); c++) {
                ws.inlineString(0, c, headers.get(c));
                ws.style(0, c).bold().set();
            }
            int[] row = {1};
            rows.accept(cells -> {
                int r = row[0]++;
                for (int c = 0; c < cells.size(); c++) {
                    xlsxCell(ws, r, c, cells.get(c));
                }
                if (r % FLUSH_EVERY == 0) {
                    try {
                        ws.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** From the replica when it is close enough behind the primary; back to the primary only before the first row left. */
    private void rows(ExportTable table, ReportPeriod p, Consumer<List<Object>> sink) {
        boolean[] sent = {false};
        database.inReportTransaction(tx -> {
            try (Stream<DbRow> rows = tx.createNamedQuery(table.statement()).addParam("fromDate", p.from())
                    .addParam("toDate", p.to()).addParam("siteId", p.siteId()).execute()) {
                rows.forEach(r -> {
                    sent[0] = true;
                    sink.accept(table.cells().apply(r));
                });
            }
            return null;
        }, () -> !sent[0]);
    }

    private static Object csvCell(Object v) {
        return switch (v) {
            case null -> "";
            case BigDecimal d -> Formats.number(d);
            case Number n -> n.toString();
            case LocalDate d -> Formats.date(d);
            case OffsetDateTime t -> Formats.dateTime(t);
            default -> CellDefuser.defuse(v.toString());
        };
    }

    private static void xlsxCell(Worksheet ws, int r, int c, Object v) {
        switch (v) {
            case null -> { }
            case Number n -> ws.value(r, c, n);
            case LocalDate d -> {
                ws.value(r, c, d);
                ws.style(r, c).format("dd/mm/yyyy").set();
            }
            case OffsetDateTime t -> {
                ws.value(r, c, t.atZoneSameInstant(ReportPeriod.ZONE).toLocalDateTime());
                ws.style(r, c).format("dd/mm/yyyy hh:mm").set();
            }
            default -> ws.inlineString(r, c, CellDefuser.defuse(v.toString()));
        }
    }
}
