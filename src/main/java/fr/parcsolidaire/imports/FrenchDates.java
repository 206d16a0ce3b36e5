package fr.parcsolidaire.imports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as spreadsheets hold them: 28/11/2026 (or 28-11-2026, 28.11.2026, 28/11/26), 2026-11-28,
 * « 28 novembre 2026 » or « 28-nov.-26 », each possibly followed by a time, and Excel's serial day numbers.
 */
final class FrenchDates {

    /** Day 0 of Excel's 1900 system, once its fictitious 29 February 1900 is stepped over (serials from 61 on). */
    private static final LocalDate EXCEL_1900 = LocalDate.of(1899, 12, 30);
    private static final LocalDate EXCEL_1904 = LocalDate.of(1904, 1, 1);
    /** 9999-12-31 in the 1900 system: Excel's last date. */
    private static final long EXCEL_MAX_SERIAL = 2_958_465;

    /** Compared once folded to lower case: "T" and "Z" read as "t" and "z". */
    private static final String TIME = "(?:[ t]\\d{1,2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?(?:z|[+-]\\d{2}:?\\d{2})?)?";
    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})" + TIME);
    private static final Pattern NUMERIC = Pattern.compile("(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4}|\\d{2})" + TIME);
    private static final Pattern NAMED = Pattern.compile(
            "(?:[a-z]+\\.? )?(\\d{1,2})(?:er)?[ -]([a-z]+)\\.?[ -](\\d{4}|\\d{2})" + TIME);
    private static final Pattern SERIAL = Pattern.compile("\\d{1,7}(?:[.,]\\d+)?");

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("janvier", 1), Map.entry("janv", 1), Map.entry("jan", 1),
            Map.entry("fevrier", 2), Map.entry("fevr", 2), Map.entry("fev", 2),
            Map.entry("mars", 3), Map.entry("mar", 3),
            Map.entry("avril", 4), Map.entry("avr", 4),
            Map.entry("mai", 5),
            Map.entry("juin", 6),
            Map.entry("juillet", 7), Map.entry("juil", 7),
            Map.entry("aout", 8),
            Map.entry("septembre", 9), Map.entry("sept", 9), Map.entry("sep", 9),
            Map.entry("octobre", 10), Map.entry("oct", 10),
            Map.entry("novembre", 11), Map.entry("nov", 11),
            Map.entry("decembre", 12), Map.entry("dec", 12));

    private FrenchDates() {
    }

    /**
     * The date written in the cell, or null when it is not one.
     *
     * @param excelSerials a bare number is an Excel serial day (the cell came from an XLSX workbook)
     */
    static LocalDate parse(String text, boolean excelSerials, boolean date1904) {
        if (text == null) {
            return null;
        }
        String t = Vocabulary.fold(text.strip());
        try {
            Matcher m = ISO.matcher(t);
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            }
            m = NUMERIC.matcher(t);
            if (m.matches()) {
                return LocalDate.of(year(m.group(3)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)));
            }
            m = NAMED.matcher(t);
            if (m.matches()) {
                Integer month = MONTHS.get(m.group(2));
                return month == null ? null : LocalDate.of(year(m.group(3)), month, Integer.parseInt(m.group(1)));
            }
        } catch (DateTimeException e) {
            return null;
        }
        if (excelSerials && SERIAL.matcher(t).matches()) {
            String iso = fromExcelSerial(new BigDecimal(t.replace(',', '.')), date1904);
            return iso == null ? null : LocalDate.parse(iso);
        }
        return null;
    }

    /** Excel's serial day number as an ISO date (the time of day dropped), or null outside Excel's calendar. */
    static String fromExcelSerial(BigDecimal serial, boolean date1904) {
        long days = serial.setScale(0, RoundingMode.FLOOR).longValue();
        if (days < (date1904 ? 0 : 61) || days > EXCEL_MAX_SERIAL) {
            return null;
        }
        return (date1904 ? EXCEL_1904 : EXCEL_1900).plusDays(days).toString();
    }

    /** "26" is 2026: imported stock was received from 2000 on. */
    private static int year(String y) {
        int n = Integer.parseInt(y);
        return y.length() == 2 ? 2000 + n : n;
    }
}
