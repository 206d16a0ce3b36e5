package fr.parcsolidaire.messaging;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FrenchDatesTest {

    @Test
    void datesReadAsInALetter() {
        assertEquals("jeudi 3 décembre 2026", FrenchDates.longDate(LocalDate.of(2026, 12, 3)));
        assertEquals("lundi 1er mars 2027", FrenchDates.longDate(LocalDate.of(2027, 3, 1)));
        assertEquals("1er août 2026", FrenchDates.date(LocalDate.of(2026, 8, 1)));
        assertEquals("14 février 2027", FrenchDates.date(LocalDate.of(2027, 2, 14)));
    }
}
