package fr.parcsolidaire.imports;

import fr.parcsolidaire.platform.http.HttpProblem;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.dhatim.fastexcel.reader.SheetVisibility;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The first visible sheet of an XLSX workbook, streamed row by row (fastexcel-reader). Every cell becomes text:
 * a formula is kept as its own text ("=SOMME(A1:A3)"), never evaluated and never replaced by the value Excel
 * cached beside it; a number formatted as a date becomes an ISO date; other numbers keep their digits.
 */
final class XlsxSheetReader {

    /** Excel's built-in number formats that display a date (ECMA-376 part 1, 18.8.30). */
    private static final Pattern BUILT_IN_DATE_IDS = Pattern.compile("1[4-9]|2[0-2]|4[5-7]");
    /** Quoted text, escaped characters and [colour]/[$-locale] brackets say nothing about a date. */
    private static final Pattern FORMAT_NOISE = Pattern.compile("\"[^\"]*\"|\\\\.|\\[[^]]*]");

    private XlsxSheetReader() {
    }

    static Spreadsheet read(byte[] bytes, ImportLimits limits) {
        ZipGuard.check(bytes, limits);
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(bytes), new ReadingOptions(true, false))) {
            boolean date1904 = workbook.isDate1904();
            Sheet sheet = workbook.getSheets().filter(s -> s.getVisibility() == SheetVisibility.VISIBLE).findFirst()
                    .orElseThrow(() -> Refusals.unreadable("Ce classeur n'a aucune feuille visible."));
            List<Spreadsheet.Row> rows = new ArrayList<>();
            try (Stream<Row> stream = sheet.openStream()) {
                int dataRows = -1;
                for (Iterator<Row> it = stream.iterator(); it.hasNext(); ) {
                    Row row = it.next();
                    String[] cells = new String[row.getCellCount()];
                    for (int i = 0; i < cells.length; i++) {
                        cells[i] = text(row.getCell(i), date1904);
                    }
                    List<String> kept = SheetBounds.nonBlank(cells, limits, row.getRowNum());
                    if (kept.isEmpty()) {
                        continue;
                    }
                    if (++dataRows > limits.maxRows()) {
                        throw SheetBounds.tooMany(limits);
                    }
                    rows.add(new Spreadsheet.Row(row.getRowNum(), kept));
                }
            }
            return new Spreadsheet(new Spreadsheet.Source(Spreadsheet.Format.XLSX, null, (char) 0, date1904), rows);
        } catch (HttpProblem problem) {
            throw problem;
        } catch (IOException | RuntimeException e) {
            // fastexcel's own messages are in English and may quote the XML: the person gets one French sentence.
            throw unreadable();
        }
    }

    static HttpProblem unreadable() {
        return Refusals.unreadable("Ce classeur Excel est illisible ou abîmé. Ouvrez-le dans votre tableur, "
                + "enregistrez-le à nouveau au format .xlsx ou CSV, puis renvoyez-le.");
    }

    static String text(Cell cell, boolean date1904) {
        if (cell == null) {
            return "";
        }
        return switch (cell.getType()) {
            case EMPTY -> "";
            case FORMULA -> "=" + cell.getFormula();
            case BOOLEAN -> "1".equals(cell.getRawValue()) || "true".equalsIgnoreCase(cell.getRawValue()) ? "VRAI" : "FAUX";
            case NUMBER -> number(cell, date1904);
            case STRING, ERROR -> cell.getText();
        };
    }

    private static String number(Cell cell, boolean date1904) {
        String raw = cell.getRawValue();
        BigDecimal value;
        try {
            value = new BigDecimal(raw.strip());
        } catch (NumberFormatException e) {
            return raw;
        }
        if (isDateFormat(cell.getDataFormatId(), cell.getDataFormatString())) {
            String date = FrenchDates.fromExcelSerial(value, date1904);
            return date == null ? value.toPlainString() : date;
        }
        return value.stripTrailingZeros().toPlainString();
    }

    static boolean isDateFormat(Integer id, String format) {
        if (id != null && BUILT_IN_DATE_IDS.matcher(id.toString()).matches()) {
            return true;
        }
        if (format == null || format.equalsIgnoreCase("General")) {
            return false;
        }
        String bare = FORMAT_NOISE.matcher(format).replaceAll("").toLowerCase(Locale.ROOT);
        return bare.indexOf('d') >= 0 || bare.indexOf('y') >= 0;
    }
}
