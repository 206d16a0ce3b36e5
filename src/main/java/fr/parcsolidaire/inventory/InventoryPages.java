package fr.parcsolidaire.inventory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fr.parcsolidaire.platform.http.Confirmations;
import fr.parcsolidaire.platform.http.Form;
import fr.parcsolidaire.platform.http.Guard;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Jsonp;
import fr.parcsolidaire.platform.http.Pages;
import fr.parcsolidaire.platform.http.Query;
import fr.parcsolidaire.platform.http.ValidationException;
import fr.parcsolidaire.platform.security.Permission;
import fr.parcsolidaire.platform.security.Principal;
import fr.parcsolidaire.platform.security.User;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.dbclient.DbClient;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The workshop's pages: home and search, machine list, machine page with its steps, donations and donors. */
final class InventoryPages implements HttpService {

    /** The confirmation shown after each step is saved, by form (platform/http/Confirmations). */
    static {
        Confirmations.declare(Map.ofEntries(
                Map.entry("transition", "Étape enregistrée."),
                Map.entry("storage", "Support de stockage ajouté."),
                Map.entry("erasure", "Effacement enregistré."),
                Map.entry("repair", "Réparation enregistrée."),
                Map.entry("os", "Système enregistré."),
                Map.entry("no-storage", "Déclaration « aucun support » enregistrée."),
                Map.entry("specs", "Caractéristiques corrigées : la correction est inscrite à l'historique."),
                Map.entry("hardware", "Sortie de lshw importée : caractéristiques et supports de stockage mis à jour."),
                Map.entry("evidence", "Preuve d'effacement importée."),
                Map.entry("workbench-revoked", "Jeton du poste de travail révoqué."),
                Map.entry("donation", "Don de matériel enregistré : les numéros d'inventaire sont attribués.")));
    }

    /** Rows shown in an empty intake form; "add rows" brings more without JavaScript. */
    private static final int INTAKE_ROWS = 3;

    private final Guard guard;
    private final Pages pages;
    private final InventoryRepository inventory;
    private final MachineRecords records;
    private final IntakeService intake;
    private final WorkshopService workshop;
    private final SpecsCorrections specs;
    private final Clock clock;
    private final Supplier<MachineAssignments> assignments;
    private final Supplier<MachineProspects> prospects;
    private final Supplier<MachineEvidence> evidence;
    /** Where the page reads the parts it lacks, all on one connection ({@link PageReads}). */
    private final DbClient database;
    /** The parts other features give the page, kept beside the record (docs/performance.md, issue 18). */
    private final MachineRecords.Part<List<MachineAssignments.Line>> keptAssignments;
    private final MachineRecords.Part<MachineProspects.Part> keptProspects;
    private final MachineRecords.Part<MachineEvidence.Section> keptEvidence;
    /**
     * Each kept record's viewer-independent HTML, by record instance (weak keys compare by identity): it goes when its
     * record goes, and a record read again after a change is another key. Bounded by its bytes, as much as the records.
     */
    private final Cache<MachineRecords.Cached, MachineHtml> html;

    InventoryPages(Guard guard, Pages pages, InventoryRepository inventory, MachineRecords records,
                   IntakeService intake, WorkshopService workshop, SpecsCorrections specs, Clock clock,
                   Supplier<MachineAssignments> assignments, Supplier<MachineProspects> prospects,
                   Supplier<MachineEvidence> evidence, DbClient database, int maxMiB) {
        this.guard = guard;
        this.pages = pages;
        this.inventory = inventory;
        this.records = records;
        this.intake = intake;
        this.workshop = workshop;
        this.specs = specs;
        this.clock = clock;
        this.assignments = assignments;
        this.prospects = prospects;
        this.evidence = evidence;
        this.database = database;
        this.keptAssignments = records.part();
        this.keptProspects = records.part();
        this.keptEvidence = records.part();
        this.html = Caffeine.newBuilder().weakKeys().maximumWeight(Math.max(1, maxMiB) * 1024L * 1024L)
                .weigher((MachineRecords.Cached r, MachineHtml h) -> h.size() + 256).build();
    }

    @Override
    public void routing(HttpRules rules) {
        // QR codes print the URL in capitals (denser code); send such scans to the canonical address.
        rules.get("/M/{tag}", (req, res) -> Pages.redirect(res, "/m/" + InventoryApi.tag(req)));
        guard.on(rules)
                .get("/find", Permission.INVENTORY_READ, this::find)
                .get("/machines", Permission.INVENTORY_READ, this::list)
                .get("/m/{tag}", Permission.INVENTORY_READ, (req, res, who) -> showMachine(req, res, who, Status.OK_200, null, Map.of(), Map.of(), null))
                .post("/m/{tag}/transition", Permission.INVENTORY_WRITE, (req, res, who) -> step(req, res, who, "transition", workshop::transition))
                .post("/m/{tag}/storage", Permission.INVENTORY_WRITE, (req, res, who) -> step(req, res, who, "storage", workshop::addStorage))
                .post("/m/{tag}/erasure", Permission.INVENTORY_WRITE, (req, res, who) -> step(req, res, who, "erasure", workshop::recordErasure))
                .post("/m/{tag}/repair", Permission.INVENTORY_WRITE, (req, res, who) -> step(req, res, who, "repair", workshop::recordRepair))
                .post("/m/{tag}/os", Permission.INVENTORY_WRITE, (req, res, who) -> step(req, res, who, "os", workshop::recordOs))
                .post("/m/{tag}/no-storage", Permission.INVENTORY_WRITE, (req, res, who) -> step(req, res, who, "no-storage", workshop::recordNoStorage))
                .post("/m/{tag}/specs", Permission.INVENTORY_WRITE, (req, res, who) -> step(req, res, who, "specs", specs::correct))
                .post("/m/{tag}/hardware", Permission.INVENTORY_WRITE, this::uploadHardware)
                .get("/donations", Permission.INVENTORY_READ, this::donations)
                .get("/donations/new", Permission.INVENTORY_WRITE, (req, res, who) -> intakeForm(res, who, Status.OK_200, defaults(), Map.of(), INTAKE_ROWS))
                .postLargeForm("/donations", Permission.INVENTORY_WRITE, this::createDonation)
                .get("/donations/{id}", Permission.INVENTORY_READ, this::donation)
                .get("/donors", Permission.INVENTORY_READ, (req, res, who) -> pages.render(res, "inventory/donors.jte",
                        Map.of("me", who, "donors", inventory.donors())));
    }

    /** The scan field's lookup: a tag that exists opens its machine, anything else searches the list. */
    private void find(ServerRequest req, ServerResponse res, Principal who) {
        String q = req.query().first("q").orElse("").strip();
        Optional<String> tag = Tags.inSearch(q);
        if (tag.isPresent() && records.find(tag.get()).isPresent()) {
            Pages.redirect(res, "/m/" + tag.get());
            return;
        }
        Pages.redirect(res, q.isEmpty() ? "/machines" : "/machines?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
    }

    private void list(ServerRequest req, ServerResponse res, Principal who) {
        Map<String, String> query = Query.first(req);
        Map<String, Object> params = new HashMap<>();
        params.put("me", who);
        params.put("sites", inventory.sites());
        params.put("query", query);
        try {
            MachineFilter filter = MachineFilter.parse(query);
            MachinePage page = inventory.machines(filter);
            if (filter.searchOnly() && page.total() == 1) {
                Pages.redirect(res, "/m/" + page.items().getFirst().tag());
                return;
            }
            params.put("filter", filter);
            params.put("page", page);
            params.put("errors", Map.of());
            pages.render(res, "inventory/machines.jte", params);
        } catch (ValidationException e) {
            params.put("filter", new MachineFilter(null, null, null, null, null, null, 1));
            params.put("page", new MachinePage(List.of(), 1, MachineFilter.PAGE_SIZE, 0));
            params.put("errors", e.fields());
            pages.render(res, Status.BAD_REQUEST_400, "inventory/machines.jte", params);
        }
    }

    private void step(ServerRequest req, ServerResponse res, Principal who, String formName,
                      StepAction action) {
        String tag = InventoryApi.tag(req);
        Form form = Form.of(req);
        String failed = formName.equals("transition") ? "to-" + form.get("to") : formName;
        try {
            action.apply(tag, Input.of(form), who.user());
            Confirmations.redirect(res, "/m/" + tag, formName);
        } catch (ValidationException e) {
            showMachine(req, res, who, Status.BAD_REQUEST_400, failed, e.fields(), form.values(), e.getMessage());
        } catch (HttpProblem p) {
            if (p.status() != Status.CONFLICT_409) {
                throw p;
            }
            showMachine(req, res, who, Status.CONFLICT_409, failed, Map.of(), form.values(), p.getMessage());
        }
    }

    /**
     * The output of {@code lshw -json} sent from the machine page as the raw body (app.js, data-upload): the page
     * follows the redirect to the machine; a refusal answers JSON {"message"} that the page shows as is.
     */
    private void uploadHardware(ServerRequest req, ServerResponse res, Principal who) {
        String tag = InventoryApi.tag(req);
        try {
            if (Guard.isForm(req)) {
                // The Guard read a form's body for its CSRF field: the file comes as the raw body, never as a form.
                throw new HttpProblem(Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported_media_type",
                        "Envoyez le fichier produit par « lshw -json » lui-même, pas un formulaire.", Map.of());
            }
            workshop.importHardware(tag, InventoryApi.lshw(req), who.user());
            Confirmations.redirect(res, "/m/" + tag, "hardware");
        } catch (HttpProblem p) {
            res.status(p.status());
            res.headers().contentType(MediaTypes.APPLICATION_JSON);
            res.send(Jsonp.objectBuilder().add("error", p.code()).add("message", p.getMessage()).build().toString());
        }
    }

    @FunctionalInterface
    private interface StepAction {
        Machine apply(String tag, Input in, User actor);
    }

    private void showMachine(ServerRequest req, ServerResponse res, Principal who, Status status, String failedForm,
                             Map<String, String> errors, Map<String, String> values, String message) {
        String tag = InventoryApi.tag(req);
        MachineRecords.Cached record = records.find(tag)
                .orElseThrow(() -> Tags.notFound(tag));
        Machine machine = record.machine();
        Map<String, Object> params = new HashMap<>();
        params.put("me", who);
        params.put("m", machine);
        // Kept only while the memory keeps records: otherwise each read is a new record, seen once.
        MachineHtml kept = records.remembering() ? html.get(record, r -> MachineHtml.of(pages, r)) : MachineHtml.of(pages, record);
        params.put("html", kept);
        params.put("steps", kept.steps());
        params.put("canWrite", who.user().can(Permission.INVENTORY_WRITE));
        params.put("targets", Lifecycle.workshopTargets(machine.state()));
        params.put("inWorkshop", Lifecycle.inWorkshop(machine.state()));
        params.put("failedForm", failedForm == null ? "" : failedForm);
        params.put("errors", errors);
        params.put("values", values);
        params.put("message", message);
        params.put("today", LocalDate.now(clock).toString());
        params.put("lastEvent", machine.events().isEmpty() ? 0L : machine.events().getLast().id());
        User reader = who.user();
        // The page is the scan's, the most frequent request: each part is read once, kept beside the record and forgotten
        // with it; what depends on the reader or on the day is decided here. Other features are asked only where they
        // can have something: assignments once the machine was ever assigned; a reservation holds a ready machine (or
        // one sent back to the workshop meanwhile); evidence hangs on storage devices, or comes while in the workshop.
        // The parts not kept are read on one connection, given back before the page is drawn.
        List<MachineAssignments.Line> lines;
        MachineProspects.Part prospects;
        MachineEvidence.Section section;
        boolean ready = machine.state() == MachineState.READY;
        try (PageReads reads = new PageReads(database)) {
            lines = reader.can(Permission.ASSIGNMENTS_READ) && machine.everAssigned()
                    ? keptAssignments.of(machine.tag(), () -> assignments.get().of(reads.db(), machine.id()))
                    : List.of();
            prospects = ready || Lifecycle.inWorkshop(machine.state())
                    ? keptProspects.of(machine.tag(), () -> this.prospects.get().of(reads.db(), machine.id(), machine.tag(), ready))
                    : MachineProspects.NOTHING;
            section = !machine.storageDevices().isEmpty() || Lifecycle.inWorkshop(machine.state())
                    ? keptEvidence.of(machine.tag(), () -> evidence.get().of(reads.db(), machine.id())) : null;
        }
        params.put("assignments", MachineAssignments.shownTo(lines, reader));
        LocalDate today = LocalDate.now(clock);
        params.put("reservation", prospects.reservation(today).orElse(null));
        params.put("prospects", ready && reader.can(Permission.BENEFICIARIES_READ) ? prospects.matches(reader, today) : List.of());
        params.put("evidence", section == null ? null : section.shownTo(reader.can(Permission.INVENTORY_WRITE), clock.instant()));
        pages.render(res, status, "inventory/machine.jte", params);
    }

    private void donations(ServerRequest req, ServerResponse res, Principal who) {
        pages.render(res, "inventory/donations.jte", Map.of("me", who, "donations", inventory.recentDonations(100, 0)));
    }

    private void donation(ServerRequest req, ServerResponse res, Principal who) {
        long id = InventoryApi.parseId(req.path().pathParameters().get("id"));
        Donation donation = inventory.donation(id).orElseThrow(() -> HttpProblem.notFound("Don introuvable."));
        pages.render(res, "inventory/donation.jte", Map.of("me", who, "donation", donation,
                "machines", inventory.machines(new MachineFilter(null, null, null, null, id, null, 1))));
    }

    private Map<String, String> defaults() {
        Map<String, String> values = new HashMap<>();
        values.put("receivedOn", LocalDate.now(clock).toString());
        values.put("donorId", "new");
        return values;
    }

    private void intakeForm(ServerResponse res, Principal who, Status status, Map<String, String> values,
                            Map<String, String> errors, int rows) {
        Map<String, Object> params = new HashMap<>();
        params.put("me", who);
        params.put("values", values);
        params.put("errors", errors);
        params.put("rows", rows);
        params.put("sites", inventory.sites());
        params.put("donors", inventory.donors());
        pages.render(res, status, "inventory/intake.jte", params);
    }

    private void createDonation(ServerRequest req, ServerResponse res, Principal who) {
        Form form = Form.of(req);
        int rows = Math.min(IntakeService.MAX_MACHINES_PER_DONATION, Math.max(INTAKE_ROWS, Input.of(form).list("machines").size()));
        if (form.has("addRows")) {
            intakeForm(res, who, Status.OK_200, form.values(), Map.of(), Math.min(IntakeService.MAX_MACHINES_PER_DONATION, rows + 5));
            return;
        }
        try {
            IntakeService.IntakeResult result = intake.intake(Input.of(form), who.user());
            Confirmations.redirect(res, "/donations/" + result.donationId(), "donation");
        } catch (ValidationException e) {
            intakeForm(res, who, Status.BAD_REQUEST_400, form.values(), e.fields(), rows);
        }
    }
}
