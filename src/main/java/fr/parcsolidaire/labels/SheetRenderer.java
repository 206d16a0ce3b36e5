package fr.parcsolidaire.labels;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import fr.parcsolidaire.platform.pdf.PdfKit;
import fr.parcsolidaire.platform.pdf.QrCode;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfWriter;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.Deflater;

/**
 * Label sheets as PDF: each QR drawn as vector squares (sharp on any printer), every label placed from the
 * layout's millimetres. "Start at" skips the positions already used on a partly used first sheet.
 */
final class SheetRenderer {

    public static final double POINTS_PER_MM = 72 / 25.4;
    /** Error correction M: survives smudges and scratches yet keeps the code small enough for 21 mm labels. */
    public static final ErrorCorrectionLevel LEVEL = ErrorCorrectionLevel.M;
    private static final float MIN_FONT = 3.5f;

    private SheetRenderer() {
    }

    /** Sheets needed for these labels starting at 1-based position startAt of the first sheet. */
    public static int sheets(LabelLayout layout, int labels, int startAt) {
        return Math.max(1, (startAt - 1 + labels + layout.labelsPerPage() - 1) / layout.labelsPerPage());
    }

    public static byte[] pdf(LabelLayout layout, List<LabelContent> labels, int startAt) {
        if (startAt < 1 || startAt > layout.labelsPerPage()) {
            throw new IllegalArgumentException("startAt out of the sheet: " + startAt);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192 + labels.size() * 2048);
        Rectangle page = new Rectangle(pt(layout.pageWidth()), pt(layout.pageHeight()));
        Document document = new Document(page, 0, 0, 0, 0);
        try {
            PdfWriter writer = PdfWriter.getInstance(document, out);
            // QR runs compress well even at the fastest level; the default level costs more time than it saves bytes.
            writer.setCompressionLevel(Deflater.BEST_SPEED);
            document.addTitle("Étiquettes " + layout.id());
            document.addCreator("Parc Solidaire");
            document.open();
            PdfContentByte canvas = writer.getDirectContent();
            // Encoding is most of the work (zxing scores 8 masks per code): codes already made are reused (QrCodes),
            // the others spread over the cores first.
            List<QrCode> codes = labels.parallelStream().map(l -> QrCodes.of(l.qrPayload())).toList();
            int position = startAt - 1;
            if (labels.isEmpty()) {
                canvas.rectangle(0, 0, 0, 0); // an empty sheet still needs content to be a valid page
            }
            for (int i = 0; i < labels.size(); i++) {
                if (position == layout.labelsPerPage()) {
                    document.newPage();
                    position = 0;
                }
                draw(canvas, layout, position, labels.get(i), codes.get(i));
                position++;
            }
            document.close();
        } catch (DocumentException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** Module size (mm) the QR of this payload gets on this layout. */
    public static double moduleSize(LabelLayout layout, QrCode qr) {
        return layout.qrSide() / (qr.modules() + 2 * QrCode.QUIET_ZONE_MODULES);
    }

    private static void draw(PdfContentByte canvas, LabelLayout layout, int position, LabelContent label, QrCode qr) {
        double left = layout.cellLeft(position);
        double top = layout.cellTop(position);
        double module = moduleSize(layout, qr);
        if (module < LabelLayouts.MIN_MODULE_MM) {
            throw new IllegalArgumentException(String.format(Locale.FRANCE,
                    "L'adresse « %s » est trop longue pour l'étiquette %s : modules de %.2f mm, trop petits pour être lus.",
                    label.qrPayload(), layout.id(), module));
        }
        double side = layout.qrSide();
        double qrLeft = left + layout.padding() + QrCode.QUIET_ZONE_MODULES * module;
        double qrTop = top + (layout.labelHeight() - side) / 2 + QrCode.QUIET_ZONE_MODULES * module;
        double qrBottom = qrTop + qr.modules() * module;
        qr.draw(canvas, pt(qrLeft), pt(layout.pageHeight() - qrBottom), pt(module));

        List<TextLine> lines = new ArrayList<>();
        double textLeft = left + layout.padding() * 2 + side;
        double width = pt(layout.textWidth());
        lines.add(fit(PdfKit.HELVETICA_BOLD, label.tag(), (float) layout.tagFontSize(), width));
        for (String line : label.lines()) {
            lines.add(fit(PdfKit.HELVETICA, line, (float) layout.lineFontSize(), width));
        }
        double available = pt(layout.labelHeight() - 2 * layout.padding());
        double height = 0;
        int shown = 0;
        for (TextLine l : lines) {
            if (height + l.size() * 1.2 > available) {
                break;
            }
            height += l.size() * 1.2;
            shown++;
        }
        double baseline = pt(layout.pageHeight() - top) - (pt(layout.labelHeight()) - height) / 2;
        canvas.beginText();
        for (int i = 0; i < shown; i++) {
            TextLine l = lines.get(i);
            baseline -= l.size() * 1.2;
            canvas.setFontAndSize(l.font(), l.size());
            canvas.setTextMatrix(pt(textLeft), (float) (baseline + l.size() * 0.25));
            canvas.showText(l.text());
        }
        canvas.endText();
    }

    private record TextLine(BaseFont font, String text, float size) {
    }

    /** Shrinks the text to the width, down to a readable minimum, then cuts it with an ellipsis. */
    private static TextLine fit(BaseFont font, String text, float size, double width) {
        float s = size;
        while (s > MIN_FONT && font.getWidthPoint(text, s) > width) {
            s -= 0.25f;
        }
        String t = text;
        while (t.length() > 1 && font.getWidthPoint(t, s) > width) {
            t = t.substring(0, t.length() - 2) + "…";
        }
        return new TextLine(font, t, s);
    }

    static float pt(double mm) {
        return (float) (mm * POINTS_PER_MM);
    }
}
