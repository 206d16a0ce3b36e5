package fr.parcsolidaire.labels;

import fr.parcsolidaire.platform.pdf.QrCode;

import java.util.List;
import java.util.Locale;

/**
 * The first sheet of a print run drawn as SVG for the print page: the same geometry and QR modules as the PDF,
 * so what the technician sees is where the printer puts each label. Positions skipped by "start at" are greyed.
 */
final class SheetPreview {

    private SheetPreview() {
    }

    public static String svg(LabelLayout layout, List<LabelContent> labels, int startAt) {
        StringBuilder svg = new StringBuilder(16_384);
        int shown = Math.min(labels.size(), layout.labelsPerPage() - (startAt - 1));
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sheet\" role=\"img\" viewBox=\"0 0 ")
                .append(n(layout.pageWidth())).append(' ').append(n(layout.pageHeight()))
                .append("\" aria-label=\"").append(escape("Aperçu de la première feuille " + layout.id() + " : "
                        + shown + " étiquette(s) à partir de la position " + startAt)).append("\">");
        svg.append("<rect width=\"").append(n(layout.pageWidth())).append("\" height=\"").append(n(layout.pageHeight()))
                .append("\" fill=\"#fff\" stroke=\"#9aa3b2\" stroke-width=\"0.3\"/>");
        for (int position = 0; position < layout.labelsPerPage(); position++) {
            boolean used = position < startAt - 1;
            svg.append("<rect x=\"").append(n(layout.cellLeft(position))).append("\" y=\"").append(n(layout.cellTop(position)))
                    .append("\" width=\"").append(n(layout.labelWidth())).append("\" height=\"").append(n(layout.labelHeight()))
                    .append("\" rx=\"1.5\" fill=\"").append(used ? "#d5dae3" : "none")
                    .append("\" stroke=\"#c0c6d2\" stroke-width=\"0.2\"/>");
            int index = position - (startAt - 1);
            if (!used && index < labels.size()) {
                label(svg, layout, position, labels.get(index));
            }
        }
        return svg.append("</svg>").toString();
    }

    private static void label(StringBuilder svg, LabelLayout layout, int position, LabelContent label) {
        QrCode qr = QrCodes.of(label.qrPayload());
        double module = SheetRenderer.moduleSize(layout, qr);
        double left = layout.cellLeft(position) + layout.padding() + QrCode.QUIET_ZONE_MODULES * module;
        double top = layout.cellTop(position) + (layout.labelHeight() - layout.qrSide()) / 2
                + QrCode.QUIET_ZONE_MODULES * module;
        svg.append("<path fill=\"#000\" d=\"");
        qr.forEachRun((row, start, length) -> svg.append('M').append(n(left + start * module)).append(' ')
                .append(n(top + row * module)).append('h').append(n(length * module)).append('v').append(n(module))
                .append('h').append(n(-length * module)).append('z'));
        svg.append("\"/>");
        double textLeft = layout.cellLeft(position) + 2 * layout.padding() + layout.qrSide();
        // Bold Helvetica digits are about 0.6 em wide: shrink the tag as the PDF does when the label is narrow.
        double size = Math.min(layout.tagFontSize() / SheetRenderer.POINTS_PER_MM,
                layout.textWidth() / (label.tag().length() * 0.6));
        svg.append("<text x=\"").append(n(textLeft)).append("\" y=\"")
                .append(n(layout.cellTop(position) + layout.labelHeight() / 2))
                .append("\" font-family=\"Helvetica, Arial, sans-serif\" font-weight=\"bold\" font-size=\"")
                .append(n(size)).append("\">").append(escape(label.tag())).append("</text>");
    }

    /** Millimetres with one decimal at most: the tenth of a millimetre the labels are placed to. */
    private static String n(double mm) {
        String s = String.format(Locale.ROOT, "%.2f", mm);
        s = s.contains(".") ? s.replaceAll("0+$", "") : s;
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
