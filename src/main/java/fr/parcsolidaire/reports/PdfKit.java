package fr.parcsolidaire.reports;

import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.Image;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfTemplate;
import org.openpdf.text.pdf.PdfWriter;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Shared pieces of the report PDFs: DejaVu Sans embedded (any French or other Unicode text prints;
 * licence beside the font in resources/fonts), headings, tables and bar charts drawn as vector graphics.
 */
public final class PdfKit {

    private static final BaseFont REGULAR = load("fonts/DejaVuSans.ttf");
    private static final BaseFont BOLD = load("fonts/DejaVuSans-Bold.ttf");
    static final Font TITLE = new Font(BOLD, 16);
    static final Font HEADING = new Font(BOLD, 12);
    static final Font TEXT = new Font(REGULAR, 9.5f);
    static final Font SMALL = new Font(REGULAR, 8);
    static final Font CELL_HEAD = new Font(BOLD, 8.5f);
    static final Font CELL = new Font(REGULAR, 8.5f);

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

    /** A table whose first row is the header; numbers and other cells are given as strings already formatted. */
    public static PdfPTable table(List<String> headers, List<List<String>> rows, float... widths) {
        PdfPTable t = widths.length == 0 ? new PdfPTable(headers.size()) : new PdfPTable(widths);
        t.setWidthPercentage(100);
        t.setHeaderRows(1);
        t.setSpacingAfter(6);
        for (String h : headers) {
            PdfPCell c = new PdfPCell(new Phrase(h, CELL_HEAD));
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

    /** A grouped bar chart drawn with vector operators into a template, placed as an image. */
    static Image chart(PdfWriter writer, ChartData chart, float width, float height) {
        PdfContentByte cb = writer.getDirectContent();
        PdfTemplate tpl = cb.createTemplate(width, height);
        float left = 36;
        float bottom = 40;
        float top = 18;
        float plotW = width - left - 6;
        float plotH = height - bottom - top;
        long max = Math.max(1, SvgChart.niceMax(chart.max()));
        tpl.beginText();
        tpl.setFontAndSize(BOLD, 9);
        tpl.setColorFill(Color.DARK_GRAY);
        tpl.showTextAligned(Element.ALIGN_LEFT, chart.title(), 0, height - 10, 0);
        tpl.endText();
        tpl.setLineWidth(0.4f);
        for (int i = 0; i <= 4; i++) {
            float y = bottom + plotH * i / 4;
            tpl.setColorStroke(new Color(0xdd, 0xdd, 0xdd));
            tpl.moveTo(left, y);
            tpl.lineTo(width - 6, y);
            tpl.stroke();
            tpl.beginText();
            tpl.setFontAndSize(REGULAR, 7);
            tpl.setColorFill(Color.DARK_GRAY);
            tpl.showTextAligned(Element.ALIGN_RIGHT, Long.toString(max * i / 4), left - 3, y - 2, 0);
            tpl.endText();
        }
        int groups = chart.categories().size();
        int series = chart.series().size();
        float groupW = plotW / Math.max(1, groups);
        float barW = groupW * 0.8f / series;
        for (int g = 0; g < groups; g++) {
            float x0 = left + g * groupW + groupW * 0.1f;
            for (int s = 0; s < series; s++) {
                ChartData.Series sr = chart.series().get(s);
                float h = plotH * sr.values()[g] / max;
                if (h > 0) {
                    tpl.setColorFill(Color.decode(sr.color()));
                    tpl.rectangle(x0 + s * barW, bottom, Math.max(0.5f, barW - 0.5f), h);
                    tpl.fill();
                }
            }
            tpl.beginText();
            tpl.setFontAndSize(REGULAR, groups > 8 ? 6 : 7);
            tpl.setColorFill(Color.DARK_GRAY);
            tpl.showTextAligned(Element.ALIGN_CENTER, chart.categories().get(g), x0 + groupW * 0.4f, bottom - 9, 0);
            tpl.endText();
        }
        float lx = left;
        for (ChartData.Series sr : chart.series()) {
            tpl.setColorFill(Color.decode(sr.color()));
            tpl.rectangle(lx, 6, 7, 7);
            tpl.fill();
            tpl.beginText();
            tpl.setFontAndSize(REGULAR, 7);
            tpl.setColorFill(Color.DARK_GRAY);
            tpl.showTextAligned(Element.ALIGN_LEFT, sr.name(), lx + 10, 7, 0);
            tpl.endText();
            lx += 18 + REGULAR.getWidthPoint(sr.name(), 7);
        }
        Image image = Image.getInstance(tpl);
        image.setAlignment(Element.ALIGN_CENTER);
        return image;
    }
}
