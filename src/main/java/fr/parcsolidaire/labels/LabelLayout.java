package fr.parcsolidaire.labels;

import java.util.List;

/**
 * One sheet or roll of labels, as described by a file in labels/. Lengths in millimetres from the
 * page's top-left corner, font sizes in points.
 */
public record LabelLayout(String id, String name, double pageWidth, double pageHeight, double marginLeft,
                          double marginTop, int columns, int rows, double labelWidth, double labelHeight,
                          double gapHorizontal, double gapVertical, double padding, double tagFontSize,
                          double lineFontSize, List<LabelField> fields) {

    /** Optional lines printed under the tag, beside the QR. */
    public enum LabelField { MODEL, SITE, OWNER }

    public int labelsPerPage() {
        return columns * rows;
    }

    /** Left edge of the label at a 0-based position on the page (row by row, left to right). */
    public double cellLeft(int position) {
        return marginLeft + (position % columns) * (labelWidth + gapHorizontal);
    }

    /** Top edge of the label at a 0-based position on the page. */
    public double cellTop(int position) {
        return marginTop + (position / columns) * (labelHeight + gapVertical);
    }

    /** Side of the QR square, quiet zone included: as tall as the label allows inside its padding. */
    public double qrSide() {
        return Math.min(labelHeight, labelWidth) - 2 * padding;
    }

    /** Width left for the text beside the QR. */
    public double textWidth() {
        return labelWidth - qrSide() - 3 * padding;
    }
}
