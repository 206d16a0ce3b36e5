package fr.parcsolidaire.reports;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CellDefuserTest {

    @Test
    void textThatASpreadsheetWouldRunAsAFormulaGetsAnApostrophe() {
        assertEquals("'=1+2", CellDefuser.defuse("=1+2"));
        assertEquals("'+33 6 12", CellDefuser.defuse("+33 6 12"));
        assertEquals("'-2+3", CellDefuser.defuse("-2+3"));
        assertEquals("'@SUM(A1)", CellDefuser.defuse("@SUM(A1)"));
        assertEquals("'\t=cmd", CellDefuser.defuse("\t=cmd"));
        assertEquals("'\r=cmd", CellDefuser.defuse("\r=cmd"));
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        assertEquals("ThinkPad T480", CellDefuser.defuse("ThinkPad T480"));
        assertEquals("a=b", CellDefuser.defuse("a=b"));
        assertEquals("", CellDefuser.defuse(""));
        assertNull(CellDefuser.defuse(null));
    }

    @Test
    void chartTextIsEscaped() {
        ChartData chart = new ChartData("<b>&", java.util.List.of("a\"b"),
                java.util.List.of(new ChartData.Series("<s>", "#000000", new long[] {3})));
        String svg = SvgChart.render(chart, "t");
        assertEquals(-1, svg.indexOf("<b>"));
        assertEquals(-1, svg.indexOf("<s>"));
        assertEquals(true, svg.contains("&lt;b&gt;&amp;"));
    }
}
