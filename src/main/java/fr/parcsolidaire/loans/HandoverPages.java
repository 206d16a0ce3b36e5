package fr.parcsolidaire.loans;

import fr.parcsolidaire.platform.http.Confirmations;
import fr.parcsolidaire.platform.http.Form;
import fr.parcsolidaire.platform.http.Guard;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Pages;
import fr.parcsolidaire.platform.http.PublicUrls;
import fr.parcsolidaire.platform.security.Permission;
import fr.parcsolidaire.platform.security.Principal;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Pages of the waiting list (with each person's best machines and the reservations), kits and the cohort handover.
 * Every save redirects to a page that confirms it (platform/http/Confirmations); errors come back on the form.
 */
final class HandoverPages implements HttpService {

    private static final Pattern IDS = Pattern.compile("^[0-9]{1,12}(,[0-9]{1,12}){0,59}$");

    private final Guard guard;
    private final Pages pages;
    private final BeneficiaryService beneficiaries;
    private final CourseService courses;
    private final AssignmentService assignments;
    private final WaitingListService waiting;
    private final MatchingService matching;
    private final ReservationService reservations;
    private final KitService kits;
    private final CohortHandover cohort;
    private final PublicUrls urls;

    HandoverPages(Guard guard, Pages pages, BeneficiaryService beneficiaries, CourseService courses,
                  AssignmentService assignments, WaitingListService waiting, MatchingService matching,
                  ReservationService reservations, KitService kits, CohortHandover cohort, PublicUrls urls) {
        this.guard = guard;
        this.pages = pages;
        this.beneficiaries = beneficiaries;
        this.courses = courses;
        this.assignments = assignments;
        this.waiting = waiting;
        this.matching = matching;
        this.reservations = reservations;
        this.kits = kits;
        this.cohort = cohort;
        this.urls = urls;
        // What each form confirms once saved (platform/http/Confirmations: the keys are shared by every feature).
        Confirmations.declare(Map.of(
                "waiting-created", "Demande enregistrée.",
                "waiting-updated", "Demande mise à jour.",
                "waiting-withdrawn", "Demande retirée de la liste d'attente.",
                "reservation-created", "Machine réservée.",
                "reservation-cancelled", "Réservation annulée.",
                "kit-handed-over", "Lot remis : la convention liste chaque élément.",
                "kit-item-returned", "Restitution de l'élément enregistrée.",
                "cohort-signed", "Toutes les conventions de la session sont signées."));
    }

    @Override
    public void routing(HttpRules rules) {
        guard.on(rules)
                .get("/waiting-list", Permission.BENEFICIARIES_READ, (req, res, who) -> list(res, who, Status.OK_200, null))
                .get("/waiting-list/new", Permission.BENEFICIARIES_WRITE, (req, res, who) ->
                        form(res, who, Status.OK_200, null, Map.of("priority", "NORMAL",
                                "beneficiaryId", req.query().first("beneficiaryId").orElse("")), Map.of(), List.of(), List.of()))
                .post("/waiting-list", Permission.BENEFICIARIES_WRITE, this::create)
                .get("/waiting-list/{id}", Permission.BENEFICIARIES_READ, (req, res, who) ->
                        entry(res, who, LoansApi.id(req), Status.OK_200, null))
                .get("/waiting-list/{id}/edit", Permission.BENEFICIARIES_WRITE, (req, res, who) -> {
                    WaitingEntry e = waiting.get(LoansApi.id(req), who.user());
                    Map<String, String> values = new HashMap<>();
                    values.put("priority", e.priority().name());
                    values.put("priorityReason", e.priorityReason());
                    values.put("children", e.children().name());
                    values.put("internet", e.internet().name());
                    form(res, who, Status.OK_200, e, values, Map.of(), e.uses().stream().map(Enum::name).toList(),
                            e.needs().stream().map(Enum::name).toList());
                })
                .post("/waiting-list/{id}", Permission.BENEFICIARIES_WRITE, this::update)
                .post("/waiting-list/{id}/withdraw", Permission.BENEFICIARIES_WRITE, (req, res, who) -> {
                    long id = LoansApi.id(req);
                    try {
                        waiting.close(id, WaitingStatus.WITHDRAWN, Form.of(req).get("note"), who.user());
                        Confirmations.redirect(res, "/waiting-list", "waiting-withdrawn");
                    } catch (HttpProblem e) {
                        rethrowUnlessShown(e);
                        entry(res, who, id, e.status(), e.getMessage());
                    }
                })
                .post("/reservations", Permission.ASSIGNMENTS_WRITE, this::reserve)
                .post("/reservations/{id}/cancel", Permission.ASSIGNMENTS_WRITE, (req, res, who) -> {
                    try {
                        reservations.cancel(LoansApi.id(req), Form.of(req).get("note"), who.user());
                        Confirmations.redirect(res, "/waiting-list", "reservation-cancelled");
                    } catch (HttpProblem e) {
                        rethrowUnlessShown(e);
                        list(res, who, e.status(), e.getMessage());
                    }
                })
                .get("/kits/new", Permission.ASSIGNMENTS_WRITE, (req, res, who) ->
                        kitForm(res, who, Status.OK_200, Map.of("kind", "LOAN",
                                "beneficiaryId", req.query().first("beneficiaryId").orElse(""),
                                "machineTag", req.query().first("machineTag").orElse("")), Map.of(), null))
                .post("/kits", Permission.ASSIGNMENTS_WRITE, this::handOverKit)
                .get("/assignments/{id}/items", Permission.ASSIGNMENTS_READ, (req, res, who) ->
                        kit(res, who, LoansApi.id(req), Status.OK_200, null))
                .post("/kit-items/{id}/return", Permission.ASSIGNMENTS_WRITE, this::returnItem)
                .get("/sessions/{id}/handover", Permission.ASSIGNMENTS_WRITE, (req, res, who) ->
                        cohortPage(res, who, LoansApi.id(req), Status.OK_200, Map.of(), Map.of()))
                .post("/sessions/{id}/handover", Permission.ASSIGNMENTS_WRITE, this::handOverCohort)
                .get("/sessions/{id}/handover/sign", Permission.ASSIGNMENTS_WRITE, this::signNext);
    }

    private void list(ServerResponse res, Principal who, Status status, String message) {
        Map<String, Object> p = params(who, message);
        reservations.lapseDue();
        List<WaitingEntry> open = waiting.open(who.user());
        // The READY machines read once for the whole list, not once per person.
        List<MatchCandidate> ready = matching.candidates(null);
        Map<Long, List<MachineMatch>> best = new HashMap<>();
        for (WaitingEntry e : open) {
            List<MachineMatch> m = MatchingService.machinesFor(e, ready);
            best.put(e.id(), m.size() > 3 ? m.subList(0, 3) : m);
        }
        p.put("entries", open);
        p.put("best", best);
        p.put("reservations", reservations.active(who.user()));
        p.put("until", assignments.today().plusWeeks(2).toString());
        p.put("canReserve", who.user().can(Permission.ASSIGNMENTS_WRITE));
        pages.render(res, status, "loans/waiting-list.jte", p);
    }

    /** The request form: a new one when {@code entry} is null, else the edit of that request. */
    private void form(ServerResponse res, Principal who, Status status, WaitingEntry entry, Map<String, String> values,
                      Map<String, String> errors, List<String> uses, List<String> needs) {
        Map<String, Object> p = new HashMap<>();
        p.put("me", who);
        p.put("entry", entry);
        p.put("values", values);
        p.put("errors", errors);
        p.put("uses", uses);
        p.put("needs", needs);
        p.put("people", beneficiaries.search(null, who.user()));
        pages.render(res, status, "loans/waiting-form.jte", p);
    }

    private void create(ServerRequest req, ServerResponse res, Principal who) {
        Form f = Form.of(req);
        try {
            long id = waiting.create(Input.of(f), f.all("uses"), f.all("needs"), who.user());
            Confirmations.redirect(res, "/waiting-list/" + id, "waiting-created");
        } catch (HttpProblem e) {
            rethrowUnlessShown(e);
            Map<String, String> errors = new LinkedHashMap<>(e.fields());
            if (errors.isEmpty()) {
                errors.put("beneficiaryId", e.getMessage());
            }
            form(res, who, e.status(), null, f.values(), errors, f.all("uses"), f.all("needs"));
        }
    }

    private void update(ServerRequest req, ServerResponse res, Principal who) {
        long id = LoansApi.id(req);
        Form f = Form.of(req);
        try {
            waiting.update(id, Input.of(f), f.all("uses"), f.all("needs"), who.user());
            Confirmations.redirect(res, "/waiting-list/" + id, "waiting-updated");
        } catch (HttpProblem e) {
            rethrowUnlessShown(e);
            if (e.status() == Status.CONFLICT_409) {
                entry(res, who, id, e.status(), e.getMessage());
                return;
            }
            form(res, who, e.status(), waiting.get(id, who.user()), f.values(), e.fields(), f.all("uses"), f.all("needs"));
        }
    }

    private void entry(ServerResponse res, Principal who, long id, Status status, String message) {
        Map<String, Object> p = params(who, message);
        p.put("e", waiting.get(id, who.user()));
        p.put("matches", matching.machinesFor(id, who.user()));
        p.put("until", assignments.today().plusWeeks(2).toString());
        p.put("canReserve", who.user().can(Permission.ASSIGNMENTS_WRITE));
        pages.render(res, status, "loans/waiting-entry.jte", p);
    }

    private void reserve(ServerRequest req, ServerResponse res, Principal who) {
        Form f = Form.of(req);
        String back = f.get("waitingId");
        boolean fromEntry = back != null && back.matches("[0-9]{1,12}");
        try {
            reservations.reserve(Input.of(f), who.user());
            Confirmations.redirect(res, fromEntry ? "/waiting-list/" + back : "/waiting-list", "reservation-created");
        } catch (HttpProblem e) {
            rethrowUnlessShown(e);
            String message = e.fields().isEmpty() ? e.getMessage() : String.join(" ", e.fields().values());
            if (fromEntry) {
                entry(res, who, Long.parseLong(back), e.status(), message);
            } else {
                list(res, who, e.status(), message);
            }
        }
    }

    private void kitForm(ServerResponse res, Principal who, Status status, Map<String, String> values,
                         Map<String, String> errors, String message) {
        Map<String, Object> p = new HashMap<>();
        p.put("me", who);
        p.put("values", values);
        p.put("errors", errors);
        p.put("message", message);
        p.put("people", beneficiaries.search(null, who.user()));
        p.put("rows", Kit.MAX_ITEMS / 4);
        pages.render(res, status, "loans/kit-form.jte", p);
    }

    private void handOverKit(ServerRequest req, ServerResponse res, Principal who) {
        Form f = Form.of(req);
        try {
            Input in = Input.of(f);
            long id = assignments.assign(in, List.of(), Kit.parse(in, true), who.user(), urls.base(req));
            Confirmations.redirect(res, "/assignments/" + id + "/items", "kit-handed-over");
        } catch (HttpProblem e) {
            rethrowUnlessShown(e);
            kitForm(res, who, e.status(), f.values(), e.fields(), e.getMessage());
        }
    }

    private void kit(ServerResponse res, Principal who, long id, Status status, String message) {
        Map<String, Object> p = params(who, message);
        p.put("a", assignments.get(id, who.user()));
        p.put("items", kits.items(id, who.user()));
        p.put("canWrite", who.user().can(Permission.ASSIGNMENTS_WRITE));
        p.put("names", who.user().can(Permission.BENEFICIARIES_READ));
        pages.render(res, status, "loans/kit.jte", p);
    }

    private void returnItem(ServerRequest req, ServerResponse res, Principal who) {
        Form f = Form.of(req);
        String back = f.get("assignmentId");
        try {
            long assignment = kits.returnItem(LoansApi.id(req), Input.of(f), who.user());
            Confirmations.redirect(res, "/assignments/" + assignment + "/items", "kit-item-returned");
        } catch (HttpProblem e) {
            rethrowUnlessShown(e);
            if (back == null || !back.matches("[0-9]{1,12}")) {
                throw e;
            }
            String message = e.fields().isEmpty() ? e.getMessage() : String.join(" ", e.fields().values());
            kit(res, who, Long.parseLong(back), e.status(), message);
        }
    }

    private void cohortPage(ServerResponse res, Principal who, long sessionId, Status status,
                            Map<String, String> values, Map<String, String> errors) {
        CourseSession s = courses.session(sessionId).orElseThrow(() -> HttpProblem.notFound("Session introuvable."));
        Map<String, Object> p = params(who, errors.isEmpty() ? null : "Rien n'a été enregistré : corrigez les lignes signalées.");
        p.put("s", s);
        p.put("participants", cohort.participants(sessionId, who.user()));
        p.put("machines", matching.candidates(null).stream().filter(m -> m.reservedFor() == null).toList());
        p.put("values", values);
        p.put("errors", errors);
        pages.render(res, status, "loans/cohort.jte", p);
    }

    private void handOverCohort(ServerRequest req, ServerResponse res, Principal who) {
        long sessionId = LoansApi.id(req);
        Form f = Form.of(req);
        try {
            List<Long> ids = cohort.handOver(sessionId, Input.of(f), who.user(), urls.base(req));
            Pages.redirect(res, "/sessions/" + sessionId + "/handover/sign?ids="
                    + String.join(",", ids.stream().map(String::valueOf).toList()));
        } catch (HttpProblem e) {
            rethrowUnlessShown(e);
            Map<String, String> errors = new LinkedHashMap<>(e.fields());
            if (errors.isEmpty()) {
                errors.put("rows", e.getMessage());
            }
            cohortPage(res, who, sessionId, e.status(), f.values(), errors);
        }
    }

    /** The next contract of the batch to sign on the tablet, on the usual signature page; the last one ends here. */
    private void signNext(ServerRequest req, ServerResponse res, Principal who) {
        long sessionId = LoansApi.id(req);
        String ids = req.query().first("ids").orElse("");
        if (!IDS.matcher(ids).matches()) {
            Confirmations.redirect(res, "/sessions/" + sessionId + "/handover", "cohort-signed");
            return;
        }
        String first = ids.split(",", 2)[0];
        String rest = ids.contains(",") ? ids.substring(ids.indexOf(',') + 1) : "";
        Pages.redirect(res, "/assignments/" + first + "/sign?then=" + SignChain.encode(sessionId, rest));
    }

    private static void rethrowUnlessShown(HttpProblem e) {
        if (e.status() != Status.BAD_REQUEST_400 && e.status() != Status.CONFLICT_409 && e.status() != Status.NOT_FOUND_404) {
            throw e;
        }
    }

    private static Map<String, Object> params(Principal who, String message) {
        Map<String, Object> p = new HashMap<>();
        p.put("me", who);
        p.put("message", message);
        return p;
    }
}
