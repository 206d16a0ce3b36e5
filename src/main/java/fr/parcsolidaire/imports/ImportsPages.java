package fr.parcsolidaire.imports;

import fr.parcsolidaire.inventory.DonorKind;
import fr.parcsolidaire.inventory.Site;
import fr.parcsolidaire.platform.http.Confirmations;
import fr.parcsolidaire.platform.http.Form;
import fr.parcsolidaire.platform.http.Guard;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Json;
import fr.parcsolidaire.platform.http.Options;
import fr.parcsolidaire.platform.http.Pages;
import fr.parcsolidaire.platform.http.RetryLater;
import fr.parcsolidaire.platform.http.ValidationException;
import fr.parcsolidaire.platform.security.Permission;
import fr.parcsolidaire.platform.security.Principal;
import fr.parcsolidaire.platform.sql.Database;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The import pages: send the file (app.js posts it as the raw body, with a progress bar), choose the columns on a
 * preview of its first rows, check it (dry run), import it, see what was created. The file waits in a deposit
 * ({@link ImportDeposits}) between the steps; the choices travel in the forms.
 */
final class ImportsPages implements HttpService {

    /** Machines listed one by one on the result page; the rest are counted (the labels take them all). */
    static final int RESULT_MACHINES_SHOWN = 500;

    private final Guard guard;
    private final Pages pages;
    private final Database database;
    private final MachineImportService imports;
    private final ImportDeposits deposits;
    private final ImportHistory history;
    private final ImportLimits limits;
    private final Clock clock;

    ImportsPages(Guard guard, Pages pages, Database database, MachineImportService imports, ImportDeposits deposits,
                 ImportHistory history, ImportLimits limits, Clock clock) {
        this.guard = guard;
        this.pages = pages;
        this.database = database;
        this.imports = imports;
        this.deposits = deposits;
        this.history = history;
        this.limits = limits;
        this.clock = clock;
        // What each step confirms (platform/http/Confirmations: one key, one sentence); the result page counts the machines.
        Confirmations.declare(Map.of(
                "import-done", "Import terminé : les machines sont entrées à l'inventaire.",
                "import-abandoned", "Import abandonné : le fichier envoyé a été effacé."));
    }

    @Override
    public void routing(HttpRules rules) {
        guard.on(rules)
                .get("/imports/machines", Permission.INVENTORY_WRITE, this::uploadPage)
                .post("/imports/machines", Permission.INVENTORY_WRITE, this::upload)
                .get("/imports/machines/{id}", Permission.INVENTORY_WRITE, this::mappingPage)
                .post("/imports/machines/{id}/check", Permission.INVENTORY_WRITE, this::check)
                .post("/imports/machines/{id}/import", Permission.INVENTORY_WRITE, this::commit)
                .post("/imports/machines/{id}/abandon", Permission.INVENTORY_WRITE, this::abandon)
                .get("/imports/{id}", Permission.INVENTORY_WRITE, this::result);
    }

    private void uploadPage(ServerRequest req, ServerResponse res, Principal who) {
        Map<String, Object> p = new HashMap<>();
        p.put("me", who);
        p.put("maxSize", Refusals.megabytes(limits.maxBytes()));
        p.put("maxBytes", limits.maxBytes());
        p.put("lifetime", ImportDeposits.describe(deposits.lifetime()));
        pages.render(res, "imports/upload.jte", p);
    }

    /**
     * The raw body from app.js. The file is read in full (every limit, every refusal) before it is kept, so that a
     * refused file leaves nothing behind; the answer is JSON for the script: where to go next, or why not.
     */
    private void upload(ServerRequest req, ServerResponse res, Principal who) {
        try {
            String name = ImportUploads.fromPage(req);
            byte[] file = ImportUploads.read(req, imports, limits);
            if (file.length == 0) {
                throw Refusals.unreadable("Aucun fichier reçu : choisissez le fichier à importer.");
            }
            imports.preview(name, file);
            UUID id = deposits.deposit(name, file, who.user());
            Json.ok(res, Map.of("location", "/imports/machines/" + id));
        } catch (HttpProblem e) {
            if (e instanceof RetryLater later) {
                res.header(HeaderNames.RETRY_AFTER, String.valueOf(later.seconds()));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", e.code());
            body.put("message", e.getMessage());
            Json.send(res, e.status(), body);
        }
    }

    private void mappingPage(ServerRequest req, ServerResponse res, Principal who) {
        ImportDeposits.Deposit d = open(req, res, who);
        if (d == null) {
            return;
        }
        ImportPreview preview = imports.preview(d.fileName(), d.content());
        ImportRequest defaults = new ImportRequest(preview.guessed(), defaultSite(who), null, null, LocalDate.now(clock));
        render(res, who, Status.OK_200, d, preview, MappingForm.values(preview.guessed(), defaults), Map.of(), null, null);
    }

    private void check(ServerRequest req, ServerResponse res, Principal who) {
        ImportDeposits.Deposit d = open(req, res, who);
        if (d == null) {
            return;
        }
        Map<String, String> values = Form.of(req).values();
        ImportPreview preview = imports.preview(d.fileName(), d.content());
        try {
            ImportRequest request = MappingForm.parse(values, preview::guessed);
            ImportReport report = imports.dryRun(d.fileName(), d.content(), request, who.user());
            render(res, who, Status.OK_200, d, preview, values, Map.of(), report, null);
        } catch (ValidationException e) {
            render(res, who, Status.BAD_REQUEST_400, d, preview, values, e.fields(), null, null);
        }
    }

    private void commit(ServerRequest req, ServerResponse res, Principal who) {
        ImportDeposits.Deposit d = open(req, res, who, true);
        if (d == null) {
            return;
        }
        Map<String, String> values = Form.of(req).values();
        ImportPreview preview = imports.preview(d.fileName(), d.content());
        ImportRequest request;
        try {
            request = MappingForm.parse(values, preview::guessed);
        } catch (ValidationException e) {
            render(res, who, Status.BAD_REQUEST_400, d, preview, values, e.fields(), null, null);
            return;
        }
        try {
            ImportOutcome done = imports.commit(d.fileName(), d.content(), request, who.user(),
                    tx -> deposits.lock(tx, d.id(), who.user()),
                    (tx, importId) -> deposits.consume(tx, d.id(), who.user(), importId));
            Confirmations.redirect(res, "/imports/" + done.importId(), "import-done");
        } catch (ImportRejected e) {
            render(res, who, e.status(), d, preview, values, Map.of(), e.report(), e.getMessage());
        }
    }

    private void abandon(ServerRequest req, ServerResponse res, Principal who) {
        ImportDeposits.Deposit d = open(req, res, who);
        if (d == null) {
            return;
        }
        deposits.abandon(d.id(), who.user());
        Confirmations.redirect(res, "/imports/machines", "import-abandoned");
    }

    private void result(ServerRequest req, ServerResponse res, Principal who) {
        long id;
        try {
            id = Long.parseLong(req.path().pathParameters().get("id"));
        } catch (NumberFormatException e) {
            throw HttpProblem.notFound("Aucun import ne porte ce numéro.");
        }
        ImportHistory.Done done = history.get(id);
        List<ImportHistory.Machine> machines = history.machines(id);
        Map<String, Object> p = new HashMap<>();
        p.put("me", who);
        p.put("done", done);
        p.put("machines", machines.subList(0, Math.min(RESULT_MACHINES_SHOWN, machines.size())));
        p.put("total", machines.size());
        p.put("labelRuns", labelRuns(machines));
        pages.render(res, "imports/result.jte", p);
    }

    /** The tags in runs the label page takes at once (labels.LabelService.MAX_LABELS is 5 000). */
    static List<List<String>> labelRuns(List<ImportHistory.Machine> machines) {
        int run = 5_000;
        List<String> tags = machines.stream().map(ImportHistory.Machine::tag).toList();
        List<List<String>> runs = new ArrayList<>();
        for (int i = 0; i < tags.size(); i += run) {
            runs.add(tags.subList(i, Math.min(tags.size(), i + run)));
        }
        return runs;
    }

    private ImportDeposits.Deposit open(ServerRequest req, ServerResponse res, Principal who) {
        return open(req, res, who, false);
    }

    /**
     * The author's deposit, or null once the answer is sent: a deposit imported already leads to its result (a reload
     * after importing), except for a second import, refused (409).
     */
    private ImportDeposits.Deposit open(ServerRequest req, ServerResponse res, Principal who, boolean importing) {
        ImportDeposits.Deposit d = deposits.open(req.path().pathParameters().get("id"), who.user());
        if (d.removed() == ImportDeposits.Removal.IMPORTED) {
            if (importing) {
                throw HttpProblem.conflict("Ce fichier a déjà été importé (import n° " + d.importId()
                        + ") : rien n'a été importé une seconde fois.");
            }
            Pages.redirect(res, "/imports/" + d.importId());
            return null;
        }
        return d;
    }

    private String defaultSite(Principal who) {
        List<Site> sites = ImportRepository.sites(database.client().execute());
        Long mine = who.user().siteId();
        for (Site s : sites) {
            if (mine != null && s.id() == mine) {
                return s.code();
            }
        }
        return sites.size() == 1 ? sites.getFirst().code() : null;
    }

    private void render(ServerResponse res, Principal who, Status status, ImportDeposits.Deposit d, ImportPreview preview,
                        Map<String, String> values, Map<String, String> errors, ImportReport report, String refusal) {
        Map<String, Object> p = new HashMap<>();
        p.put("me", who);
        p.put("deposit", d);
        p.put("preview", preview);
        p.put("values", values);
        p.put("errors", errors);
        p.put("report", report);
        p.put("refusal", refusal);
        p.put("columns", columnOptions(preview));
        p.put("headerLines", headerOptions(preview));
        p.put("sites", siteOptions());
        p.put("donorKinds", Options.of(DonorKind.values(), DonorKind::label));
        p.put("width", width(preview));
        pages.render(res, status, "imports/mapping.jte", p);
    }

    private static int width(ImportPreview preview) {
        return preview.sample().stream().mapToInt(l -> l.cells().size()).max().orElse(0);
    }

    /** "C" → "C · N° de série", named after the header row's cell when the guessed header row is in the sample. */
    private static Map<String, String> columnOptions(ImportPreview preview) {
        List<String> header = preview.sample().stream().filter(l -> l.line() == preview.guessed().headerLine())
                .findFirst().map(ImportPreview.Line::cells).orElse(List.of());
        Map<String, String> options = new LinkedHashMap<>();
        for (int c = 0; c < width(preview); c++) {
            String name = ImportPlanner.columnName(c);
            String title = c < header.size() && !header.get(c).isBlank() ? header.get(c).strip() : "";
            options.put(name, title.isEmpty() ? "Colonne " + name : "Colonne " + name + " · " + abbreviate(title));
        }
        return options;
    }

    private static Map<String, String> headerOptions(ImportPreview preview) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("0", "Aucune : chaque ligne est une machine");
        preview.sample().forEach(l -> options.put(String.valueOf(l.line()), "Ligne " + l.line()));
        return options;
    }

    private Map<String, String> siteOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        ImportRepository.sites(database.client().execute()).forEach(s -> options.put(s.code(), s.name()));
        return options;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 39) + "…";
    }
}
