package fr.parcsolidaire;

import org.openpdf.text.pdf.PdfReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a PDF back: its text through poppler's pdftotext (installed by .ci/run; OpenPDF's own extractor misses
 * text inside table cells) and its page count through OpenPDF's reader.
 */
public final class PdfText {

    private PdfText() {
    }

    public static String of(byte[] pdf) {
        try {
            Path file = Files.createTempFile("parc", ".pdf");
            Files.write(file, pdf);
            Process p = new ProcessBuilder("pdftotext", "-enc", "UTF-8", file.toString(), "-")
                    .redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("pdftotext: " + text);
            }
            Files.delete(file);
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static int pages(byte[] pdf) {
        try (PdfReader reader = new PdfReader(pdf)) {
            return reader.getNumberOfPages();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
