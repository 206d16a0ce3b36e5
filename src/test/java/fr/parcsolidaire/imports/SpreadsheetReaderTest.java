package fr.parcsolidaire.imports;

import fr.parcsolidaire.platform.http.HttpProblem;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpreadsheetReaderTest {

    private static final Charset CP1252 = Charset.forName("windows-1252");

    private static Spreadsheet read(byte[] bytes) {
        return SpreadsheetReader.read(bytes, ImportLimits.DEFAULT);
    }

    private static HttpProblem refused(byte[] bytes) {
        return refused(bytes, ImportLimits.DEFAULT);
    }

    private static HttpProblem refused(byte[] bytes, ImportLimits limits) {
        return assertThrows(HttpProblem.class, () -> SpreadsheetReader.read(bytes, limits));
    }

    @Test
    void csvUtf8WithByteOrderMarkAsFrenchExcelSavesIt() {
        Spreadsheet s = read(Samples.csv(StandardCharsets.UTF_8, Samples.UTF8_BOM,
                "Type;Marque;Modèle;N° de série;État", "Portable;Dell;Latitude 5490;SN-1;Prête"));
        assertEquals(Spreadsheet.Format.CSV, s.source().format());
        assertEquals("UTF-8 (avec BOM)", s.source().encoding());
        assertEquals(';', s.source().delimiter());
        assertEquals(List.of("Type", "Marque", "Modèle", "N° de série", "État"), s.rows().getFirst().cells(),
                "the byte order mark is not glued to the first header");
        assertEquals(List.of("Portable", "Dell", "Latitude 5490", "SN-1", "Prête"), s.rows().get(1).cells());
        assertEquals("CSV, séparateur point-virgule, encodage UTF-8 (avec BOM)", s.source().describe());
    }

    @Test
    void csvInWindows1252IsDetectedAndDecoded() {
        byte[] bytes = Samples.csv(CP1252, new byte[0], "Type;Modèle;État;Donateur", "Écran;Série « é » 24\";Reçue;Société Générale");
        assertEquals((byte) 0xE8, bytes[8], "the file really is in Windows-1252: è is one byte");
        Spreadsheet s = read(bytes);
        assertEquals("Windows-1252", s.source().encoding());
        assertEquals(List.of("Type", "Modèle", "État", "Donateur"), s.rows().getFirst().cells());
        assertEquals(List.of("Écran", "Série « é » 24\"", "Reçue", "Société Générale"), s.rows().get(1).cells());
    }

    @Test
    void plainAsciiAndUtf8WithoutMarkAreUtf8() {
        assertEquals("UTF-8", read(Samples.utf8("Type;Marque", "Portable;Dell")).source().encoding());
        Spreadsheet s = read(Samples.utf8("Type;Modèle", "Écran;Pro é"));
        assertEquals("UTF-8", s.source().encoding());
        assertEquals(List.of("Écran", "Pro é"), s.rows().get(1).cells());
    }

    @Test
    void utf16TextUnicodeExportWithTabs() {
        Spreadsheet s = read(Samples.csv(StandardCharsets.UTF_16LE, new byte[]{(byte) 0xFF, (byte) 0xFE},
                "Type\tModèle", "Tablette\tGalaxy Tab A"));
        assertEquals('\t', s.source().delimiter());
        assertEquals("UTF-16 (texte Unicode)", s.source().encoding());
        assertEquals(List.of("Tablette", "Galaxy Tab A"), s.rows().get(1).cells());
    }

    @Test
    void quotedCellsKeepSemicolonsQuotesAndLineBreaks() {
        Spreadsheet s = read(Samples.utf8("Type;Modèle;Remarque",
                "Portable;\"ThinkPad T480; 14\"\" FHD\";\"deux\r\nlignes\"",
                "Écran;P2419H;ok"));
        assertEquals(List.of("Portable", "ThinkPad T480; 14\" FHD", "deux\r\nlignes"), s.rows().get(1).cells());
        assertEquals(3, s.rows().get(2).line(), "a record spanning two physical lines is still row 3 of the sheet");
    }

    @Test
    void commaAndTabSeparatorsAreFoundFromTheFirstLines() {
        assertEquals(',', read(Samples.utf8("Type,Marque,Modèle", "Portable,Dell,\"Latitude; 5490\"")).source().delimiter());
        assertEquals('\t', read(Samples.utf8("Type\tMarque", "Portable\tHP")).source().delimiter());
        assertEquals(';', read(Samples.utf8("Type", "Portable")).source().delimiter(), "one column: French Excel's ;");
    }

    @Test
    void blankRowsAreLeftOutAndRowsKeepTheirNumbers() {
        Spreadsheet s = read(Samples.utf8("Inventaire 2024;;;", ";;;", "Type;Marque;;", "", "Portable;Dell;;", ";;;"));
        assertEquals(List.of(1, 3, 5), s.rows().stream().map(Spreadsheet.Row::line).toList());
        assertEquals(List.of("Portable", "Dell"), s.rows().get(2).cells(), "trailing empty cells are dropped");
    }

    @Test
    void formulasInACsvAreTextAndStayText() {
        // As Excel writes it: the cell holds ; and " so it is quoted, its quotes doubled.
        Spreadsheet s = read(Samples.utf8("Type;Marque;Modèle",
                "Portable;\"=HYPERLINK(\"\"http://evil.example\"\";\"\"clic\"\")\";+33 6 00 00 00 00",
                "Écran;@SUM(A1:A2);-1",
                "Écran;Dell 24\";ok"));
        assertEquals(List.of("Portable", "=HYPERLINK(\"http://evil.example\";\"clic\")", "+33 6 00 00 00 00"),
                s.rows().get(1).cells());
        assertEquals(List.of("Écran", "@SUM(A1:A2)", "-1"), s.rows().get(2).cells());
        assertEquals(List.of("Écran", "Dell 24\"", "ok"), s.rows().get(3).cells(), "a quote inside an unquoted cell is a quote");
    }

    @Test
    void xlsxWrittenByFastexcelIsReadCellByCell() {
        byte[] xlsx = Samples.xlsx((wb, ws) -> {
            ws.value(0, 0, "Type");
            ws.value(0, 1, "Modèle");
            ws.value(0, 2, "N° de série");
            ws.value(0, 3, "Date");
            ws.value(0, 4, "Quantité");
            ws.value(1, 0, "Portable");
            ws.value(1, 1, "Latitude « 5490 » é");
            ws.value(1, 2, 123456789012L);
            Samples.date(ws, 1, 3, LocalDate.of(2026, 11, 28), "dd/mm/yyyy");
            ws.value(1, 4, 2.5);
            ws.value(2, 0, "Écran");
            ws.formula(2, 1, "HYPERLINK(\"http://evil.example\",\"clic\")");
            ws.value(2, 2, "SN-2");
            Samples.date(ws, 2, 3, LocalDate.of(2025, 1, 31), null);
        });
        Spreadsheet s = read(xlsx);
        assertEquals(Spreadsheet.Format.XLSX, s.source().format());
        assertEquals("Classeur Excel (XLSX)", s.source().describe());
        assertEquals(List.of("Type", "Modèle", "N° de série", "Date", "Quantité"), s.rows().get(0).cells());
        assertEquals(1, s.rows().get(0).line());
        assertEquals(List.of("Portable", "Latitude « 5490 » é", "123456789012", "2026-11-28", "2.5"), s.rows().get(1).cells());
        assertEquals("=HYPERLINK(\"http://evil.example\",\"clic\")", s.rows().get(2).cells().get(1),
                "a formula is read as its own text, never evaluated");
        assertEquals("45688", s.rows().get(2).cells().get(3), "a date without a date format stays Excel's serial number");
        assertEquals(LocalDate.of(2025, 1, 31), FrenchDates.parse("45688", true, false));
    }

    @Test
    void xlsxRowsKeepTheirSheetNumbersAcrossEmptyRows() {
        byte[] xlsx = Samples.xlsx((wb, ws) -> {
            ws.value(0, 0, "Type");
            ws.value(3, 0, "Portable");
        });
        assertEquals(List.of(1, 4), read(xlsx).rows().stream().map(Spreadsheet.Row::line).toList());
    }

    @Test
    void emptyFilesAreRefusedInFrench() {
        assertEquals("Le fichier est vide.", refused(new byte[0]).getMessage());
        assertEquals("Le fichier ne contient aucune ligne remplie.", refused(Samples.UTF8_BOM).getMessage());
        assertEquals("Le fichier ne contient aucune ligne remplie.", refused(Samples.utf8(";;;", "", " ; ")).getMessage());
        assertEquals("Le fichier ne contient aucune ligne remplie.",
                refused(Samples.xlsx((wb, ws) -> ws.value(0, 0, ""))).getMessage());
    }

    @Test
    void aTenMegabyteLineIsRefusedWithoutBeingHeld() {
        byte[] line = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(line, (byte) 'A');
        byte[] head = "Type;Marque\r\nPortable;".getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[head.length + line.length];
        System.arraycopy(head, 0, file, 0, head.length);
        System.arraycopy(line, 0, file, head.length, line.length);
        HttpProblem p = assertTimeoutPreemptively(java.time.Duration.ofSeconds(2), () -> refused(file));
        assertEquals(413, p.status().code());
        assertEquals("La ligne 2 du fichier dépasse 32 768 caractères : ce n'est pas une ligne d'inventaire. "
                + "Vérifiez le fichier (un guillemet non fermé ?) et renvoyez-le.", p.getMessage());
    }

    @Test
    void anUnclosedQuoteIsRefusedWithItsLine() {
        HttpProblem p = refused(Samples.utf8("Type;Modèle", "Portable;Latitude", "Écran;\"P2419H", "Tablette;Tab A"));
        assertTrue(p.getMessage().startsWith("Le fichier CSV est mal formé vers la ligne"), p.getMessage());
        assertTrue(p.getMessage().contains("un guillemet ouvert n'est pas refermé"), p.getMessage());
    }

    @Test
    void tooManyRowsOrColumnsAreRefusedBeforeTheRestIsRead() {
        List<String> lines = new ArrayList<>();
        lines.add("Type;Marque");
        for (int i = 0; i < 60_000; i++) {
            lines.add("Portable;Dell");
        }
        HttpProblem rows = refused(Samples.utf8(lines.toArray(String[]::new)));
        assertEquals("Le fichier compte plus de 50 000 lignes de machines : découpez-le en plusieurs fichiers "
                + "et importez-les l'un après l'autre.", rows.getMessage());
        HttpProblem wide = refused(Samples.utf8("Type;Marque", "Portable;" + "x;".repeat(300)));
        assertEquals("La ligne 2 compte plus de 200 colonnes : ce n'est pas un inventaire. Gardez une colonne par "
                + "information (type, marque, modèle…).", wide.getMessage());
        ImportLimits small = new ImportLimits(1024 * 1024, 100, 3, 5, 10, 10_000, 1);
        assertEquals(413, refused(Samples.utf8("Type", "a", "b", "c", "d"), small).status().code());
        assertEquals(3, SpreadsheetReader.read(Samples.utf8("Type", "a", "b", "c"), small).rows().size() - 1);
        assertEquals("Le fichier dépasse la taille maximale de 1 Mo : découpez-le en plusieurs fichiers.",
                refused(new byte[1024 * 1024 + 1], small).getMessage());
    }

    @Test
    void binaryFilesOldExcelAndOpenDocumentAreTurnedAwayWithWhatToDo() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D};
        HttpProblem p = refused(png);
        assertEquals(415, p.status().code());
        assertTrue(p.getMessage().startsWith("Ce fichier n'est ni un CSV ni un classeur XLSX"), p.getMessage());
        byte[] xls = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
        assertTrue(refused(xls).getMessage().contains("Excel 97-2003 (.xls)"));
        byte[] ods = odsLike();
        assertTrue(refused(ods).getMessage().contains("OpenDocument (.ods)"), refused(ods).getMessage());
    }

    @Test
    void aDamagedWorkbookIsRefusedWithoutFastexcelsEnglish() {
        byte[] xlsx = Samples.xlsxRows(List.of(List.of("Type"), List.of("Portable")));
        byte[] cut = java.util.Arrays.copyOf(xlsx, xlsx.length / 2);
        HttpProblem p = refused(cut);
        assertEquals(400, p.status().code());
        assertEquals("Ce classeur Excel est illisible ou abîmé. Ouvrez-le dans votre tableur, enregistrez-le à nouveau "
                + "au format .xlsx ou CSV, puis renvoyez-le.", p.getMessage());
        assertEquals(p.getMessage(), refused(Samples.zipOfEntries(3)).getMessage(), "a zip that is no workbook");
    }

    @Test
    void zipBombsAreRefusedBeforeFastexcelInflatesThem() {
        byte[] bomb = Samples.xlsxBomb(300L * 1024 * 1024);
        assertTrue(bomb.length < 2 * 1024 * 1024, "the bomb is small on disk: " + bomb.length);
        HttpProblem p = assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> refused(bomb));
        assertEquals(413, p.status().code());
        assertEquals("Ce classeur est refusé : une fois décompressé, il dépasserait 200 Mo. Un inventaire n'en a pas "
                + "besoin ; enregistrez-le à nouveau depuis votre tableur ou envoyez-le au format CSV.", p.getMessage());
        HttpProblem entries = refused(Samples.zipOfEntries(1_500));
        assertTrue(entries.getMessage().contains("il contient plus de 1 000 éléments"), entries.getMessage());
    }

    @Test
    void entitiesInAWorkbooksXmlAreNeverExpandedNorFetched() throws Exception {
        byte[] xlsx = Samples.xlsxRows(List.of(List.of("Type"), List.of("Portable")));
        String laughs = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE worksheet [
                  <!ENTITY lol "lollollollollollollollollollol">
                  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
                  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
                  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
                  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
                  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
                  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
                  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
                  <!ENTITY xxe SYSTEM "file:///etc/passwd">
                ]>
                <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
                <row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>
                <row r="2"><c r="A2" t="inlineStr"><is><t>&xxe;</t></is></c></row>
                </sheetData></worksheet>""";
        String plain = """
                <?xml version="1.0" encoding="UTF-8"?>
                <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
                <row r="1"><c r="A1" t="inlineStr"><is><t>Type</t></is></c></row>
                <row r="2"><c r="A2" t="inlineStr"><is><t>Écran</t></is></c></row>
                </sheetData></worksheet>""";
        assertEquals(List.of("Écran"), read(Samples.replaceEntry(xlsx, "xl/worksheets/sheet1.xml", plain)).rows().get(1).cells(),
                "the rewritten workbook is a workbook: only the entities make the difference");
        byte[] hostile = Samples.replaceEntry(xlsx, "xl/worksheets/sheet1.xml", laughs);
        HttpProblem p = assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> refused(hostile));
        assertEquals(XlsxSheetReader.unreadable().getMessage(), p.getMessage());
    }

    @Test
    void aNormalWorkbookPassesTheGuard() {
        byte[] xlsx = Samples.xlsxRows(List.of(List.of("Type", "Marque"), List.of("Portable", "Dell")));
        ZipGuard.check(xlsx, ImportLimits.DEFAULT);
        assertFalse(read(xlsx).rows().isEmpty());
    }

    private static byte[] odsLike() {
        var out = new java.io.ByteArrayOutputStream();
        try (var zip = new java.util.zip.ZipOutputStream(out)) {
            var entry = new java.util.zip.ZipEntry("mimetype");
            byte[] type = "application/vnd.oasis.opendocument.spreadsheet".getBytes(StandardCharsets.US_ASCII);
            entry.setMethod(java.util.zip.ZipEntry.STORED);
            entry.setSize(type.length);
            var crc = new java.util.zip.CRC32();
            crc.update(type);
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            zip.write(type);
            zip.closeEntry();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
