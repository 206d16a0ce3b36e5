package fr.parcsolidaire.reports;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.platform.security.Role;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CSV, XLSX and PDF outputs parsed back: French Excel format, defused formulas, no personal data. */
class ExportsAndPdfTest {

    private static ReportFixture world;
    private static Http coordinator;

    @BeforeAll
    static void setUp() {
        world = ReportFixture.build();
        coordinator = Http.api(Role.COORDINATOR);
    }

    private static byte[] download(String path, String contentType) {
        HttpResponse<byte[]> r = coordinator.getBytes(path);
        assertEquals(200, r.statusCode(), path);
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(contentType), path);
        return r.body();
    }

    @Test
    void machinesCsvOpensInFrenchExcelWithFormulasDefused() throws IOException {
        byte[] bytes = download("/reports/machines.csv?site=" + world.site, "text/csv");
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3), "UTF-8 BOM");
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("Numéro d'inventaire;Type;"), "semicolon separated, French headers");
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setDelimiter(';').get().parse(new StringReader(text)).getRecords();
        assertEquals(12, records.size(), "header + 11 machines");
        Map<String, CSVRecord> byTag = records.stream().skip(1).collect(Collectors.toMap(r -> r.get(0), r -> r));
        assertEquals("'=HYPERLINK(\"http://x\")", byTag.get(world.laptops.get(0)).get(3));
        assertEquals("'@SUM(A1)", byTag.get(world.laptops.get(1)).get(3));
        assertEquals("Recyclée (DEEE)", byTag.get(world.screen).get(5));
        assertEquals("Particulier", byTag.get(world.residentLaptop).get(10));
        assertEquals("", byTag.get(world.residentLaptop).get(11), "a resident donor is never named");
        assertFalse(text.contains(world.resident));
        assertTrue(text.contains("\r\n"), "CRLF records");
    }

    @Test
    void perPersonAssignmentsExportsCarryNoNamesEvenForAdministrators() throws IOException {
        Http admin = Http.api(Role.ADMIN);
        HttpResponse<byte[]> r = admin.getBytes("/reports/assignments.csv?site=" + world.site);
        assertEquals(200, r.statusCode());
        String csv = new String(r.body(), StandardCharsets.UTF_8).substring(1);
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setDelimiter(';').get().parse(new StringReader(csv)).getRecords();
        assertEquals(7, records.size(), "header + 6 assignments");
        assertFalse(csv.contains("Martin") || csv.contains("Camille"), "no names");
        assertTrue(csv.contains("Villeurbanne"));
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(
                admin.getBytes("/reports/assignments.xlsx?site=" + world.site).body()))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals(7, rows.size());
            assertEquals("Attribution n°", rows.getFirst().getCellAsString(0).orElseThrow());
        }
    }

    /** The dashboard as a spreadsheet: the same figures, people counts as the page shows them. */
    @Test
    void figuresExportsHoldTheDashboardTablesWithPeopleCountsProtected() throws IOException {
        List<List<String>> csv = CoordinatorExportsTest.csv(download("/reports/figures.csv?site=" + world.site, "text/csv"));
        assertEquals(List.of("Tableau", "Ligne", "Colonne", "Valeur"), csv.getFirst());
        assertEquals("11", cell(csv, "Matériel", "Total", "Reçues"));
        assertEquals("4,5", cell(csv, "Matériel", "Total", "kg recyclés"));
        assertEquals("6", cell(csv, "Bénéficiaires servis", "Total", "Personnes"));
        assertEquals("< 5", cell(csv, "Bénéficiaires par situation", "Demandeur d'emploi", "Personnes"));
        assertEquals("0", cell(csv, "Bénéficiaires par situation", "Retraité", "Personnes"));
        assertEquals("non publiée", cell(csv, "Bénéficiaires par tranche d'âge", "Répartition", "Personnes"));
        assertEquals("non publiée", cell(csv, "Bénéficiaires par commune", "Répartition", "Personnes"));
        assertEquals("10", cell(csv, "Donateurs", world.company, "Machines"));
        assertFalse(csv.toString().contains(world.resident));

        List<List<String>> xlsx = CoordinatorExportsTest.xlsx(download("/reports/figures.xlsx?site=" + world.site,
                "application/vnd.openxmlformats"));
        assertEquals(csv.size(), xlsx.size(), "CSV and XLSX hold the same rows");
        assertEquals("11", cell(xlsx, "Matériel", "Total", "Reçues"));
        assertEquals("< 5", cell(xlsx, "Bénéficiaires par situation", "Bénéficiaire du RSA", "Personnes"));
        assertEquals("486", cell(xlsx, "Impact environnemental", "Total", "kg CO2e évités"));
    }

    private static String cell(List<List<String>> rows, String table, String line, String column) {
        return rows.stream().filter(r -> r.get(0).equals(table) && r.get(1).equals(line) && r.get(2).equals(column))
                .map(r -> r.get(3).replaceAll("\\.0+$", "")).findFirst()
                .orElseThrow(() -> new AssertionError(table + " / " + line + " / " + column));
    }

    @Test
    void machinesXlsxParsesBackWithDefusedFormulas() throws IOException {
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(
                download("/reports/machines.xlsx?site=" + world.site, "application/vnd.openxmlformats")))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals(12, rows.size());
            assertEquals("Numéro d'inventaire", rows.getFirst().getCellAsString(0).orElseThrow());
            Map<String, Row> byTag = rows.stream().skip(1).collect(Collectors.toMap(r -> r.getCellAsString(0).orElseThrow(), r -> r));
            assertEquals("'=HYPERLINK(\"http://x\")", byTag.get(world.laptops.get(0)).getCellAsString(3).orElseThrow());
            assertEquals("'@SUM(A1)", byTag.get(world.laptops.get(1)).getCellAsString(3).orElseThrow());
            assertTrue(rows.stream().allMatch(r -> r.stream().allMatch(c -> c == null || c.getFormula() == null)), "no formula cell");
            assertEquals(world.donationA, byTag.get(world.desktop).getCellAsNumber(8).orElseThrow().longValue());
        }
    }

    @Test
    void activityReportPdfHasIdentityPeriodTablesAndCharts() throws IOException {
        String text = pdfText(download("/reports/activity.pdf?site=" + world.site, "application/pdf"));
        assertTrue(text.contains("Rapport d'activité — ") && text.contains("Site des rapports"), text);
        assertTrue(text.contains("Période du 01/01/" + ReportFixture.TODAY.getYear()));
        assertTrue(text.contains("Flux mensuels"), "chart title");
        assertTrue(text.contains("Remises en état"));
        assertTrue(text.contains("< 5"), "suppressed counts");
        assertTrue(text.contains("répartition non publiée"), "withheld breakdowns");
        assertTrue(text.contains("ADEME"));
        assertTrue(text.contains(world.company));
        assertFalse(text.contains(world.resident));
        assertFalse(text.contains("Martin"));
    }

    @Test
    void donorPackDocumentsParseBack() throws IOException {
        Http browser = Http.browser(Role.COORDINATOR);
        String donationPage = Fixtures.expect(200, browser.get("/donations/" + world.donationA)).body();
        assertTrue(donationPage.contains("/donations/" + world.donationA + "/erasure-certificate.pdf"));
        assertFalse(Http.browser(Role.TECHNICIAN).get("/donations/" + world.donationA).body().contains("receipt.pdf"),
                "links only for REPORTS holders");

        String receipt = pdfText(download("/donations/" + world.donationA + "/receipt.pdf", "application/pdf"));
        assertTrue(receipt.contains("Reçu de don de matériel n° " + world.donationA));
        assertTrue(receipt.contains(world.company));
        assertTrue(receipt.contains(world.desktop));
        assertTrue(receipt.contains("10 élément(s)"));

        String certificate = pdfText(download("/donations/" + world.donationA + "/erasure-certificate.pdf", "application/pdf"));
        assertTrue(certificate.contains("Certificat d'effacement des données"));
        for (String serial : world.erasedSerials) {
            assertTrue(certificate.replaceAll("\\s", "").contains(serial), "serial " + serial + " in\n" + certificate);
        }
        assertTrue(certificate.contains("nwipe"));
        assertTrue(certificate.contains("Purge"));
        assertTrue(certificate.contains("Réussi"), certificate);
        assertTrue(certificate.replaceAll("\\s+", " ").contains("Test " + Role.TECHNICIAN.label()), certificate);

        String outcomes = pdfText(download("/donations/" + world.donationA + "/outcomes.pdf", "application/pdf"));
        assertTrue(outcomes.contains("Ce qu'est devenu votre don"));
        // Participants: 2 given and 3 lent are "< 5"; together 5 out of the 10 machines, each between 1 and 4.
        // The reconditioned line overlaps them, so it is masked.
        assertTrue(outcomes.matches("(?s).*Reconditionnées[^\\n]*masqué.*"), outcomes);
        assertTrue(outcomes.matches("(?s).*Remises en don à des participants[^\\n]*< 5.*"), outcomes);
        assertTrue(outcomes.matches("(?s).*Prêtées en ce moment[^\\n]*< 5.*"), outcomes);
        assertTrue(outcomes.matches("(?s).*Prêtes, en attente d'attribution[^\\n]*1.*"), outcomes);
        assertTrue(outcomes.matches("(?s).*Recyclées \\(filière DEEE\\)[^\\n]*1.*"), outcomes);
        assertFalse(outcomes.contains("Martin") || outcomes.contains("Villeurbanne"), "never about people");

        assertEquals(404, coordinator.get("/donations/999999999/receipt.pdf").statusCode());
    }

    private static String pdfText(byte[] pdf) throws IOException {
        assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
        PdfReader reader = new PdfReader(pdf);
        try {
            PdfTextExtractor extractor = new PdfTextExtractor(reader);
            StringBuilder text = new StringBuilder();
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                text.append(extractor.getTextFromPage(page)).append('\n');
            }
            return text.toString();
        } finally {
            reader.close();
        }
    }
}
