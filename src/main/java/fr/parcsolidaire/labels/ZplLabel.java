package fr.parcsolidaire.labels;

import fr.parcsolidaire.platform.http.Validator;

import java.util.List;
import java.util.Locale;

/**
 * A Zebra label stock and print head: the label's size in millimetres and the printer's resolution. Zebra desktop
 * printers come in 203 dpi (8 dots a millimetre) and 300 dpi (about 12); ZPL places everything in dots.
 */
record ZplLabel(String size, double widthMm, double heightMm, int dpi) {

    /** The stocks offered: 62 x 29 mm (the Brother QL size, also sold for Zebra) and 50 x 25 mm. */
    static final List<String> SIZES = List.of("62x29", "50x25");
    static final List<Integer> RESOLUTIONS = List.of(203, 300);

    /** Reads "size" and "dpi" (defaults 62x29 and 203); every mistake named in French. */
    static ZplLabel parse(String size, String dpi, Validator v) {
        String s = size == null || size.isBlank() ? SIZES.getFirst() : size.strip().toLowerCase(Locale.ROOT);
        if (!SIZES.contains(s)) {
            v.reject("size", "Format inconnu. Choisissez parmi : 62x29 (62 x 29 mm), 50x25 (50 x 25 mm).");
            s = SIZES.getFirst();
        }
        Integer d = v.integer("dpi", dpi == null || dpi.isBlank() ? "203" : dpi, false, 1, 10_000);
        if (d != null && !RESOLUTIONS.contains(d)) {
            v.reject("dpi", "Résolution inconnue. Choisissez 203 ou 300 points par pouce.");
        }
        String[] mm = s.split("x");
        return new ZplLabel(s, Double.parseDouble(mm[0]), Double.parseDouble(mm[1]), d == null ? 203 : d);
    }

    /** A length in millimetres as printer dots. */
    int dots(double mm) {
        return (int) Math.round(mm * dpi / 25.4);
    }

    /** The downloaded file's name: etiquettes-62x29-203dpi.zpl. */
    String fileName() {
        return "etiquettes-" + size + "-" + dpi + "dpi.zpl";
    }
}
