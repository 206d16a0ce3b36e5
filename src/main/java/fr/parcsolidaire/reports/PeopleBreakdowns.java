package fr.parcsolidaire.reports;

import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbRow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * People counted by age bracket, situation and commune under the "< 5" rule (docs/reports.md), from rows
 * {@code (dimension, value, n)} where the row of dimension {@code TOTAL} gives the population: ages and situations in
 * the order of their labels, communes by count with the rare ones grouped. The dashboard and the outcome report
 * (outcomes) publish the same breakdowns.
 */
public final class PeopleBreakdowns {

    private PeopleBreakdowns() {
    }

    /** The three breakdowns, in this order: by age bracket, by situation, by commune. */
    public static SmallCount.Protected of(List<DbRow> rows, Map<String, String> ageBrackets, Map<String, String> situations) {
        long total = 0;
        Map<String, Map<String, Long>> groups = new LinkedHashMap<>();
        for (DbRow r : rows) {
            String dimension = Rows.text(r, "dimension");
            long n = Rows.longValue(r, "n");
            if (dimension.equals("TOTAL")) {
                total = n;
            } else {
                groups.computeIfAbsent(dimension, k -> new LinkedHashMap<>()).put(Rows.text(r, "value"), n);
            }
        }
        return SmallCount.people(total, List.of(
                ordered(groups.get("AGE"), ageBrackets),
                ordered(groups.get("SITUATION"), situations),
                SmallCount.groupRare(byCount(groups.get("COMMUNE")), PeopleLabels.OTHER_COMMUNES, PeopleLabels.OTHER_COMMUNES_LABEL)));
    }

    private static List<SmallCount.Raw> ordered(Map<String, Long> counts, Map<String, String> labels) {
        List<SmallCount.Raw> out = new ArrayList<>();
        labels.forEach((code, label) -> out.add(SmallCount.Raw.people(code, label,
                counts == null ? 0 : counts.getOrDefault(code, 0L))));
        return out;
    }

    private static List<SmallCount.Raw> byCount(Map<String, Long> counts) {
        if (counts == null) {
            return List.of();
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> SmallCount.Raw.people(e.getKey(), e.getKey(), e.getValue())).toList();
    }
}
