package fr.parcsolidaire.labels;

import fr.parcsolidaire.inventory.MachineFilter;
import fr.parcsolidaire.inventory.MachineType;
import fr.parcsolidaire.inventory.MachineUrls;
import fr.parcsolidaire.inventory.Tags;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Jsonp;
import fr.parcsolidaire.platform.http.ValidationException;
import fr.parcsolidaire.platform.http.Validator;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbRow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Turns a list of tags into a sheet of labels: validates the request, reads what each label prints,
 * renders the PDF and records one LABEL_PRINTED event per machine (in one insert, cheap for 1,000 labels).
 */
final class LabelService {

    /** A print run larger than this is surely a mistake (or a filter too wide). */
    public static final int MAX_LABELS = 5000;

    private final Database database;
    private final LabelLayouts layouts;
    private final String owner;

    public LabelService(Database database, LabelLayouts layouts, String owner) {
        this.database = database;
        this.layouts = layouts;
        this.owner = owner == null || owner.isBlank() ? null : owner.strip();
    }

    public LabelLayouts layouts() {
        return layouts;
    }

    /** A checked print request: the layout, the tags in print order, the first free position (1-based). */
    public record PrintRequest(LabelLayout layout, List<String> tags, int startAt) {
    }

    /** Reads {"layout", "tags": [...] or "a, b c", "startAt"} from JSON or a form; every mistake in French. */
    public PrintRequest request(Input in, List<String> tags) {
        Validator v = new Validator();
        String layoutId = v.required(in.field("layout"), in.text("layout"), 60);
        LabelLayout layout = null;
        if (layoutId != null) {
            layout = layouts.get(layoutId).orElse(null);
            if (layout == null) {
                v.reject(in.field("layout"), "Modèle d'étiquettes inconnu. Choisissez parmi : "
                        + String.join(", ", layouts.all().stream().map(LabelLayout::id).toList()) + ".");
            }
        }
        String start = in.text("startAt");
        Integer startAt = v.integer(in.field("startAt"), start, false, 1,
                layout == null ? 10_000 : layout.labelsPerPage());
        List<String> clean = cleanTags(tags, in.field("tags"), v);
        v.throwIfInvalid();
        return new PrintRequest(layout, clean, startAt == null ? 1 : startAt);
    }

    /** A checked ZPL request: the Zebra label and the tags in print order. */
    public record ZplRequest(ZplLabel label, List<String> tags) {
    }

    /** Reads "size" (62x29, 50x25) and "dpi" (203, 300) with the tags; every mistake in French. */
    public ZplRequest zplRequest(String size, String dpi, List<String> tags) {
        Validator v = new Validator();
        ZplLabel label = ZplLabel.parse(size, dpi, v);
        List<String> clean = cleanTags(tags, "tags", v);
        v.throwIfInvalid();
        return new ZplRequest(label, clean);
    }

    /**
     * The ZPL of these labels: the tag, the model and the owner's line, as on the QL roll. A download, not a
     * print: nothing is journaled (the PDF's LABEL_PRINTED event is recorded when the sheet is made).
     */
    public String zpl(ZplRequest request, String base) {
        return ZplRenderer.zpl(request.label(), contents(request.tags(), ZPL_FIELDS, base, "tags"));
    }

    private static final List<LabelLayout.LabelField> ZPL_FIELDS = List.of(LabelLayout.LabelField.MODEL, LabelLayout.LabelField.OWNER);

    private static List<String> cleanTags(List<String> tags, String field, Validator v) {
        List<String> clean = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        for (String t : tags) {
            if (Tags.isTag(t)) {
                clean.add(Tags.normalise(t));
            } else {
                malformed.add(t);
            }
        }
        if (!malformed.isEmpty()) {
            v.reject(field, "Numéros d'inventaire mal formés : " + abbreviate(malformed) + ".");
        } else if (clean.isEmpty()) {
            v.reject(field, "Indiquez au moins un numéro d'inventaire.");
        } else if (clean.size() > MAX_LABELS) {
            v.reject(field, "Au plus " + MAX_LABELS + " étiquettes par impression.");
        }
        return clean;
    }

    /** Splits what a person typed or pasted: commas, spaces, new lines. */
    public static List<String> splitTags(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String part : text.split("[,;\\s]+")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    /** The labels of these machines, in the order asked; an unknown tag refuses the whole request. */
    public List<LabelContent> contents(PrintRequest request, String base, String tagsField) {
        return contents(request.tags(), request.layout().fields(), base, tagsField);
    }

    private List<LabelContent> contents(List<String> tags, List<LabelLayout.LabelField> fields, String base, String tagsField) {
        Map<String, DbRow> rows = new HashMap<>();
        List<String> distinct = List.copyOf(new LinkedHashSet<>(tags));
        database.client().execute().createNamedQuery("label-machines").addParam("tags", String.join(",", distinct))
                .execute().forEach(r -> rows.put(Rows.text(r, "tag"), r));
        List<String> unknown = distinct.stream().filter(t -> !rows.containsKey(t)).toList();
        if (!unknown.isEmpty()) {
            throw new ValidationException(Map.of(tagsField, Tags.unknown(unknown.size(), abbreviate(unknown))));
        }
        List<LabelContent> labels = new ArrayList<>(tags.size());
        for (String tag : tags) {
            DbRow r = rows.get(tag);
            labels.add(new LabelContent(tag, MachineUrls.forQr(base, tag), lines(fields, r)));
        }
        return labels;
    }

    private List<String> lines(List<LabelLayout.LabelField> fields, DbRow r) {
        List<String> lines = new ArrayList<>();
        for (LabelLayout.LabelField field : fields) {
            switch (field) {
                case MODEL -> {
                    // Brand and model tell machines apart on a shelf; the type only when they are unknown.
                    String model = ((nz(Rows.text(r, "brand")) + " " + nz(Rows.text(r, "model"))).strip());
                    lines.add(model.isEmpty() ? MachineType.valueOf(Rows.text(r, "type")).label() : model);
                }
                case SITE -> lines.add(Rows.text(r, "site_name"));
                case OWNER -> lines.add("Propriété de " + (owner != null ? owner : Rows.text(r, "site_name")));
            }
        }
        return lines;
    }

    /** Renders the sheet and records the print in each machine's history. */
    public byte[] print(PrintRequest request, String base, User actor, String tagsField) {
        List<LabelContent> labels = contents(request, base, tagsField);
        // The sheet renders while its events are written: a print waits for the longer of the two, not their sum
        // (1,000 labels: about 140 ms of PDF and 40 ms of inserts). The events commit only once the sheet exists,
        // so a sheet refused (an address too long for the label) records no print.
        try (ExecutorService renderer = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<byte[]> pdf = renderer.submit(() -> SheetRenderer.pdf(request.layout(), labels, request.startAt()));
            return database.inTransaction(tx -> {
                tx.createNamedInsert("label-printed-insert")
                        .addParam("actorId", actor.id())
                        .addParam("data", Jsonp.objectBuilder().add("layout", request.layout().id()).build().toString())
                        .addParam("tags", String.join(",", new LinkedHashSet<>(request.tags())))
                        .execute();
                return sheet(pdf);
            });
        }
    }

    private static byte[] sheet(Future<byte[]> pdf) {
        try {
            return pdf.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IllegalArgumentException refused) {
                throw HttpProblem.badRequest(refused.getMessage());
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Every tag the filter matches (not just one page), oldest first: "print the labels of this filter". */
    public List<String> tagsOf(MachineFilter f) {
        return database.client().execute().createNamedQuery("label-tags-by-filter")
                .addParam("state", f.state() == null ? null : f.state().name())
                .addParam("type", f.type() == null ? null : f.type().name())
                .addParam("site", f.site())
                .addParam("grade", f.grade() == null ? null : f.grade().name())
                .addParam("donation", f.donation())
                .addParam("q", f.q())
                .addParam("pattern", f.pattern())
                .addParam("limit", MAX_LABELS + 1)
                .execute().map(r -> Rows.text(r, "tag")).collect(Collectors.toList());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String abbreviate(List<String> items) {
        List<String> shown = items.stream().limit(10).map(s -> s.length() > 40 ? s.substring(0, 40) + "…" : s).toList();
        return String.join(", ", shown) + (items.size() > shown.size() ? " (et " + (items.size() - shown.size()) + " autres)" : "");
    }
}
