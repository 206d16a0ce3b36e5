package fr.parcsolidaire.reports;

import java.util.Locale;

/**
 * Draws a grouped bar chart as an SVG string the server sends inside the page: no script, no CDN.
 * Every text is XML-escaped; colours are presentation attributes (no style attribute, CSP-friendly).
 */
final class SvgChart {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 300;
    private static final int LEFT = 44;
    private static final int BOTTOM = 70;
    private static final int TOP = 16;

    private SvgChart() {
    }

    static String render(ChartData chart, String id) {
        StringBuilder svg = new StringBuilder();
        long max = Math.max(1, niceMax(chart.max()));
        int plotHeight = HEIGHT - TOP - BOTTOM;
        int plotWidth = WIDTH - LEFT - 8;
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title\">")
                .append("<title id=\"").append(id).append("-title\">").append(escape(chart.title())).append("</title>");
        for (int i = 0; i <= 4; i++) {
            long value = max * i / 4;
            double y = TOP + plotHeight - plotHeight * (double) i / 4;
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>", LEFT, y, WIDTH - 8, y));
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" fill=\"#333\">%d</text>", LEFT - 4, y + 4, value));
        }
        int groups = chart.categories().size();
        int series = chart.series().size();
        double groupWidth = (double) plotWidth / Math.max(1, groups);
        double barWidth = groupWidth * 0.8 / series;
        for (int g = 0; g < groups; g++) {
            double x0 = LEFT + g * groupWidth + groupWidth * 0.1;
            for (int s = 0; s < series; s++) {
                ChartData.Series sr = chart.series().get(s);
                long v = sr.values()[g];
                double h = plotHeight * (double) v / max;
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s · %s : %d</title></rect>",
                        x0 + s * barWidth, TOP + plotHeight - h, Math.max(1, barWidth - 1), h, sr.color(),
                        escape(chart.categories().get(g)), escape(sr.name()), v));
            }
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"#333\">%s</text>",
                    x0 + groupWidth * 0.4, TOP + plotHeight + 14, escape(chart.categories().get(g))));
        }
        double lx = LEFT;
        for (ChartData.Series sr : chart.series()) {
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>", lx, HEIGHT - 22, sr.color()));
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"#333\">%s</text>", lx + 14, HEIGHT - 13, escape(sr.name())));
            lx += 24 + sr.name().length() * 6.2;
        }
        return svg.append("</svg>").toString();
    }

    /** A round axis maximum: 1, 2 or 5 times a power of ten. */
    static long niceMax(long max) {
        long step = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (m * step >= max) {
                    return m * step;
                }
            }
            step *= 10;
        }
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
