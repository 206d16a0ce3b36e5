package fr.parcsolidaire.messaging;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates as a letter writes them: "jeudi 3 décembre 2026", "lundi 1er mars 2027". */
final class FrenchDates {

    private static final DateTimeFormatter WEEKDAY = DateTimeFormatter.ofPattern("EEEE", Locale.FRENCH);
    private static final DateTimeFormatter MONTH_YEAR = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.FRENCH);

    private FrenchDates() {
    }

    static String longDate(LocalDate date) {
        String day = date.getDayOfMonth() == 1 ? "1er" : Integer.toString(date.getDayOfMonth());
        return WEEKDAY.format(date) + " " + day + " " + MONTH_YEAR.format(date);
    }

    /** Without the weekday, for the place and date line of a letter: "3 décembre 2026". */
    static String date(LocalDate date) {
        String day = date.getDayOfMonth() == 1 ? "1er" : Integer.toString(date.getDayOfMonth());
        return day + " " + MONTH_YEAR.format(date);
    }
}
