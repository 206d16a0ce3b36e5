package fr.parcsolidaire.imports;

import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A workshop's inventory spreadsheet as French Excel saves it ("CSV (séparateur : point-virgule)", Windows-1252),
 * generated row by row: every type and importable state, forty donors, a year of reception dates, one machine in
 * ten carrying the workshop's former number. Used by the import tests and the {@code imports} benchmark.
 */
public final class InventoryFiles {

    public static final String HEADER = "N° d'inventaire;Type;Marque;Modèle;N° de série;État;Site;Donateur;Date de réception";
    static final String[] TYPES = {"Portable", "PC fixe", "Écran", "Tablette", "Téléphone", "Imprimante", "Clavier"};
    static final String[] STATES = {"", "En diagnostic", "En reconditionnement", "Prête"};
    static final String[] BRANDS = {"Dell", "Lenovo", "HP", "Fujitsu", "Samsung", "Brother", "Logitech"};
    static final int DONORS = 40;
    static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);
    private static final DateTimeFormatter FRENCH = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private InventoryFiles() {
    }

    /** The cells of each row; {@code run} makes serials and donor names unique to one test or bench run. */
    public static List<String[]> rows(int count, String run, String site) {
        List<String[]> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(new String[]{
                    i % 10 == 0 ? "ANC-" + i : "",
                    TYPES[i % TYPES.length],
                    BRANDS[i % BRANDS.length],
                    "Modèle é " + (i % 13),
                    run + "-" + i,
                    STATES[i % STATES.length],
                    site,
                    "Donateur " + run + " n° " + (i % DONORS),
                    FIRST_DAY.plusDays(i % 365).format(FRENCH)});
        }
        return rows;
    }

    public static byte[] csv(List<String[]> rows) {
        StringBuilder text = new StringBuilder(HEADER).append("\r\n");
        for (String[] row : rows) {
            text.append(String.join(";", row)).append("\r\n");
        }
        return text.toString().getBytes(Charset.forName("windows-1252"));
    }

    public static byte[] csv(int count, String run, String site) {
        return csv(rows(count, run, site));
    }

    /** The same rows as a workbook (text cells, the date as typed), the header as the first row. */
    public static byte[] xlsx(List<String[]> rows) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            org.dhatim.fastexcel.Workbook wb = new org.dhatim.fastexcel.Workbook(out, "tests", "1.0");
            org.dhatim.fastexcel.Worksheet ws = wb.newWorksheet("Inventaire");
            String[] header = HEADER.split(";");
            for (int c = 0; c < header.length; c++) {
                ws.value(0, c, header[c]);
            }
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < header.length; c++) {
                    ws.value(r + 1, c, rows.get(r)[c]);
                }
            }
            wb.finish();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
