package fr.parcsolidaire.platform.pdf;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.openpdf.text.pdf.ByteBuffer;
import org.openpdf.text.pdf.PdfContentByte;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * QR codes drawn as vector squares in a PDF: sharp at any printer resolution, and small.
 * The matrix comes bare from zxing (no margin); the caller leaves the quiet zone around it.
 */
public final class QrCode {

    /** Modules of quiet zone the ISO standard asks for on each side; 2 is enough for most phone readers. */
    public static final int QUIET_ZONE_MODULES = 2;

    /** "0 " to "177 " in ASCII: a QR code has at most 177 modules a side. */
    private static final byte[][] NUMBERS = new byte[178][];
    private static final byte[] UNIT_HEIGHT_RECTANGLE = "1 re\n".getBytes(StandardCharsets.US_ASCII);

    static {
        for (int i = 0; i < NUMBERS.length; i++) {
            NUMBERS[i] = (i + " ").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final BitMatrix matrix;

    private QrCode(BitMatrix matrix) {
        this.matrix = matrix;
    }

    public static QrCode encode(String text, ErrorCorrectionLevel level) {
        try {
            BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, level, EncodeHintType.MARGIN, 0));
            return new QrCode(m);
        } catch (WriterException e) {
            throw new IllegalArgumentException("Cannot encode as QR: " + text, e);
        }
    }

    /** Modules per side, without the quiet zone. */
    public int modules() {
        return matrix.getWidth();
    }

    /**
     * Draws the code with its lower-left corner at (x, y), in PDF points, each module {@code module} points wide.
     * Runs of dark modules on a row are merged into one rectangle: fewer operators, a smaller file.
     */
    public void draw(PdfContentByte canvas, float x, float y, float module) {
        int size = matrix.getWidth();
        canvas.saveState();
        canvas.setRGBColorFill(0, 0, 0);
        // One module is one unit of the drawing: each run is four small integers written from a table, not four
        // decimals formatted one by one (most of the time of a 1,000-label sheet after encoding), and fewer bytes.
        canvas.concatCTM(module, 0, 0, module, x, y);
        ByteBuffer content = canvas.getInternalBuffer();
        forEachRun((row, start, length) -> content.append(NUMBERS[start]).append(NUMBERS[size - row - 1])
                .append(NUMBERS[length]).append(UNIT_HEIGHT_RECTANGLE));
        canvas.fill();
        canvas.restoreState();
    }

    /** A horizontal run of dark modules: its row, first column and length, in modules. */
    @FunctionalInterface
    public interface RunConsumer {
        void accept(int row, int start, int length);
    }

    /** Visits the runs of dark modules row by row (the same runs {@link #draw} fills), e.g. to draw them as SVG. */
    public void forEachRun(RunConsumer consumer) {
        int size = matrix.getWidth();
        for (int row = 0; row < size; row++) {
            int col = 0;
            while (col < size) {
                if (!matrix.get(col, row)) {
                    col++;
                    continue;
                }
                int start = col;
                while (col < size && matrix.get(col, row)) {
                    col++;
                }
                consumer.accept(row, start, col - start);
            }
        }
    }
}
