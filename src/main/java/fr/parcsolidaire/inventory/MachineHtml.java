package fr.parcsolidaire.inventory;

import fr.parcsolidaire.platform.http.Pages;
import gg.jte.Content;
import gg.jte.output.Utf8ByteOutput;

import java.util.Map;

/**
 * The parts of a machine's page that depend on its record alone, never on who reads it nor on the day (title and
 * state, facts, storage devices, history), rendered once into escaped UTF-8 and copied into every page that shows
 * this record. Escaping and encoding the history line by line was the largest part of each page view's work
 * (docs/performance.md, « Ce qui ne dépend que de la fiche, rendu une fois »). The reconditioning checklist is worked
 * out once as well. Each one belongs to the exact record instance it was made from: a record read again after a
 * change is a new instance, rendered again.
 */
record MachineHtml(Content title, Content facts, Content storage, Content history, MachineSteps steps, int size) {

    static MachineHtml of(Pages pages, MachineRecords.Cached record) {
        Machine m = record.machine();
        boolean needsStatement = m.type().holdsData() && m.storageDevices().isEmpty() && m.noStorage() == null;
        byte[] title = render(pages, "inventory/machine-title.jte", Map.of("m", m));
        byte[] facts = render(pages, "inventory/machine-facts.jte", Map.of("m", m));
        byte[] storage = render(pages, "inventory/machine-storage.jte", Map.of("m", m, "needsStatement", needsStatement,
                "inWorkshop", Lifecycle.inWorkshop(m.state())));
        byte[] history = render(pages, "inventory/machine-history.jte", Map.of("history", record.history()));
        return new MachineHtml(bytes(title), bytes(facts), bytes(storage), bytes(history), MachineSteps.of(m),
                title.length + facts.length + storage.length + history.length);
    }

    private static byte[] render(Pages pages, String template, Map<String, Object> params) {
        Utf8ByteOutput out = new Utf8ByteOutput();
        pages.fragment(template, params).writeTo(out);
        return out.toByteArray();
    }

    /** Written as it is: already escaped when it was rendered. */
    private static Content bytes(byte[] html) {
        return output -> output.writeBinaryContent(html);
    }
}
