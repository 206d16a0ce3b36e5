package fr.parcsolidaire.labels;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fr.parcsolidaire.platform.pdf.QrCode;

/**
 * The QR codes of label payloads, encoded once. Encoding is most of a sheet's work (zxing scores eight masks per
 * code) and a code depends on its payload alone, while the same machines come back: the preview then the print,
 * the sheet printed again after a jam, the ZPL of a label printer. Bounded: 20,000 codes of 29 x 29 modules stay
 * under 4 MB. Each instance keeps its own; nothing to invalidate (a tag's URL never changes).
 */
final class QrCodes {

    private static final Cache<String, QrCode> CODES = Caffeine.newBuilder().maximumSize(20_000).build();

    private QrCodes() {
    }

    static QrCode of(String payload) {
        return CODES.get(payload, p -> QrCode.encode(p, SheetRenderer.LEVEL));
    }
}
