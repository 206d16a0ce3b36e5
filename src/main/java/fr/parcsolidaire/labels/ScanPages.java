package fr.parcsolidaire.labels;

import fr.parcsolidaire.inventory.Lifecycle;
import fr.parcsolidaire.inventory.MachineFilter;
import fr.parcsolidaire.inventory.MachineState;
import fr.parcsolidaire.inventory.MachineType;
import fr.parcsolidaire.inventory.Tags;
import fr.parcsolidaire.inventory.WorkshopService;
import fr.parcsolidaire.platform.http.Form;
import fr.parcsolidaire.platform.http.Guard;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.ImageBounds;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Jsonp;
import fr.parcsolidaire.platform.http.Pages;
import fr.parcsolidaire.platform.http.RetryLater;
import fr.parcsolidaire.platform.http.Upload;
import fr.parcsolidaire.platform.http.ValidationException;
import fr.parcsolidaire.platform.http.Validator;
import fr.parcsolidaire.platform.security.Permission;
import fr.parcsolidaire.platform.security.Principal;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The scan station: a field that keyboard-wedge scanners type into (tag or whole label URL) and that opens the
 * machine; a batch mode that applies one shelf location or one step to every scanned machine; and the decoding
 * of a photo of a label for phones whose camera does not read QR codes. The batch lives in the URL and the
 * forms, never in server memory, so any instance serves any request.
 */
final class ScanPages implements HttpService {

    private static final long MAX_PHOTO_BYTES = 10L * 1024 * 1024;
    private static final int MAX_SEARCH = 120;
    /** A batch larger than a URL can carry comfortably: a full shelf fits well under it. */
    public static final int MAX_BATCH = 200;

    private final Guard guard;
    private final Pages pages;
    private final Database database;
    private final WorkshopService workshop;

    public ScanPages(Guard guard, Pages pages, Database database, WorkshopService workshop) {
        this.guard = guard;
        this.pages = pages;
        this.database = database;
        this.workshop = workshop;
    }

    @Override
    public void routing(HttpRules rules) {
        guard.on(rules)
                .get("/scan", Permission.INVENTORY_READ, this::scan)
                .get("/scan/batch", Permission.INVENTORY_WRITE, this::batch)
                .post("/scan/batch", Permission.INVENTORY_WRITE, this::applyBatch)
                .get("/scan/photo", Permission.INVENTORY_READ, (req, res, who) ->
                        pages.render(res, "labels/photo.jte", Map.of("me", who)))
                .post("/scan/photo", Permission.INVENTORY_READ, this::photo);
    }

    /** One machine seen by the scan station. */
    public record Scanned(String tag, MachineState state, String title, String location) {
    }

    /** What a batch step did to one machine. */
    public record Outcome(String tag, boolean done, String message) {
    }

    private void scan(ServerRequest req, ServerResponse res, Principal who) {
        String code = req.query().first("code").orElse(null);
        if (code == null) {
            renderScan(res, who, Status.OK_200, "", null);
            return;
        }
        try {
            String tag = Tags.fromScan(code);
            if (machines(List.of(tag)).isEmpty()) {
                renderScan(res, who, Status.NOT_FOUND_404, code, Tags.unknown(tag));
                return;
            }
            Pages.redirect(res, "/m/" + tag);
        } catch (HttpProblem p) {
            if (isSearch(code)) {
                // Not a tag nor a label's URL: digits or a serial typed by hand, searched like the list's search
                // box (which opens the machine itself when only one matches).
                Pages.redirect(res, "/machines?q=" + URLEncoder.encode(code.strip(), StandardCharsets.UTF_8));
                return;
            }
            renderScan(res, who, p.status(), code, p.getMessage());
        }
    }

    /**
     * The tag a batch scan names: a tag or a label's URL, or else typed digits or a serial fragment that find exactly
     * one machine ("31" for PS-2026-00031); several or none answer in French, naming what was typed.
     */
    private String batchTag(String code) {
        try {
            return Tags.fromScan(code);
        } catch (HttpProblem p) {
            if (!isSearch(code)) {
                throw p;
            }
            String q = code.strip();
            List<String> found = database.client().execute().createNamedQuery("scan-search").addParam("q", q)
                    .addParam("pattern", new MachineFilter(null, null, null, null, null, q, 1).pattern())
                    .execute().map(r -> Rows.text(r, "tag")).toList();
            if (found.size() == 1) {
                return found.getFirst();
            }
            throw HttpProblem.badRequest(found.isEmpty() ? "Aucune machine ne correspond à « " + q + " »."
                    : "Plusieurs machines correspondent à « " + q + " » : scannez l'étiquette ou tapez le numéro complet.");
        }
    }

    /** Text that can only be a search: no URL, within the search box's length (MachineFilter). */
    private static boolean isSearch(String code) {
        String s = code.strip();
        return !s.isEmpty() && s.length() <= MAX_SEARCH && !s.contains("/") && !s.contains(":");
    }

    private void renderScan(ServerResponse res, Principal who, Status status, String code, String message) {
        Map<String, Object> params = new HashMap<>();
        params.put("me", who);
        params.put("code", code);
        params.put("message", message);
        pages.render(res, status, "labels/scan.jte", params);
    }

    private void batch(ServerRequest req, ServerResponse res, Principal who) {
        List<String> tags = batchTags(req.query().first("tags").orElse(""));
        Optional<String> code = req.query().first("code").asOptional();
        if (code.isPresent()) {
            String message;
            try {
                String tag = batchTag(code.get());
                if (tags.contains(tag)) {
                    message = tag + " est déjà dans la liste.";
                } else if (machines(List.of(tag)).isEmpty()) {
                    message = Tags.unknown(tag);
                } else if (tags.size() >= MAX_BATCH) {
                    message = "Un lot compte au plus " + MAX_BATCH + " machines : appliquez celui-ci d'abord.";
                } else {
                    List<String> more = new ArrayList<>(tags);
                    more.add(tag);
                    Pages.redirect(res, "/scan/batch?tags=" + join(more));
                    return;
                }
            } catch (HttpProblem p) {
                message = p.getMessage();
            }
            renderBatch(res, who, Status.BAD_REQUEST_400, tags, message, Map.of(), Map.of(), List.of());
            return;
        }
        renderBatch(res, who, Status.OK_200, tags, null, Map.of(), Map.of(), List.of());
    }

    private void applyBatch(ServerRequest req, ServerResponse res, Principal who) {
        Form form = Form.of(req);
        List<String> tags = batchTags(form.get("tags"));
        Validator v = new Validator();
        String action = v.required("action", form.get("action"), 20);
        String location = null;
        MachineState to = null;
        if ("location".equals(action)) {
            location = v.required("location", form.get("location"), 80);
        } else if ("step".equals(action)) {
            to = v.requiredEnum("to", form.get("to"), MachineState.class, MachineState::label);
        } else if (action != null) {
            v.reject("action", "Choisissez : ranger à un emplacement, ou appliquer une étape.");
        }
        if (tags.isEmpty()) {
            v.reject("tags", "Scannez au moins une machine avant d'appliquer.");
        }
        try {
            v.throwIfInvalid();
        } catch (ValidationException e) {
            renderBatch(res, who, Status.BAD_REQUEST_400, tags, "Rien n'a été modifié : corrigez les champs signalés.",
                    form.values(), e.fields(), List.of());
            return;
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (String tag : tags) {
            try {
                if (to == null) {
                    workshop.setLocation(tag, location, who.user());
                    outcomes.add(new Outcome(tag, true, "Rangée à « " + location + " »."));
                } else {
                    workshop.transition(tag, Input.of(form), who.user());
                    outcomes.add(new Outcome(tag, true, "Passée à « " + to.label() + " »."));
                }
            } catch (ValidationException e) {
                outcomes.add(new Outcome(tag, false, "Refusé : " + String.join(" ", describe(e.fields()))));
            } catch (HttpProblem p) {
                outcomes.add(new Outcome(tag, false, "Refusé : " + p.getMessage()));
            }
        }
        renderBatch(res, who, Status.OK_200, tags, null, form.values(), Map.of(), outcomes);
    }

    private static List<String> describe(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> e.getKey() + " : " + e.getValue()).toList();
    }

    private void renderBatch(ServerResponse res, Principal who, Status status, List<String> tags, String message,
                             Map<String, String> values, Map<String, String> errors, List<Outcome> outcomes) {
        Map<String, Scanned> found = new LinkedHashMap<>();
        for (Scanned s : machines(tags)) {
            found.put(s.tag(), s);
        }
        List<Scanned> list = tags.stream().filter(found::containsKey).map(found::get).toList();
        Map<String, Object> params = new HashMap<>();
        params.put("me", who);
        params.put("scanned", list);
        params.put("tags", join(list.stream().map(Scanned::tag).toList()));
        params.put("undo", list.isEmpty() ? null : join(list.subList(0, list.size() - 1).stream().map(Scanned::tag).toList()));
        params.put("message", message);
        params.put("values", values);
        params.put("errors", errors);
        params.put("outcomes", outcomes);
        params.put("targets", stepTargets());
        pages.render(res, status, "labels/batch.jte", params);
    }

    /** Every step a technician may take in the workshop from some state; each machine's own state decides. */
    private static Set<MachineState> stepTargets() {
        Set<MachineState> targets = EnumSet.noneOf(MachineState.class);
        for (MachineState s : MachineState.values()) {
            targets.addAll(Lifecycle.workshopTargets(s));
        }
        return targets;
    }

    /** The tags carried by the batch URL or form; anything else in it is dropped, never trusted. */
    private static List<String> batchTags(String text) {
        Set<String> tags = new LinkedHashSet<>();
        for (String t : LabelService.splitTags(text)) {
            if (Tags.isTag(t) && tags.size() < MAX_BATCH) {
                tags.add(Tags.normalise(t));
            }
        }
        return List.copyOf(tags);
    }

    /** Tags are checked against the tag format, so the comma list is safe as is in a URL. */
    private static String join(List<String> tags) {
        return String.join(",", tags);
    }

    private List<Scanned> machines(List<String> tags) {
        if (tags.isEmpty()) {
            return List.of();
        }
        return database.client().execute().createNamedQuery("scan-machines").addParam("tags", String.join(",", tags))
                .execute().map(r -> {
                    String name = ((nz(Rows.text(r, "brand")) + " " + nz(Rows.text(r, "model"))).strip());
                    return new Scanned(Rows.text(r, "tag"), MachineState.valueOf(Rows.text(r, "state")),
                            name.isEmpty() ? MachineType.valueOf(Rows.text(r, "type")).label() : name,
                            Rows.text(r, "location"));
                }).toList();
    }

    /**
     * A photo of a label, sent as the raw body by the shared upload form: the QR is decoded and the phone is sent
     * to the machine. Failures answer JSON {"message"} that the page shows as is.
     */
    private void photo(ServerRequest req, ServerResponse res, Principal who) {
        try {
            Upload upload = Upload.read(req, MAX_PHOTO_BYTES, Set.of(Upload.JPEG, Upload.PNG));
            String text = ImageBounds.decode(upload.bytes(), ImageBounds.Limits.PHOTO, QrDecoder.MAX_SIDE, QrDecoder::decode)
                    .orElseThrow(() -> new HttpProblem(Status.create(422), "unreadable", "Aucun QR code lisible sur cette "
                            + "photo : cadrez l'étiquette de plus près, à plat et bien éclairée, puis réessayez.", Map.of()));
            String tag;
            try {
                tag = Tags.fromScan(text);
            } catch (HttpProblem p) {
                throw new HttpProblem(Status.create(422), "not_a_label",
                        "Ce QR code n'est pas celui d'une étiquette de machine.", Map.of());
            }
            if (machines(List.of(tag)).isEmpty()) {
                throw Tags.notFound(tag);
            }
            Pages.redirect(res, "/m/" + tag);
        } catch (HttpProblem p) {
            res.status(p.status());
            if (p instanceof RetryLater later) {
                res.header(HeaderNames.RETRY_AFTER, String.valueOf(later.seconds()));
            }
            res.headers().contentType(MediaTypes.APPLICATION_JSON);
            res.header(HeaderNames.CACHE_CONTROL, "no-store");
            res.send(Jsonp.objectBuilder().add("error", p.code()).add("message", p.getMessage()).build().toString());
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
