package fr.parcsolidaire.course;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Durations in French on the pages: "2 h", "1 h 30", "45 min"; hours with a decimal comma ("7,5 h"). */
final class HoursFormat {

    private HoursFormat() {
    }

    static String minutes(int minutes) {
        int h = minutes / 60;
        int m = minutes % 60;
        if (h == 0) {
            return m + " min";
        }
        return m == 0 ? h + " h" : h + " h " + (m < 10 ? "0" : "") + m;
    }

    static String hours(double hours) {
        return BigDecimal.valueOf(hours).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()
                .replace('.', ',') + " h";
    }
}
