package fr.parcsolidaire.platform.pdf;

import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * What every PDF of the service shares: the fonts, loaded once (DejaVu Sans embedded, so any French or other
 * Unicode text prints, licence beside the font in resources/fonts; Helvetica, not embedded, for the small
 * Latin-1 text of labels), an A4 document in memory, headings, paragraphs and tables.
 */
public final class PdfKit {

    /** DejaVu Sans, embedded: every character a name may hold. */
    public static final BaseFont REGULAR = load("fonts/DejaVuSans.ttf");
    public static final BaseFont BOLD = load("fonts/DejaVuSans-Bold.ttf");
    /** Helvetica, one of the PDF standard fonts: nothing embedded, Latin-1 text only. */
    public static final BaseFont HELVETICA = standard(BaseFont.HELVETICA);
    public static final BaseFont HELVETICA_BOLD = standard(BaseFont.HELVETICA_BOLD);
    private static final Font TITLE = new Font(BOLD, 16);
    private static final Font HEADING = new Font(BOLD, 12);
    private static final Font TEXT = new Font(REGULAR, 9.5f);
    private static final Font SMALL = new Font(REGULAR, 8);
    private static final Font CELL_HEAD = new Font(BOLD, 8.5f);
    private static final Font CELL = new Font(REGULAR, 8.5f);
    /** The narrowest page body a table is laid on (A4 portrait, 30 pt margins): header sizes are fitted to it. */
    static final float NARROWEST_BODY = PageSize.A4.getWidth() - 60;
    private static final float CELL_PADDING = 3;
    private static final float MIN_HEAD_SIZE = 5.5f;

    private PdfKit() {
    }

    private static BaseFont load(String resource) {
        try (InputStream in = PdfKit.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing font " + resource);
            }
            return BaseFont.createFont(resource, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, in.readAllBytes(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BaseFont standard(String name) {
        try {
            return BaseFont.createFont(name, BaseFont.CP1252, BaseFont.NOT_EMBEDDED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds an A4 document in memory (reports are a few pages) and returns its bytes. */
    public static byte[] document(String title, BiConsumer<Document, PdfWriter> body) {
        return document(title, false, body);
    }

    /** Landscape suits wide tables (the erasure certificate's twelve columns). */
    public static byte[] document(String title, boolean landscape, BiConsumer<Document, PdfWriter> body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(landscape ? PageSize.A4.rotate() : PageSize.A4, 30, 30, 36, 36);
        PdfWriter writer = PdfWriter.getInstance(doc, out);
        doc.addTitle(title);
        doc.addCreator("Parc Solidaire");
        doc.open();
        body.accept(doc, writer);
        doc.close();
        return out.toByteArray();
    }

    public static Paragraph title(String text) {
        Paragraph p = new Paragraph(text, TITLE);
        p.setSpacingAfter(6);
        return p;
    }

    public static Paragraph heading(String text) {
        Paragraph p = new Paragraph(text, HEADING);
        p.setSpacingBefore(10);
        p.setSpacingAfter(4);
        return p;
    }

    public static Paragraph text(String text) {
        Paragraph p = new Paragraph(text, TEXT);
        p.setSpacingAfter(3);
        return p;
    }

    public static Paragraph small(String text) {
        Paragraph p = new Paragraph(text, SMALL);
        p.setSpacingAfter(3);
        return p;
    }

    /**
     * The size at which the header's longest word fits its column: a header wraps between words, never inside
     * one ("Techni-cien" would read as two words), shrinking from 8.5 pt down to 5.5 pt if it must.
     */
    static float headSize(String header, float columnWidth) {
        float size = CELL_HEAD.getSize();
        float widest = 0;
        for (String word : header.split("\\s+")) {
            widest = Math.max(widest, BOLD.getWidthPoint(word, size));
        }
        return widest <= columnWidth ? size : Math.max(MIN_HEAD_SIZE, size * columnWidth / widest);
    }

    private static float[] evenly(int columns) {
        float[] share = new float[columns];
        Arrays.fill(share, 1f);
        return share;
    }

    /** A table whose first row is the header; numbers and other cells are given as strings already formatted. */
    public static PdfPTable table(List<String> headers, List<List<String>> rows, float... widths) {
        PdfPTable t = widths.length == 0 ? new PdfPTable(headers.size()) : new PdfPTable(widths);
        t.setWidthPercentage(100);
        t.setHeaderRows(1);
        t.setSpacingAfter(6);
        float[] share = widths.length == 0 ? evenly(headers.size()) : widths;
        float total = 0;
        for (float w : share) {
            total += w;
        }
        for (int i = 0; i < headers.size(); i++) {
            String h = headers.get(i);
            float column = NARROWEST_BODY * share[i] / total - 2 * CELL_PADDING - 1;
            PdfPCell c = new PdfPCell(new Phrase(h, new Font(BOLD, headSize(h, column))));
            c.setBackgroundColor(new Color(0xe7, 0xeb, 0xf3));
            c.setPadding(3);
            t.addCell(c);
        }
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                PdfPCell c = new PdfPCell(new Phrase(row.get(i) == null ? "" : row.get(i), CELL));
                c.setPadding(3);
                if (i > 0 && row.get(i) != null && row.get(i).matches("[<\\d][\\d ,.]*|< 5")) {
                    c.setHorizontalAlignment(Element.ALIGN_RIGHT);
                }
                t.addCell(c);
            }
        }
        return t;
    }
}
