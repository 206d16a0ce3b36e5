package fr.parcsolidaire.evidence;

import fr.parcsolidaire.platform.http.HttpProblem;
import org.junit.jupiter.api.Test;
import org.openpdf.text.Document;
import org.openpdf.text.ExceptionConverter;
import org.openpdf.text.Paragraph;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.PdfWriter;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.zip.Deflater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** nwipe ≥ 0.35's PDF certificate, read in Java from real certificates of loop-device wipes. */
class NwipeCertificateParserTest {

    private static final String V035 = "nwipe-0.35/nwipe_report_2026-11-28-06-12-05_Model_Loopback_device_Serial_Unknown.pdf";
    private static final String V042_FAILED = "nwipe-0.42/nwipe_report_2026-11-28-06-10-29_Model_Loopback_device_Serial_Unknown_device_loop2.pdf";
    private static final String SHREDOS = "shredos/nwipe_report_2026-11-28-06-19-07_Model_Loopback_device_Serial_Unknown_device_loop0.pdf";

    /** A serial in place of "Unknown", of the same length so that the PDF's cross-reference offsets still hold. */
    static byte[] withSerial(byte[] pdf, String sevenCharacters) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1).replace("(Unknown)", "(" + sevenCharacters + ")");
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void readsTheCertificateOfNwipe035() {
        WipeReport r = NwipeCertificateParser.parse(Samples.bytes(V035));
        assertEquals(WipeReport.Source.NWIPE_PDF, r.source());
        assertEquals("nwipe 0.35", r.tool());
        assertEquals(NwipeMethod.PRNG, r.method());
        assertEquals(VerifyMode.LAST, r.verify(), "0.35 writes \"Verify Last\"");
        assertEquals(Boolean.TRUE, r.blank());
        assertEquals(1, r.rounds());
        assertEquals("Isaac64", r.prng());
        assertNull(r.assetTag(), "0.35 prints no tag");
        WipedDevice d = r.devices().getFirst();
        assertEquals(WipeStatus.ERASED, d.status());
        assertEquals("Loopback device", d.model());
        assertNull(d.serial(), "\"Unknown\" is no serial");
        assertEquals("VIRT", d.bus());
        assertEquals(LocalDateTime.parse("2026-11-28T06:12:04"), d.startedAt());
        assertEquals(LocalDateTime.parse("2026-11-28T06:12:05"), d.endedAt());
        assertEquals(33554432L, d.bytesErased());
        assertEquals(0, d.passErrors());
        assertEquals(1, d.passesCompleted());
        assertTrue(d.blanked());
    }

    @Test
    void readsAFailedCertificateOfNwipe042() {
        WipeReport r = NwipeCertificateParser.parse(Samples.bytes(V042_FAILED));
        assertEquals("nwipe 0.42", r.tool());
        assertEquals(NwipeMethod.DOD_SHORT, r.method());
        WipedDevice d = r.devices().getFirst();
        assertEquals(WipeStatus.FAILED, d.status());
        assertEquals(2, d.passErrors(), "Errors(pass/sync/verify/retries): 2/0/0/4");
        assertEquals(0, d.syncErrors());
        assertEquals(0, d.verifyErrors());
        assertEquals(0L, d.bytesErased());
        assertEquals(0, d.roundsCompleted());
        assertFalse(d.blanked());
        assertEquals(LocalDateTime.parse("2026-11-28T06:10:29"), d.endedAt());
    }

    @Test
    void readsShredOsCertificatesAndAnEditedSerial() {
        WipeReport r = NwipeCertificateParser.parse(withSerial(Samples.bytes(SHREDOS), "S3Z1NB0"));
        assertEquals("nwipe 0.41.1", r.tool(), "the footer names nwipe's version even under ShredOS");
        assertEquals("S3Z1NB0", r.devices().getFirst().serial());
        assertEquals(WipeStatus.ERASED, r.devices().getFirst().status());
    }

    @Test
    void openPdfsOwnTextExtractorStillFailsOnTheseCertificates() throws Exception {
        // Why PdfText walks the page itself: OpenPDF 3.0.5 joins a page's content streams without a separator
        // ("ET3.000000 w"). When this starts passing, PdfText can hand over to PdfTextExtractor.
        try (PdfReader reader = new PdfReader(Samples.bytes(V042_FAILED))) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> new PdfTextExtractor(reader).getTextFromPage(1));
            Throwable cause = e instanceof ExceptionConverter converted ? converted.getException() : e;
            assertEquals(NullPointerException.class, cause.getClass(), "no text matrix at the first TD after the lost ET");
        }
    }

    @Test
    void aPdfThatIsNoNwipeCertificateIsRefusedInFrench() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document();
        PdfWriter.getInstance(doc, out);
        doc.open();
        doc.add(new Paragraph("Facture n° 42 — Status: payée"));
        doc.close();
        HttpProblem p = assertThrows(HttpProblem.class, () -> NwipeCertificateParser.parse(out.toByteArray()));
        assertEquals(422, p.status().code());
        assertTrue(p.getMessage().contains("n'est pas un certificat d'effacement nwipe")
                || p.getMessage().contains("structure simple"), p.getMessage());

        HttpProblem notPdf = assertThrows(HttpProblem.class, () -> NwipeCertificateParser.parse(Samples.bytes("nwipe-0.33/gutmann.log")));
        assertEquals("Ce fichier n'est pas un PDF.", notPdf.getMessage());
    }

    @Test
    void aCompressionBombIsRefusedBeforeItExpands() {
        // 64 MB of spaces deflate to about 64 KB: a page content stream that would fill the memory.
        byte[] compressed = deflate(64 * 1024 * 1024);
        byte[] pdf = minimalPdf(compressed, "/Filter /FlateDecode");
        long start = System.nanoTime();
        HttpProblem p = assertThrows(HttpProblem.class, () -> NwipeCertificateParser.parse(pdf));
        assertTrue(p.getMessage().startsWith("Ce PDF est illisible"), p.getMessage());
        assertTrue(System.nanoTime() - start < 10_000_000_000L);
    }

    @Test
    void compressedCrossReferencesIncrementalUpdatesAndEncryptionAreRefused() {
        byte[] plain = minimalPdf("BT 10 10 TD (Disk Erasure Report) Tj ET".getBytes(StandardCharsets.ISO_8859_1), "");
        String text = new String(plain, StandardCharsets.ISO_8859_1);
        // The same file, its startxref pointing at something else than a classic "xref" table.
        String xrefStream = text.substring(0, text.lastIndexOf("startxref")) + "startxref\n9\n%%EOF\n";
        HttpProblem p = assertThrows(HttpProblem.class,
                () -> NwipeCertificateParser.parse(xrefStream.getBytes(StandardCharsets.ISO_8859_1)));
        assertTrue(p.getMessage().contains("structure simple"), p.getMessage());
        for (String entry : new String[] {"/Prev 9", "/Encrypt 9 0 R", "/XRefStm 9", "/Pr#65v 9"}) {
            String changed = text.replace("/Root 1 0 R", "/Root 1 0 R " + entry);
            HttpProblem q = assertThrows(HttpProblem.class,
                    () -> NwipeCertificateParser.parse(changed.getBytes(StandardCharsets.ISO_8859_1)), entry);
            assertTrue(q.getMessage().contains("structure simple"), entry + ": " + q.getMessage());
        }
        // The plain file itself is read, and refused only for not being a certificate.
        HttpProblem r = assertThrows(HttpProblem.class, () -> NwipeCertificateParser.parse(plain));
        assertTrue(r.getMessage().contains("n'est pas un certificat"), r.getMessage());
    }

    @Test
    void deeplyNestedObjectsAreRefusedNotCrashed() {
        String nested = "[".repeat(3_000_000);
        byte[] pdf = minimalPdf("BT 10 10 TD (x) Tj ET".getBytes(StandardCharsets.ISO_8859_1), "/Nested " + nested);
        HttpProblem p = assertThrows(HttpProblem.class, () -> NwipeCertificateParser.parse(pdf));
        assertTrue(p.getMessage().startsWith("Ce PDF est illisible"), p.getMessage());
        byte[] content = ("BT 10 10 TD " + nested + " TJ ET").getBytes(StandardCharsets.ISO_8859_1);
        HttpProblem q = assertThrows(HttpProblem.class, () -> NwipeCertificateParser.parse(minimalPdf(content, "")));
        assertTrue(q.getMessage().startsWith("Ce PDF est illisible"), q.getMessage());
    }

    private static byte[] deflate(int spaces) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        byte[] chunk = new byte[1 << 20];
        java.util.Arrays.fill(chunk, (byte) ' ');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        for (int written = 0; written < spaces; written += chunk.length) {
            d.setInput(chunk);
            while (!d.needsInput()) {
                out.write(buffer, 0, d.deflate(buffer));
            }
        }
        d.finish();
        while (!d.finished()) {
            out.write(buffer, 0, d.deflate(buffer));
        }
        d.end();
        return out.toByteArray();
    }

    /** A one-page PDF with a classic cross-reference table, its page content given. */
    static byte[] minimalPdf(byte[] content, String filter) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] offsets = new int[5];
        write(out, "%PDF-1.3\n");
        offsets[1] = out.size();
        write(out, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
        offsets[2] = out.size();
        write(out, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
        offsets[3] = out.size();
        write(out, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>\nendobj\n");
        offsets[4] = out.size();
        write(out, "4 0 obj\n<< /Length " + content.length + " " + filter + " >>\nstream\n");
        out.writeBytes(content);
        write(out, "\nendstream\nendobj\n");
        int xref = out.size();
        StringBuilder table = new StringBuilder("xref\n0 5\n0000000000 65535 f \n");
        for (int i = 1; i <= 4; i++) {
            table.append(String.format("%010d 00000 n \n", offsets[i]));
        }
        write(out, table + "trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n" + xref + "\n%%EOF\n");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
