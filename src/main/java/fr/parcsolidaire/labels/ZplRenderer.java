package fr.parcsolidaire.labels;

import fr.parcsolidaire.platform.pdf.QrCode;

import java.util.List;

/**
 * Labels as ZPL II for Zebra printers, one ^XA…^XZ format per label: the QR code on the left (^BQ, model 2, error
 * correction M like the PDF sheets), the tag in clear and the label's lines beside it. Text is sent in UTF-8 (^CI28)
 * and every field goes through ^FH, so a ^ or ~ in a model name is printed, never read as a command.
 */
final class ZplRenderer {

    private static final double PADDING_MM = 2;
    private static final double TAG_HEIGHT_MM = 3.5;
    private static final double LINE_HEIGHT_MM = 2.3;
    /** ZPL's scalable font 0 is about this wide for its height, in digits and capitals. */
    private static final double CHAR_WIDTH_RATIO = 0.6;
    private static final int MAX_MAGNIFICATION = 10;

    private ZplRenderer() {
    }

    static String zpl(ZplLabel label, List<LabelContent> contents) {
        StringBuilder out = new StringBuilder(contents.size() * 400);
        for (LabelContent c : contents) {
            format(out, label, c);
        }
        return out.toString();
    }

    private static void format(StringBuilder out, ZplLabel label, LabelContent c) {
        int width = label.dots(label.widthMm());
        int height = label.dots(label.heightMm());
        int pad = label.dots(PADDING_MM);
        // The module size in dots: the largest that fits the label's height. Our encoder picks the same QR
        // version as the printer for the same text and level; the quiet zone is the padding around it.
        int modules = QrCodes.of(c.qrPayload()).modules();
        int magnification = Math.clamp((height - 2 * pad) / modules, 1, MAX_MAGNIFICATION);
        int textLeft = pad + modules * magnification + pad;
        int textWidth = Math.max(1, width - textLeft - pad);
        int tagHeight = Math.min(label.dots(TAG_HEIGHT_MM), (int) (textWidth / (c.tag().length() * CHAR_WIDTH_RATIO)));
        int lineHeight = Math.min(label.dots(LINE_HEIGHT_MM), tagHeight);

        out.append("^XA\n^CI28\n^PW").append(width).append("\n^LL").append(height).append("\n^LH0,0\n");
        out.append("^FO").append(pad).append(',').append(pad)
                .append("^BQN,2,").append(magnification).append("^FH\\^FDMA,").append(escape(c.qrPayload())).append("^FS\n");
        int y = pad;
        out.append("^FO").append(textLeft).append(',').append(y).append("^A0N,").append(tagHeight).append(',').append(tagHeight)
                .append("^FB").append(textWidth).append(",1,0,L^FH\\^FD").append(escape(c.tag())).append("^FS\n");
        y += tagHeight + tagHeight / 2;
        for (String line : c.lines()) {
            if (y + 2 * lineHeight > height - pad) {
                break;
            }
            out.append("^FO").append(textLeft).append(',').append(y).append("^A0N,").append(lineHeight).append(',').append(lineHeight)
                    .append("^FB").append(textWidth).append(",2,0,L^FH\\^FD").append(escape(line)).append("^FS\n");
            y += 2 * lineHeight + lineHeight / 3;
        }
        out.append("^PQ1\n^XZ\n");
    }

    /**
     * Field data for ^FH\ : the three characters ZPL would read (^ starts a command, ~ a control command, \ the
     * escape itself) written as hexadecimal bytes; line breaks become spaces.
     */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '^' -> sb.append("\\5E");
                case '~' -> sb.append("\\7E");
                case '\\' -> sb.append("\\5C");
                default -> sb.append(Character.isISOControl(ch) ? ' ' : ch);
            }
        }
        return sb.toString();
    }
}
