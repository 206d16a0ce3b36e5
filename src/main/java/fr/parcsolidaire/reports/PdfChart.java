package fr.parcsolidaire.reports;

import fr.parcsolidaire.platform.pdf.PdfKit;
import org.openpdf.text.Element;
import org.openpdf.text.Image;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfTemplate;
import org.openpdf.text.pdf.PdfWriter;

import java.awt.Color;

/** The dashboard's bar charts in the activity report PDF, drawn with vector operators. */
final class PdfChart {

    private PdfChart() {
    }

    /** A grouped bar chart drawn with vector operators into a template, placed as an image. */
    static Image draw(PdfWriter writer, ChartData chart, float width, float height) {
        PdfContentByte cb = writer.getDirectContent();
        PdfTemplate tpl = cb.createTemplate(width, height);
        float left = 36;
        float bottom = 40;
        float top = 18;
        float plotW = width - left - 6;
        float plotH = height - bottom - top;
        long max = Math.max(1, SvgChart.niceMax(chart.max()));
        tpl.beginText();
        tpl.setFontAndSize(PdfKit.BOLD, 9);
        tpl.setColorFill(Color.DARK_GRAY);
        tpl.showTextAligned(Element.ALIGN_LEFT, chart.title(), 0, height - 10, 0);
        tpl.endText();
        tpl.setLineWidth(0.4f);
        for (int i = 0; i <= 4; i++) {
            float y = bottom + plotH * i / 4;
            tpl.setColorStroke(new Color(0xdd, 0xdd, 0xdd));
            tpl.moveTo(left, y);
            tpl.lineTo(width - 6, y);
            tpl.stroke();
            tpl.beginText();
            tpl.setFontAndSize(PdfKit.REGULAR, 7);
            tpl.setColorFill(Color.DARK_GRAY);
            tpl.showTextAligned(Element.ALIGN_RIGHT, Long.toString(max * i / 4), left - 3, y - 2, 0);
            tpl.endText();
        }
        int groups = chart.categories().size();
        int series = chart.series().size();
        float groupW = plotW / Math.max(1, groups);
        float barW = groupW * 0.8f / series;
        for (int g = 0; g < groups; g++) {
            float x0 = left + g * groupW + groupW * 0.1f;
            for (int s = 0; s < series; s++) {
                ChartData.Series sr = chart.series().get(s);
                float h = plotH * sr.values()[g] / max;
                if (h > 0) {
                    tpl.setColorFill(Color.decode(sr.color()));
                    tpl.rectangle(x0 + s * barW, bottom, Math.max(0.5f, barW - 0.5f), h);
                    tpl.fill();
                }
            }
            tpl.beginText();
            tpl.setFontAndSize(PdfKit.REGULAR, groups > 8 ? 6 : 7);
            tpl.setColorFill(Color.DARK_GRAY);
            tpl.showTextAligned(Element.ALIGN_CENTER, chart.categories().get(g), x0 + groupW * 0.4f, bottom - 9, 0);
            tpl.endText();
        }
        float lx = left;
        for (ChartData.Series sr : chart.series()) {
            tpl.setColorFill(Color.decode(sr.color()));
            tpl.rectangle(lx, 6, 7, 7);
            tpl.fill();
            tpl.beginText();
            tpl.setFontAndSize(PdfKit.REGULAR, 7);
            tpl.setColorFill(Color.DARK_GRAY);
            tpl.showTextAligned(Element.ALIGN_LEFT, sr.name(), lx + 10, 7, 0);
            tpl.endText();
            lx += 18 + PdfKit.REGULAR.getWidthPoint(sr.name(), 7);
        }
        Image image = Image.getInstance(tpl);
        image.setAlignment(Element.ALIGN_CENTER);
        return image;
    }
}
