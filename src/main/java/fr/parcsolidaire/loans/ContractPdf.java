package fr.parcsolidaire.loans;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import fr.parcsolidaire.inventory.Machine;
import fr.parcsolidaire.inventory.StorageDevice;
import fr.parcsolidaire.platform.http.Formats;
import fr.parcsolidaire.platform.pdf.PdfKit;
import fr.parcsolidaire.platform.pdf.QrCode;
import org.openpdf.text.Chunk;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.Image;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.ColumnText;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfPageEventHelper;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.PdfStamper;
import org.openpdf.text.pdf.PdfTemplate;
import org.openpdf.text.pdf.PdfWriter;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a convention de prêt or an attestation de don as an A4 PDF in French, with DejaVu Sans embedded
 * (every accent and character a name may hold). The signature boxes always sit at the same place at the
 * bottom of the last page, so that signatures drawn on screen can later be stamped into the archived PDF.
 */
final class ContractPdf {

    static final float MARGIN = 50;
    /** Signature boxes: lower-left corner, size; the structure's on the left, the beneficiary's on the right. */
    static final float BOX_Y = 60;
    static final float BOX_HEIGHT = 125;
    static final float BOX_WIDTH = 235;
    static final float STAFF_BOX_X = MARGIN;
    static final float BENEFICIARY_BOX_X = PageSize.A4.getWidth() - MARGIN - BOX_WIDTH;
    private static final float QR_MODULE = 2.2f;

    private static final Map<ContractDocument.Kind, ContractClauses> CLAUSES = new LinkedHashMap<>();

    static {
        for (ContractDocument.Kind kind : ContractDocument.Kind.values()) {
            CLAUSES.put(kind, ContractClauses.load(kind.template()));
        }
    }

    private ContractPdf() {
    }

    public static ContractClauses clauses(ContractDocument.Kind kind) {
        return CLAUSES.get(kind);
    }

    public static byte[] render(ContractDocument doc) {
        Font body = new Font(PdfKit.REGULAR, 9.5f);
        Font small = new Font(PdfKit.REGULAR, 8);
        Font bold = new Font(PdfKit.BOLD, 9.5f);
        Font heading = new Font(PdfKit.BOLD, 11);
        Font title = new Font(PdfKit.BOLD, 14);
        ContractClauses clauses = CLAUSES.get(doc.kind());
        Map<String, String> values = placeholders(doc);

        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        Document document = new Document(PageSize.A4, MARGIN, MARGIN, MARGIN, MARGIN + 20);
        try {
            PdfWriter writer = PdfWriter.getInstance(document, out);
            writer.setPageEvent(new PageNumbers(small));
            document.addTitle(clauses.title());
            document.addCreator("Parc Solidaire");
            document.open();

            QrCode qr = QrCode.encode(doc.machineUrl(), ErrorCorrectionLevel.M);
            float qrSize = qr.modules() * QR_MODULE;
            float qrX = PageSize.A4.getWidth() - MARGIN - qrSize;
            float qrY = PageSize.A4.getHeight() - MARGIN - qrSize;
            qr.draw(writer.getDirectContent(), qrX, qrY, QR_MODULE);
            ColumnText.showTextAligned(writer.getDirectContent(), Element.ALIGN_CENTER,
                    new Phrase(doc.machine().tag(), small), qrX + qrSize / 2, qrY - 10, 0);

            float rightIndent = qrSize + 15;
            Structure s = doc.structure();
            if (s.logoPath() != null && Files.isReadable(Path.of(s.logoPath()))) {
                Image logo = Image.getInstance(s.logoPath());
                logo.scaleToFit(120, 50);
                document.add(logo);
            }
            document.add(indented(new Paragraph(s.name(), heading), rightIndent));
            if (s.address() != null) {
                document.add(indented(new Paragraph(s.address(), body), rightIndent));
            }
            if (s.siret() != null) {
                document.add(indented(new Paragraph("SIRET " + s.siret(), body), rightIndent));
            }
            Paragraph t = new Paragraph(clauses.title(), title);
            t.setSpacingBefore(18);
            document.add(indented(t, rightIndent));
            document.add(indented(new Paragraph("Attribution n° " + doc.assignmentId() + " · établie le "
                    + Formats.date(doc.issuedOn()), small), rightIndent));

            document.add(section("Entre les soussignés", heading));
            document.add(new Paragraph(s.name() + (s.address() == null ? "" : ", " + s.address())
                    + ", représentée par " + doc.staffName() + ", ci-après « la structure »,", body));
            Paragraph person = new Paragraph();
            person.add(new Chunk("et ", body));
            person.add(new Chunk(doc.beneficiaryName(), bold));
            person.add(new Chunk((doc.beneficiaryPlace() == null ? "" : ", demeurant à " + doc.beneficiaryPlace())
                    + (doc.kind() == ContractDocument.Kind.LOAN_AGREEMENT ? ", ci-après « l'emprunteur »." : ", ci-après « le bénéficiaire »."), body));
            document.add(person);

            document.add(section("Le matériel", heading));
            document.add(machineTable(doc, body, bold));
            if (!doc.kit().isEmpty()) {
                document.add(section("Les autres éléments du lot", heading));
                document.add(kitTable(doc.kit(), body, bold));
            }

            int number = 1;
            for (ContractClauses.Clause clause : clauses.clauses()) {
                Paragraph h = new Paragraph("Article " + number++ + " – " + clause.title(), heading);
                h.setSpacingBefore(10);
                h.setKeepTogether(true);
                document.add(h);
                for (String p : clause.paragraphs()) {
                    Paragraph para = new Paragraph(ContractClauses.fill(p, values), body);
                    para.setSpacingBefore(3);
                    para.setAlignment(Element.ALIGN_JUSTIFIED);
                    document.add(para);
                }
            }

            // The place/date line and the boxes stay together on the last page, at a fixed height.
            float needed = BOX_Y + BOX_HEIGHT + 40;
            if (writer.getVerticalPosition(true) < needed) {
                document.newPage();
            }
            Paragraph done = new Paragraph("Fait à " + s.city() + ", le " + Formats.date(doc.issuedOn())
                    + ", en deux exemplaires.", body);
            done.setSpacingBefore(12);
            document.add(done);
            signatureBoxes(writer.getDirectContent(), doc, body, bold, small);
            document.close();
        } catch (DocumentException | IOException e) {
            throw new IllegalStateException("Contract PDF failed", e);
        }
        return out.toByteArray();
    }

    /**
     * A new PDF: the archived one with both signatures (PNG) drawn in their boxes on the last page and a
     * line saying when they were made. The original bytes stay archived untouched.
     */
    public static byte[] sign(byte[] original, byte[] staffPng, byte[] beneficiaryPng, String signedLine) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(original.length + 64 * 1024);
        try {
            PdfReader reader = new PdfReader(original);
            PdfStamper stamper = new PdfStamper(reader, out);
            PdfContentByte canvas = stamper.getOverContent(reader.getNumberOfPages());
            place(canvas, staffPng, STAFF_BOX_X);
            place(canvas, beneficiaryPng, BENEFICIARY_BOX_X);
            ColumnText.showTextAligned(canvas, Element.ALIGN_LEFT, new Phrase(signedLine, new Font(PdfKit.REGULAR, 8)),
                    MARGIN, BOX_Y - 14, 0);
            stamper.close();
            reader.close();
        } catch (DocumentException | IOException e) {
            throw new IllegalStateException("Signing the contract PDF failed", e);
        }
        return out.toByteArray();
    }

    private static void place(PdfContentByte canvas, byte[] png, float boxX) throws DocumentException, IOException {
        Image image = Image.getInstance(png);
        float w = BOX_WIDTH - 20;
        float h = BOX_HEIGHT - 50;
        image.scaleToFit(w, h);
        image.setAbsolutePosition(boxX + 10 + (w - image.getScaledWidth()) / 2, BOX_Y + 8);
        canvas.addImage(image);
    }

    private static void signatureBoxes(PdfContentByte canvas, ContractDocument doc, Font body, Font bold, Font small) {
        canvas.saveState();
        canvas.setLineWidth(0.6f);
        canvas.rectangle(STAFF_BOX_X, BOX_Y, BOX_WIDTH, BOX_HEIGHT);
        canvas.rectangle(BENEFICIARY_BOX_X, BOX_Y, BOX_WIDTH, BOX_HEIGHT);
        canvas.stroke();
        canvas.restoreState();
        float top = BOX_Y + BOX_HEIGHT - 14;
        ColumnText.showTextAligned(canvas, Element.ALIGN_LEFT, new Phrase("Pour la structure", bold), STAFF_BOX_X + 8, top, 0);
        ColumnText.showTextAligned(canvas, Element.ALIGN_LEFT, new Phrase(doc.staffName(), body), STAFF_BOX_X + 8, top - 13, 0);
        ColumnText.showTextAligned(canvas, Element.ALIGN_LEFT, new Phrase(
                doc.kind() == ContractDocument.Kind.LOAN_AGREEMENT ? "L'emprunteur" : "Le bénéficiaire", bold),
                BENEFICIARY_BOX_X + 8, top, 0);
        ColumnText.showTextAligned(canvas, Element.ALIGN_LEFT, new Phrase(doc.beneficiaryName(), body),
                BENEFICIARY_BOX_X + 8, top - 13, 0);
        ColumnText.showTextAligned(canvas, Element.ALIGN_LEFT, new Phrase("« Lu et approuvé », signature", small),
                BENEFICIARY_BOX_X + 8, top - 25, 0);
    }

    private static PdfPTable machineTable(ContractDocument doc, Font body, Font bold) throws DocumentException {
        Machine m = doc.machine();
        PdfPTable table = new PdfPTable(new float[] {1.2f, 3f});
        table.setWidthPercentage(100);
        table.setSpacingBefore(4);
        row(table, "Numéro d'inventaire", m.tag(), bold, body);
        row(table, "Type", m.type().label(), bold, body);
        row(table, "Marque et modèle", m.title(), bold, body);
        row(table, "N° de série", m.serial() == null ? "non relevé" : m.serial(), bold, body);
        row(table, "Caractéristiques", specs(m), bold, body);
        row(table, "Grade", m.grade() == null ? "non évalué" : m.grade().label(), bold, body);
        row(table, "Accessoires remis", doc.accessories().isEmpty() ? "aucun" : String.join(", ", doc.accessories()), bold, body);
        row(table, "Données", erasures(m), bold, body);
        if (doc.kind() == ContractDocument.Kind.LOAN_AGREEMENT) {
            row(table, "Durée du prêt", "du " + Formats.date(doc.startsOn()) + " au " + Formats.date(doc.dueOn()), bold, body);
        } else {
            row(table, "Date du don", Formats.date(doc.issuedOn()), bold, body);
        }
        return table;
    }

    /**
     * Every other item of a kit, one line each: tagged ones with their tag and, under their name, their serial (a
     * wide column, so that a long serial is never cut); the others by name and quantity.
     */
    private static PdfPTable kitTable(List<KitLine> kit, Font body, Font bold) throws DocumentException {
        PdfPTable table = new PdfPTable(new float[] {0.4f, 4f, 1.6f, 0.5f});
        table.setWidthPercentage(100);
        table.setSpacingBefore(4);
        table.setHeaderRows(1);
        for (String h : List.of("N°", "Élément", "N° d'inventaire", "Qté")) {
            cell(table, h, bold);
        }
        for (KitLine line : kit) {
            cell(table, String.valueOf(line.position()), body);
            cell(table, line.tag() == null ? line.name()
                    : line.title() + "\nN° de série : " + (line.serial() == null ? "non relevé" : line.serial()), body);
            cell(table, line.tag() != null ? line.tag() : "sans numéro", body);
            cell(table, String.valueOf(line.quantity()), body);
        }
        return table;
    }

    private static void cell(PdfPTable table, String text, Font font) {
        PdfPCell c = new PdfPCell(new Phrase(text, font));
        c.setBorder(Rectangle.BOTTOM);
        c.setBorderColor(new Color(0xd5, 0xda, 0xe3));
        c.setPadding(4);
        table.addCell(c);
    }

    private static void row(PdfPTable table, String label, String value, Font bold, Font body) {
        PdfPCell l = new PdfPCell(new Phrase(label, bold));
        PdfPCell v = new PdfPCell(new Phrase(value, body));
        for (PdfPCell c : List.of(l, v)) {
            c.setBorder(Rectangle.BOTTOM);
            c.setBorderColor(new Color(0xd5, 0xda, 0xe3));
            c.setPadding(4);
        }
        table.addCell(l);
        table.addCell(v);
    }

    static String specs(Machine m) {
        List<String> parts = new ArrayList<>();
        if (m.cpu() != null) {
            parts.add(m.cpu());
        }
        if (m.ramGb() != null) {
            parts.add(Formats.number(m.ramGb()) + " Go de mémoire");
        }
        for (StorageDevice d : m.storageDevices()) {
            parts.add(d.kind().label() + (d.capacityGb() == null ? "" : " " + Formats.number(d.capacityGb()) + " Go"));
        }
        if (m.screenInches() != null) {
            parts.add("écran " + Formats.number(m.screenInches()) + " pouces");
        }
        if (m.osName() != null) {
            parts.add(m.osName() + (m.osVersion() == null ? "" : " " + m.osVersion()));
        }
        return parts.isEmpty() ? "non renseignées" : String.join(" · ", parts);
    }

    /** "Données effacées le ... selon ..." for each storage device, from the erasure records. */
    static String erasures(Machine m) {
        if (m.storageDevices().isEmpty()) {
            return "aucun support de stockage";
        }
        List<String> lines = new ArrayList<>();
        for (StorageDevice d : m.storageDevices()) {
            String device = d.kind().label() + (d.serial() == null ? "" : " n° " + d.serial());
            if (d.lastErasure() != null && d.lastErasure().passing()) {
                lines.add(device + " : données effacées le " + Formats.date(d.lastErasure().performedOn())
                        + " selon NIST SP 800-88 " + d.lastErasure().method().label() + ", outil "
                        + d.lastErasure().tool() + ", vérifié");
            } else {
                lines.add(device + " : effacement non attesté");
            }
        }
        return String.join("\n", lines);
    }

    private static Map<String, String> placeholders(ContractDocument doc) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("structure", doc.structure().name());
        v.put("beneficiary", doc.beneficiaryName());
        v.put("startsOn", Formats.date(doc.startsOn()));
        v.put("dueOn", Formats.date(doc.dueOn()));
        v.put("giftOn", Formats.date(doc.issuedOn()));
        v.put("tag", doc.machine().tag());
        return v;
    }

    private static Paragraph section(String text, Font font) {
        Paragraph p = new Paragraph(text, font);
        p.setSpacingBefore(12);
        p.setSpacingAfter(2);
        return p;
    }

    private static Paragraph indented(Paragraph p, float right) {
        p.setIndentationRight(right);
        return p;
    }

    /** "page x / y" at the foot of every page; y is written once the document is complete. */
    private static final class PageNumbers extends PdfPageEventHelper {
        private final Font font;
        private PdfTemplate total;

        PageNumbers(Font font) {
            this.font = font;
        }

        @Override
        public void onOpenDocument(PdfWriter writer, Document document) {
            total = writer.getDirectContent().createTemplate(30, 12);
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            PdfContentByte canvas = writer.getDirectContent();
            String text = "page " + writer.getPageNumber() + " / ";
            float width = font.getBaseFont().getWidthPoint(text, font.getSize());
            float x = PageSize.A4.getWidth() - MARGIN - width - 16;
            ColumnText.showTextAligned(canvas, Element.ALIGN_LEFT, new Phrase(text, font), x, 30, 0);
            canvas.addTemplate(total, x + width, 30);
        }

        @Override
        public void onCloseDocument(PdfWriter writer, Document document) {
            ColumnText.showTextAligned(total, Element.ALIGN_LEFT,
                    new Phrase(String.valueOf(writer.getPageNumber() - 1), font), 0, 0, 0);
        }
    }
}
