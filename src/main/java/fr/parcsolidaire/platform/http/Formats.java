package fr.parcsolidaire.platform.http;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** French renderings of dates and numbers for pages and documents. */
public final class Formats {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.FRANCE);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH:mm", Locale.FRANCE);

    private Formats() {
    }

    public static String date(LocalDate d) {
        return d == null ? "" : DATE.format(d);
    }

    public static String dateTime(OffsetDateTime t) {
        return t == null ? "" : DATE_TIME.format(t.atZoneSameInstant(PARIS));
    }

    public static String number(BigDecimal n) {
        return n == null ? "" : n.stripTrailingZeros().toPlainString().replace('.', ',');
    }
}
