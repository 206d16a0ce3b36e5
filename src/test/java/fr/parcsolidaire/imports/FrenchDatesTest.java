package fr.parcsolidaire.imports;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class FrenchDatesTest {

    private static final LocalDate NOV_28 = LocalDate.of(2026, 11, 28);

    private static LocalDate csv(String text) {
        return FrenchDates.parse(text, false, false);
    }

    @Test
    void theWaysAFrenchSpreadsheetWritesADate() {
        assertEquals(NOV_28, csv("28/11/2026"));
        assertEquals(NOV_28, csv(" 28/11/2026 "));
        assertEquals(NOV_28, csv("28/11/26"));
        assertEquals(NOV_28, csv("28-11-2026"));
        assertEquals(NOV_28, csv("28.11.2026"));
        assertEquals(LocalDate.of(2026, 3, 5), csv("5/3/2026"));
        assertEquals(NOV_28, csv("2026-11-28"));
        assertEquals(NOV_28, csv("2026-11-28T00:00:00"));
        assertEquals(NOV_28, csv("28/11/2026 14:30"));
        assertEquals(NOV_28, csv("28/11/2026 14:30:00"));
        assertEquals(NOV_28, csv("28 novembre 2026"));
        assertEquals(NOV_28, csv("samedi 28 novembre 2026"));
        assertEquals(NOV_28, csv("28-nov.-26"));
        assertEquals(LocalDate.of(2026, 2, 1), csv("1er février 2026"));
        assertEquals(LocalDate.of(2025, 8, 15), csv("15 AOÛT 2025"));
        assertEquals(LocalDate.of(2025, 12, 3), csv("3 déc. 2025"));
    }

    @Test
    void whatIsNotADateIsNull() {
        assertNull(csv("11/28/2026"), "American order: month 28 does not exist");
        assertNull(csv("31/02/2026"));
        assertNull(csv("hier"));
        assertNull(csv("28 brumaire 2026"));
        assertNull(csv("2026"));
        assertNull(csv("46353"), "a bare number is a date only in a workbook");
        assertNull(csv(""));
        assertNull(csv(null));
    }

    @Test
    void excelSerialDaysIn1900And1904Systems() {
        assertEquals(NOV_28, FrenchDates.parse("46354", true, false));
        assertEquals(NOV_28, FrenchDates.parse("46354.75", true, false), "the time of day is dropped");
        assertEquals(LocalDate.of(1900, 3, 1), FrenchDates.parse("61", true, false), "after Excel's fictitious 29/02/1900");
        assertEquals(NOV_28, FrenchDates.parse("44892", true, true), "Mac workbooks count from 1904");
        assertEquals("2026-11-28", FrenchDates.fromExcelSerial(new BigDecimal("46354"), false));
        assertNull(FrenchDates.fromExcelSerial(new BigDecimal("60"), false), "dates Excel gets wrong are not guessed");
        assertNull(FrenchDates.fromExcelSerial(new BigDecimal("99999999"), false));
        assertNull(FrenchDates.parse("-3", true, false));
    }
}
