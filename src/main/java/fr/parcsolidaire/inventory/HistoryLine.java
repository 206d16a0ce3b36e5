package fr.parcsolidaire.inventory;

import fr.parcsolidaire.platform.http.Formats;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of a machine's history as its page shows it, in French. Written once when the record is read, not at
 * every view of the page: labels, dates and data lines were a tenth of the page's cost. Escaped by the template.
 */
record HistoryLine(String title, String when, String actor, String note, List<String> details) {

    /** Newest first, as the page lists them. */
    public static List<HistoryLine> of(Machine machine) {
        List<HistoryLine> lines = new ArrayList<>(machine.events().size());
        for (int i = machine.events().size() - 1; i >= 0; i--) {
            MachineEvent ev = machine.events().get(i);
            lines.add(new HistoryLine(ev.label(), Formats.dateTime(ev.at()), ev.actor(), ev.note(), ev.details()));
        }
        return List.copyOf(lines);
    }
}
