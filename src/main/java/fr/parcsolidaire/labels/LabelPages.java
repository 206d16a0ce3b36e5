package fr.parcsolidaire.labels;

import fr.parcsolidaire.inventory.MachineFilter;
import fr.parcsolidaire.platform.http.Form;
import fr.parcsolidaire.platform.http.Guard;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Pages;
import fr.parcsolidaire.platform.http.PublicUrls;
import fr.parcsolidaire.platform.http.Query;
import fr.parcsolidaire.platform.http.ValidationException;
import fr.parcsolidaire.platform.security.Permission;
import fr.parcsolidaire.platform.security.Principal;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The print page: tags from a donation, a selection or a filter of the machine list, or one machine's page;
 * a layout, a start position, an on-screen preview of the first sheet (SVG), then the PDF.
 */
final class LabelPages implements HttpService {

    private static final Set<String> FILTER_KEYS = Set.of("state", "type", "site", "grade", "donation", "q");

    private final Guard guard;
    private final Pages pages;
    private final LabelService labels;
    private final PublicUrls urls;

    public LabelPages(Guard guard, Pages pages, LabelService labels, PublicUrls urls) {
        this.guard = guard;
        this.pages = pages;
        this.labels = labels;
        this.urls = urls;
    }

    @Override
    public void routing(HttpRules rules) {
        guard.on(rules)
                .get("/labels/print", Permission.INVENTORY_WRITE, this::start)
                .postLargeForm("/labels/print", Permission.INVENTORY_WRITE, this::submit)
                .get("/labels/zpl", Permission.INVENTORY_WRITE, this::zpl);
    }

    /** Entry from links and the machine list: ?tags=A&tags=B (or "A,B"), or the list's filter parameters. */
    private void start(ServerRequest req, ServerResponse res, Principal who) {
        Map<String, List<String>> query = Query.all(req);
        List<String> tags = new ArrayList<>();
        query.getOrDefault("tags", List.of()).forEach(t -> tags.addAll(LabelService.splitTags(t)));
        Map<String, String> errors = new HashMap<>();
        if (tags.isEmpty() && query.keySet().stream().anyMatch(FILTER_KEYS::contains)) {
            Map<String, String> filter = new LinkedHashMap<>();
            query.forEach((k, v) -> {
                if (FILTER_KEYS.contains(k) && !v.isEmpty() && !v.getFirst().isBlank()) {
                    filter.put(k, v.getFirst());
                }
            });
            try {
                tags.addAll(labels.tagsOf(MachineFilter.parse(filter)));
            } catch (ValidationException e) {
                errors.put("tags", "Filtre invalide : " + String.join(" ", e.fields().values()));
            }
        }
        Map<String, String> values = new HashMap<>();
        values.put("tags", String.join("\n", tags));
        values.put("layout", query.containsKey("layout") ? query.get("layout").getFirst() : defaultLayout());
        values.put("startAt", query.containsKey("startAt") ? query.get("startAt").getFirst() : "1");
        if (!errors.isEmpty() || tags.isEmpty()) {
            render(res, who, Status.OK_200, values, errors, null);
            return;
        }
        preview(req, res, who, values);
    }

    private void submit(ServerRequest req, ServerResponse res, Principal who) {
        Form form = Form.of(req);
        Map<String, String> values = new HashMap<>(form.values());
        // A run sent from another page (an import's result) names no layout: the first one, as for a link.
        if (!form.has("layout")) {
            values.put("layout", defaultLayout());
        }
        if ("pdf".equals(form.get("action"))) {
            try {
                LabelService.PrintRequest request = request(form);
                LabelApi.send(res, labels.print(request, urls.base(req), who.user(), "tags"), request.layout().id());
            } catch (ValidationException e) {
                render(res, who, Status.BAD_REQUEST_400, values, e.fields(), null);
            }
            return;
        }
        preview(req, res, who, values);
    }

    /** The ZPL download of the print page (a GET form beside the PDF); a mistake shows the page again, in French. */
    private void zpl(ServerRequest req, ServerResponse res, Principal who) {
        try {
            LabelApi.zpl(req, res, labels, urls);
        } catch (ValidationException e) {
            Map<String, String> values = new HashMap<>();
            values.put("tags", String.join("\n", Query.all(req).getOrDefault("tags", List.of())));
            values.put("zplSize", req.query().first("size").orElse(""));
            values.put("zplDpi", req.query().first("dpi").orElse(""));
            Map<String, String> errors = new HashMap<>();
            e.fields().forEach((k, v) -> errors.put(k.equals("tags") ? "tags" : "zpl-" + k, v));
            render(res, who, Status.BAD_REQUEST_400, values, errors, null);
        }
    }

    private void preview(ServerRequest req, ServerResponse res, Principal who, Map<String, String> values) {
        try {
            LabelService.PrintRequest request = labels.request(Input.of(Form.of(values)), LabelService.splitTags(values.get("tags")));
            List<LabelContent> contents = labels.contents(request, urls.base(req), "tags");
            Preview preview = new Preview(SheetPreview.svg(request.layout(), contents, request.startAt()), contents.size(),
                    SheetRenderer.sheets(request.layout(), contents.size(), request.startAt()));
            render(res, who, Status.OK_200, values, Map.of(), preview);
        } catch (ValidationException e) {
            render(res, who, Status.BAD_REQUEST_400, values, e.fields(), null);
        }
    }

    private String defaultLayout() {
        return labels.layouts().all().stream().findFirst().map(LabelLayout::id).orElse("");
    }

    private LabelService.PrintRequest request(Form form) {
        return labels.request(Input.of(form), LabelService.splitTags(form.get("tags")));
    }

    /** What the preview shows: the SVG of the first sheet and the size of the run. */
    public record Preview(String svg, int labels, int sheets) {
    }

    private void render(ServerResponse res, Principal who, Status status, Map<String, String> values,
                        Map<String, String> errors, Preview preview) {
        Map<String, Object> params = new HashMap<>();
        params.put("me", who);
        params.put("layouts", List.copyOf(labels.layouts().all()));
        params.put("values", values);
        params.put("errors", errors);
        params.put("preview", preview);
        pages.render(res, status, "labels/print.jte", params);
    }
}
