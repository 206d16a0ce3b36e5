package fr.parcsolidaire.labels;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a QR code in a picture (a phone photo, a scanned sheet). zxing's plain QR reader keeps only the three
 * best finder-pattern candidates, and some codes hold a finder-like pattern in their data, so it misses them at
 * some scales. The multi-code reader tries every triple of candidates and reads them all; the picture is also
 * tried at a few sizes (phone photos are many megapixels) and with both binarizers, hardest search on.
 */
final class QrDecoder {

    private static final Map<DecodeHintType, Object> HINTS = Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE,
            DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));
    /**
     * Longest side a photo is first reduced to: enough detail for a label across the frame, fast on 2 cores.
     * Uploads are decoded subsampled to about this size (web/ImageBounds), never whole.
     */
    static final int MAX_SIDE = 1600;
    /** Scales tried in turn, from the (reduced) picture down; the smallest images take a few milliseconds. */
    private static final double[] FACTORS = {1, 0.75, 0.5, 0.35, 0.25};
    private static final int MIN_SIDE = 120;

    private QrDecoder() {
    }

    public static Optional<String> decode(BufferedImage image) {
        int longest = Math.max(image.getWidth(), image.getHeight());
        double start = Math.min(1, (double) MAX_SIDE / longest);
        for (double factor : FACTORS) {
            if (longest * start * factor < MIN_SIDE) {
                break;
            }
            Optional<String> found = attempt(scaled(image, start * factor));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> attempt(BufferedImage image) {
        LuminanceSource source = new BufferedImageLuminanceSource(image);
        for (BinaryBitmap bitmap : List.of(new BinaryBitmap(new HybridBinarizer(source)),
                new BinaryBitmap(new GlobalHistogramBinarizer(source)))) {
            try {
                Result[] found = new QRCodeMultiReader().decodeMultiple(bitmap, HINTS);
                if (found.length > 0) {
                    return Optional.of(found[0].getText());
                }
            } catch (ReaderException e) {
                // try the next way
            }
        }
        return Optional.empty();
    }

    private static BufferedImage scaled(BufferedImage image, double factor) {
        if (factor >= 0.999 && image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            return image;
        }
        int w = Math.max(1, (int) Math.round(image.getWidth() * Math.min(1, factor)));
        int h = Math.max(1, (int) Math.round(image.getHeight() * Math.min(1, factor)));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        var g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return out;
    }
}
