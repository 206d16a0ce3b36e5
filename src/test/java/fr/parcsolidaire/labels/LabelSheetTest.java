package fr.parcsolidaire.labels;

import fr.parcsolidaire.inventory.MachineUrls;
import fr.parcsolidaire.platform.pdf.QrCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped layouts of the top-level labels/ folder: geometry, and a print-and-scan round trip of full sheets. */
class LabelSheetTest {

    private static final LabelLayouts SHIPPED = LabelLayouts.load(Path.of("labels"));
    private static final String BASE = "http://localhost:8080";

    @Test
    void everyShippedLayoutLoadsWithoutProblem() {
        assertTrue(SHIPPED.problems().isEmpty(), SHIPPED.problems().toString());
        assertEquals(List.of("L7160", "L7163", "L7651", "QL-62x29"), SHIPPED.all().stream().map(LabelLayout::id).toList());
        LabelLayout l7651 = SHIPPED.get("L7651").orElseThrow();
        assertEquals(65, l7651.labelsPerPage());
        assertEquals(40.6, l7651.cellLeft(1) - l7651.cellLeft(0), 1e-9, "horizontal pitch of L7651");
        assertEquals(21.2, l7651.cellTop(5) - l7651.cellTop(0), 1e-9, "vertical pitch of L7651");
    }

    @Test
    void everyLabelIsInsideThePageAndNoneOverlap() {
        for (LabelLayout l : SHIPPED.all()) {
            for (int i = 0; i < l.labelsPerPage(); i++) {
                double x = l.cellLeft(i), y = l.cellTop(i);
                assertTrue(x >= 0 && y >= 0 && x + l.labelWidth() <= l.pageWidth() + 1e-9
                        && y + l.labelHeight() <= l.pageHeight() + 1e-9, l.id() + " label " + i + " leaves the page");
                for (int j = i + 1; j < l.labelsPerPage(); j++) {
                    double x2 = l.cellLeft(j), y2 = l.cellTop(j);
                    boolean apart = x + l.labelWidth() <= x2 + 1e-9 || x2 + l.labelWidth() <= x + 1e-9
                            || y + l.labelHeight() <= y2 + 1e-9 || y2 + l.labelHeight() <= y + 1e-9;
                    assertTrue(apart, l.id() + " labels " + i + " and " + j + " overlap");
                }
            }
        }
    }

    @Test
    void qrModulesAreLargeEnoughOnTheSmallestLabelEvenWithALongAddress() {
        LabelLayout smallest = SHIPPED.get("L7651").orElseThrow();
        QrCode longUrl = QrCode.encode(MachineUrls.forQr("https://parc.centre-social-exemple.fr", "PS-2026-00042"),
                SheetRenderer.LEVEL);
        double module = SheetRenderer.moduleSize(smallest, longUrl);
        assertTrue(module >= LabelLayouts.MIN_MODULE_MM, "module " + module + " mm");
        assertTrue(SheetRenderer.moduleSize(smallest, QrCode.encode(MachineUrls.forQr(BASE, "PS-2026-00042"),
                SheetRenderer.LEVEL)) >= 0.5, "a typical address gets modules of half a millimetre or more");
    }

    @Test
    void aFullSheetOfEveryLayoutScansBackToTheExpectedTagsAtTheExpectedPlaces() throws Exception {
        for (LabelLayout layout : SHIPPED.all()) {
            List<LabelContent> labels = contents(layout, layout.labelsPerPage(), 1);
            byte[] pdf = SheetRenderer.pdf(layout, labels, 1);
            BufferedImage page = Raster.page(pdf, 1);
            for (int i = 0; i < labels.size(); i++) {
                Optional<String> read = Raster.decode(Raster.cell(page, layout, i));
                assertEquals(Optional.of(labels.get(i).qrPayload()), read, layout.id() + " position " + (i + 1));
            }
            String text = new PdfTextExtractor(new PdfReader(pdf)).getTextFromPage(1);
            assertTrue(text.contains(labels.getLast().tag()), layout.id() + ": the tag is printed in clear");
        }
    }

    @Test
    void eachQrIsPrintedWhereTheLayoutSaysToTheTenthOfAMillimetre() throws Exception {
        for (LabelLayout layout : SHIPPED.all()) {
            List<LabelContent> labels = contents(layout, layout.labelsPerPage(), 1);
            BufferedImage page = Raster.page(SheetRenderer.pdf(layout, labels, 1), 1);
            for (int position : List.of(0, layout.labelsPerPage() - 1)) {
                QrCode qr = QrCode.encode(labels.get(position).qrPayload(), SheetRenderer.LEVEL);
                double module = SheetRenderer.moduleSize(layout, qr);
                double left = layout.cellLeft(position) + layout.padding() + QrCode.QUIET_ZONE_MODULES * module;
                double top = layout.cellTop(position) + (layout.labelHeight() - layout.qrSide()) / 2
                        + QrCode.QUIET_ZONE_MODULES * module;
                double[] found = firstDark(page, layout, position);
                // 0.1 mm, plus one 300 dpi pixel (0.085 mm) of rasterisation.
                assertEquals(left, found[0], 0.19, layout.id() + " position " + (position + 1) + " left edge of the QR");
                assertEquals(top, found[1], 0.19, layout.id() + " position " + (position + 1) + " top edge of the QR");
            }
        }
    }

    /** Left-most and top-most dark pixel of the QR area of a cell (the finder pattern's corner), in mm. */
    private static double[] firstDark(BufferedImage page, LabelLayout layout, int position) {
        int x0 = Raster.px(layout.cellLeft(position)), y0 = Raster.px(layout.cellTop(position));
        int x1 = Raster.px(layout.cellLeft(position) + layout.padding() + layout.qrSide());
        int y1 = Raster.px(layout.cellTop(position) + layout.labelHeight());
        int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if ((page.getRGB(x, y) & 0xFF) < 128) {
                    minX = Math.min(minX, x);
                    minY = Math.min(minY, y);
                }
            }
        }
        return new double[]{minX * 25.4 / Raster.DPI, minY * 25.4 / Raster.DPI};
    }

    @Test
    void startAtSkipsTheUsedPositionsAndSpillsOntoANewSheet() throws Exception {
        LabelLayout layout = SHIPPED.get("L7160").orElseThrow();
        List<LabelContent> labels = contents(layout, 20, 1);
        byte[] pdf = SheetRenderer.pdf(layout, labels, 5);
        assertEquals(2, new PdfReader(pdf).getNumberOfPages());
        BufferedImage first = Raster.page(pdf, 1);
        for (int i = 0; i < 4; i++) {
            assertFalse(Raster.decode(Raster.cell(first, layout, i)).isPresent(), "position " + (i + 1) + " stays blank");
        }
        for (int i = 4; i < 21; i++) {
            assertEquals(Optional.of(labels.get(i - 4).qrPayload()), Raster.decode(Raster.cell(first, layout, i)));
        }
        BufferedImage second = Raster.page(pdf, 2);
        assertEquals(Optional.of(labels.get(17).qrPayload()), Raster.decode(Raster.cell(second, layout, 0)));
        assertEquals(Optional.of(labels.get(19).qrPayload()), Raster.decode(Raster.cell(second, layout, 2)));
        assertFalse(Raster.decode(Raster.cell(second, layout, 3)).isPresent());
        assertEquals(2, SheetRenderer.sheets(layout, 20, 5));
    }

    @Test
    void anInvalidLayoutFileIsReportedWithItsFieldAndSkipped(@TempDir Path dir) throws IOException {
        Files.copy(Path.of("labels/L7651.properties"), dir.resolve("L7651.properties"));
        String good = Files.readString(Path.of("labels/L7160.properties"));
        Files.writeString(dir.resolve("broken-width.properties"), good.replace("label.width = 63.5", "label.width = large"));
        Files.writeString(dir.resolve("too-many.properties"), good.replace("columns = 3", "columns = 4"));
        Files.writeString(dir.resolve("tiny.properties"), good.replace("label.height = 38.1", "label.height = 8"));
        Files.writeString(dir.resolve("typo.properties"), good.replace("rows = 7", "rows = 7\nrwos = 8"));
        LabelLayouts loaded = LabelLayouts.load(dir);
        assertEquals(List.of("L7651"), loaded.all().stream().map(LabelLayout::id).toList());
        List<String> problems = new ArrayList<>(loaded.problems().stream().map(p -> p.file() + "|" + p.field()).toList());
        assertEquals(List.of("broken-width.properties|label.width", "tiny.properties|label.height",
                "too-many.properties|label.width", "typo.properties|rwos"), problems);
        assertTrue(loaded.problems().getFirst().message().contains("n'est pas un nombre"));
    }

    private static List<LabelContent> contents(LabelLayout layout, int count, int first) {
        List<LabelContent> labels = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String tag = String.format("PS-2026-%05d", first + i * 37);
            labels.add(new LabelContent(tag, MachineUrls.forQr(BASE, tag),
                    List.of("Ordinateur portable · Lenovo ThinkPad X270", "Atelier Parc Solidaire", "Propriété de Parc Solidaire")));
        }
        return labels;
    }
}
