package fr.parcsolidaire.messaging;

import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.ColumnText;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;

/**
 * A batch of letters as one PDF, one letter per A4 page, ready for window envelopes: the sender's block at the
 * top left, the recipient's where a DL envelope's window shows it (right-hand side, about 45 mm from the top),
 * the place and date, the subject and the text; a small line at the foot identifies the batch and the letter.
 */
final class LetterPdf {

    /** Who writes: the structure, and the site the person deals with. */
    record Letterhead(String structure, String site, String address, String city) {
    }

    /** One letter: its outbox id, the address block, subject and text. */
    record Letter(long id, String recipient, String subject, String body) {
    }

    private static final float MM = 72f / 25.4f;
    private static final BaseFont REGULAR = font("fonts/DejaVuSans.ttf");
    private static final BaseFont BOLD = font("fonts/DejaVuSans-Bold.ttf");

    private LetterPdf() {
    }

    static byte[] render(long batchId, Letterhead head, LocalDate printedOn, List<Letter> letters) {
        Font text = new Font(REGULAR, 10.5f);
        Font strong = new Font(BOLD, 10.5f);
        Font small = new Font(REGULAR, 7.5f);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 20 * MM, 20 * MM, 20 * MM, 20 * MM);
        PdfWriter writer = PdfWriter.getInstance(document, out);
        document.addTitle("Courriers de rappel, lot n° " + batchId);
        document.addCreator("Parc Solidaire");
        document.open();
        float top = PageSize.A4.getHeight();
        try {
            for (Letter letter : letters) {
                document.newPage();
                PdfContentByte canvas = writer.getDirectContent();
                Paragraph sender = new Paragraph(head.structure() + "\n", strong);
                // "12 rue …, 93200 Saint-Denis" on two lines, as an address is written.
                String address = head.address() == null ? null : head.address().replaceAll(",\\s*(?=[0-9]{5}\\b)", "\n");
                sender.add(new Phrase(lines(head.site(), address), text));
                block(canvas, sender, 20, top - 20 * MM, 105, top - 50 * MM, letter);
                block(canvas, new Paragraph(letter.recipient(), text), 110, top - 45 * MM, 195, top - 80 * MM, letter);
                String place = head.city() == null || head.city().isBlank() ? "" : head.city() + ", ";
                block(canvas, new Paragraph(place + "le " + FrenchDates.date(printedOn), text), 110, top - 88 * MM, 195,
                        top - 96 * MM, letter);
                Paragraph body = new Paragraph("Objet : " + letter.subject(), strong);
                body.setSpacingAfter(10);
                ColumnText column = new ColumnText(canvas);
                column.setSimpleColumn(20 * MM, 20 * MM, 190 * MM, top - 105 * MM);
                column.addElement(body);
                for (String paragraph : letter.body().split("\n\\s*\n")) {
                    Paragraph p = new Paragraph(paragraph.strip(), text);
                    p.setSpacingAfter(8);
                    p.setLeading(14);
                    column.addElement(p);
                }
                if (ColumnText.hasMoreText(column.go())) {
                    throw new IllegalStateException("letter " + letter.id() + " does not fit on one page");
                }
                ColumnText.showTextAligned(canvas, Element.ALIGN_LEFT,
                        new Phrase("Lot n° " + batchId + " · courrier n° " + letter.id(), small), 20 * MM, 12 * MM, 0);
            }
        } catch (DocumentException e) {
            throw new IllegalStateException("Letter PDF failed", e);
        }
        document.close();
        return out.toByteArray();
    }

    private static void block(PdfContentByte canvas, Paragraph content, float leftMm, float upper, float rightMm,
                              float lower, Letter letter) throws DocumentException {
        ColumnText column = new ColumnText(canvas);
        column.setSimpleColumn(leftMm * MM, lower, rightMm * MM, upper);
        column.addElement(content);
        if (ColumnText.hasMoreText(column.go())) {
            throw new IllegalStateException("letter " + letter.id() + ": a block does not fit its place");
        }
    }

    private static String lines(String... parts) {
        StringBuilder s = new StringBuilder();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                s.append(s.isEmpty() ? "" : "\n").append(part.strip());
            }
        }
        return s.toString();
    }

    private static BaseFont font(String resource) {
        try (InputStream in = LetterPdf.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing font " + resource);
            }
            return BaseFont.createFont(resource, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, in.readAllBytes(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DocumentException e) {
            throw new IllegalStateException(e);
        }
    }
}
