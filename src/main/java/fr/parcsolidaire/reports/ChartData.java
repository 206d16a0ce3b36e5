package fr.parcsolidaire.reports;

import java.util.ArrayList;
import java.util.List;

/** A grouped bar chart, drawn both as SVG for the page and as vector graphics in the PDF. */
record ChartData(String title, List<String> categories, List<Series> series) {

    record Series(String name, String color, long[] values) {
    }

    long max() {
        long max = 0;
        for (Series s : series) {
            for (long v : s.values()) {
                max = Math.max(max, v);
            }
        }
        return max;
    }

    static ChartData monthlyFlows(Summary s) {
        List<String> months = new ArrayList<>();
        int n = s.months().size();
        long[] received = new long[n];
        long[] ready = new long[n];
        long[] assigned = new long[n];
        long[] recycled = new long[n];
        for (int i = 0; i < n; i++) {
            Summary.MonthFlow m = s.months().get(i);
            months.add(MONTHS[m.month().getMonthValue() - 1] + (n > 12 || i == 0 || m.month().getMonthValue() == 1
                    ? " " + (m.month().getYear() % 100) : ""));
            received[i] = m.received();
            ready[i] = m.ready();
            assigned[i] = m.lent() + m.given();
            recycled[i] = m.scrapped() + m.parts();
        }
        return new ChartData("Flux mensuels", months, List.of(
                new Series("Reçues", "#4e79a7", received),
                new Series("Remises en état", "#59a14f", ready),
                new Series("Prêtées ou données", "#f28e2b", assigned),
                new Series("Recyclées ou démontées", "#9c755f", recycled)));
    }

    static ChartData durations(Summary s) {
        List<String> labels = new ArrayList<>();
        long[] values = new long[s.durations().buckets().size()];
        for (int i = 0; i < values.length; i++) {
            Summary.Bucket b = s.durations().buckets().get(i);
            labels.add(b.label());
            values[i] = b.count();
        }
        return new ChartData("Durée de reconditionnement (de l'entrée à « prête »)", labels,
                List.of(new Series("Machines", "#59a14f", values)));
    }

    private static final String[] MONTHS = {"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août",
        "sept.", "oct.", "nov.", "déc."};
}
