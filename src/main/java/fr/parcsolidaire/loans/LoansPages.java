package fr.parcsolidaire.loans;

import fr.parcsolidaire.platform.http.Confirmations;
import fr.parcsolidaire.platform.http.Form;
import fr.parcsolidaire.platform.http.Guard;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Json;
import fr.parcsolidaire.platform.http.Multipart;
import fr.parcsolidaire.platform.http.Pages;
import fr.parcsolidaire.platform.http.PublicUrls;
import fr.parcsolidaire.platform.http.Query;
import fr.parcsolidaire.platform.http.Upload;
import fr.parcsolidaire.platform.http.ValidationException;
import fr.parcsolidaire.platform.security.Permission;
import fr.parcsolidaire.platform.security.Principal;
import fr.parcsolidaire.platform.sql.Database;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Pages of beneficiaries, courses and assignments, for social workers (and, without names, coordinators). */
final class LoansPages implements HttpService {

    private final Guard guard;
    private final Pages pages;
    private final BeneficiaryService beneficiaries;
    private final CourseService courses;
    private final AssignmentService assignments;
    private final ContractService contracts;
    private final PublicUrls urls;
    private final Database database;
    private final GiftConversions gifts;
    private final List<BeneficiarySection> sections;
    /** The multipart envelope around a scan: boundaries, part headers, the CSRF field. */
    private static final long UPLOAD_SLACK = 64 * 1024;

    public LoansPages(Guard guard, Pages pages, BeneficiaryService beneficiaries, CourseService courses,
                      AssignmentService assignments, ContractService contracts, Database database, PublicUrls urls,
                      GiftConversions gifts, List<BeneficiarySection> sections) {
        this.guard = guard;
        this.pages = pages;
        this.beneficiaries = beneficiaries;
        this.courses = courses;
        this.assignments = assignments;
        this.contracts = contracts;
        this.urls = urls;
        this.database = database;
        this.gifts = gifts;
        this.sections = List.copyOf(sections);
    }

    /** What each form confirms once saved (platform/http/Confirmations). */
    static {
        Confirmations.declare(Map.ofEntries(
                Map.entry("beneficiary-created", "Bénéficiaire enregistré."),
                Map.entry("beneficiary-updated", "Fiche du bénéficiaire mise à jour."),
                Map.entry("course", "Parcours créé."),
                Map.entry("session", "Session créée."),
                Map.entry("enrolment", "Inscription enregistrée."),
                Map.entry("enrolment-status", "Statut de l'inscription enregistré."),
                Map.entry("session-converted", "Les prêts des participants qui ont terminé sont devenus des remises en don : les attestations sont générées."),
                Map.entry("assigned", "Machine attribuée : le document est prêt à signer."),
                Map.entry("scan", "Document signé sur papier enregistré."),
                Map.entry("signed", "Document signé à l'écran enregistré."),
                Map.entry("extend", "Prêt prolongé."),
                Map.entry("return", "Restitution enregistrée."),
                Map.entry("convert", "Prêt transformé en remise en don : l'attestation est prête à signer."),
                Map.entry("incident", "Incident enregistré."),
                Map.entry("gift", "Le prêt est devenu une remise en don : l'attestation est générée."),
                Map.entry("cancel-gift", "Remise en don annulée : le prêt est rétabli et l'attestation est marquée annulée."),
                Map.entry("plan-return", "Restitution prévue : la date de retour est enregistrée.")));
    }

    @Override
    public void routing(HttpRules rules) {
        guard.on(rules)
                .get("/beneficiaries", Permission.BENEFICIARIES_READ, this::beneficiaryList)
                .get("/beneficiaries/new", Permission.BENEFICIARIES_WRITE, (req, res, who) ->
                        beneficiaryForm(res, who, Status.OK_200, null, Map.of("gdprNoticeOn", assignments.today().toString()), Map.of()))
                .post("/beneficiaries", Permission.BENEFICIARIES_WRITE, (req, res, who) -> saveBeneficiary(req, res, who, null))
                .get("/beneficiaries/{id}", Permission.BENEFICIARIES_READ, this::beneficiary)
                .get("/beneficiaries/{id}/edit", Permission.BENEFICIARIES_WRITE, (req, res, who) ->
                        beneficiaryForm(res, who, Status.OK_200, LoansApi.id(req), values(beneficiaries.read(LoansApi.id(req), who.user(), "modification")), Map.of()))
                .post("/beneficiaries/{id}", Permission.BENEFICIARIES_WRITE, (req, res, who) -> saveBeneficiary(req, res, who, LoansApi.id(req)))
                .get("/courses", Permission.BENEFICIARY_COUNTS, (req, res, who) -> coursesPage(res, who, Status.OK_200, Map.of(), Map.of(), ""))
                .post("/courses", Permission.BENEFICIARIES_WRITE, this::createCourse)
                .post("/courses/{id}/sessions", Permission.BENEFICIARIES_WRITE, this::createSession)
                .get("/sessions/{id}", Permission.BENEFICIARY_COUNTS, (req, res, who) -> session(res, who, LoansApi.id(req), Status.OK_200, null))
                .post("/sessions/{id}/enrol", Permission.BENEFICIARIES_WRITE, (req, res, who) -> sessionAction(req, res, who, "enrolment", () ->
                        courses.enrol(LoansApi.id(req), Input.of(Form.of(req)), who.user())))
                .post("/enrolments/{id}/status", Permission.BENEFICIARIES_WRITE, this::enrolmentStatus)
                .get("/assignments", Permission.ASSIGNMENTS_READ, (req, res, who) -> assignmentList(res, who, false))
                .get("/assignments/overdue", Permission.ASSIGNMENTS_READ, (req, res, who) -> assignmentList(res, who, true))
                .get("/assignments/new", Permission.ASSIGNMENTS_WRITE, this::newAssignment)
                .post("/assignments", Permission.ASSIGNMENTS_WRITE, this::assign)
                .get("/assignments/{id}", Permission.ASSIGNMENTS_READ, (req, res, who) ->
                        assignment(res, who, LoansApi.id(req), Status.OK_200, "", Map.of(), Map.of(), null))
                .get("/assignments/{id}/contract.pdf", Permission.BENEFICIARIES_READ, (req, res, who) ->
                        LoansApi.sendPdf(res, contracts.open(contracts.latest(LoansApi.id(req), who.user())
                                .orElseThrow(() -> HttpProblem.notFound("Aucun document pour cette attribution.")), who.user())))
                .get("/contracts/{id}/pdf", Permission.BENEFICIARIES_READ, (req, res, who) ->
                        LoansApi.sendPdf(res, contracts.open(contracts.byId(LoansApi.id(req), who.user())
                                .orElseThrow(() -> HttpProblem.notFound("Document introuvable.")), who.user())))
                .get("/scans/{id}", Permission.BENEFICIARIES_READ, this::scan)
                // A page without JavaScript sends the file as multipart; app.js and scripts as the raw body (JSON answer).
                .postUpload("/assignments/{id}/scan", Permission.ASSIGNMENTS_WRITE, ContractService.MAX_SCAN_BYTES + UPLOAD_SLACK,
                        this::uploadScan)
                .get("/assignments/{id}/sign", Permission.ASSIGNMENTS_WRITE, (req, res, who) -> signPage(res, who, LoansApi.id(req), Status.OK_200, null,
                        req.query().first("then").orElse(null)))
                .postLargeForm("/assignments/{id}/sign", Permission.ASSIGNMENTS_WRITE, this::sign)
                .post("/assignments/{id}/extend", Permission.ASSIGNMENTS_WRITE, (req, res, who) -> assignmentAction(req, res, who, "extend",
                        f -> assignments.extend(LoansApi.id(req), Input.of(f), who.user())))
                .post("/assignments/{id}/return", Permission.ASSIGNMENTS_WRITE, (req, res, who) -> assignmentAction(req, res, who, "return",
                        f -> assignments.returnLoan(LoansApi.id(req), Input.of(f), f.all("missingAccessories"), who.user())))
                .post("/assignments/{id}/cancel-gift", Permission.ASSIGNMENTS_WRITE, (req, res, who) -> assignmentAction(req, res, who, "cancel-gift",
                        f -> gifts.cancel(LoansApi.id(req), Input.of(f), who.user())))
                .post("/assignments/{id}/plan-return", Permission.ASSIGNMENTS_WRITE, (req, res, who) -> assignmentAction(req, res, who, "plan-return",
                        f -> gifts.planReturn(LoansApi.id(req), Input.of(f), who.user())))
                .post("/assignments/{id}/incident", Permission.ASSIGNMENTS_WRITE, (req, res, who) -> assignmentAction(req, res, who, "incident",
                        f -> assignments.incident(LoansApi.id(req), Input.of(f), who.user())));
    }

    private void beneficiaryList(ServerRequest req, ServerResponse res, Principal who) {
        String q = req.query().first("q").orElse("");
        Map<String, Object> p = params(who);
        p.put("q", q);
        p.put("people", beneficiaries.search(q, who.user()));
        p.put("counts", beneficiaries.counts(who.user()));
        pages.render(res, "loans/beneficiaries.jte", p);
    }

    private void beneficiaryForm(ServerResponse res, Principal who, Status status, Long id, Map<String, String> values,
                                 Map<String, String> errors) {
        Map<String, Object> p = params(who);
        p.put("id", id);
        p.put("values", values);
        p.put("errors", errors);
        p.put("workers", beneficiaries.socialWorkers());
        pages.render(res, status, "loans/beneficiary-form.jte", p);
    }

    private void saveBeneficiary(ServerRequest req, ServerResponse res, Principal who, Long id) {
        Form form = Form.of(req);
        try {
            long saved;
            if (id == null) {
                saved = beneficiaries.create(Input.of(form), who.user());
            } else {
                beneficiaries.update(id, Input.of(form), who.user());
                saved = id;
            }
            Confirmations.redirect(res, "/beneficiaries/" + saved, id == null ? "beneficiary-created" : "beneficiary-updated");
        } catch (ValidationException e) {
            beneficiaryForm(res, who, Status.BAD_REQUEST_400, id, form.values(), e.fields());
        }
    }

    private void beneficiary(ServerRequest req, ServerResponse res, Principal who) {
        long id = LoansApi.id(req);
        Map<String, Object> p = params(who);
        p.put("b", beneficiaries.read(id, who.user(), "fiche"));
        List<Assignment> list = assignments.list(id, null, null, who.user());
        p.put("assignments", list);
        p.put("documents", list.stream().collect(Collectors.toMap(Assignment::id, a -> contracts.contracts(a.id(), who.user()))));
        p.put("enrolments", courses.enrolmentsOf(id, who.user()));
        p.put("sections", sections.stream().map(s -> s.render(who, id)).toList());
        pages.render(res, "loans/beneficiary.jte", p);
    }

    private void coursesPage(ServerResponse res, Principal who, Status status, Map<String, String> values,
                             Map<String, String> errors, String failedForm) {
        Map<String, Object> p = params(who);
        p.put("courses", courses.courses());
        p.put("sessions", courses.sessions());
        p.put("values", values);
        p.put("errors", errors);
        p.put("failedForm", failedForm);
        pages.render(res, status, "loans/courses.jte", p);
    }

    private void createCourse(ServerRequest req, ServerResponse res, Principal who) {
        Form form = Form.of(req);
        try {
            courses.createCourse(Input.of(form), who.user());
            Confirmations.redirect(res, "/courses", "course");
        } catch (ValidationException e) {
            coursesPage(res, who, Status.BAD_REQUEST_400, form.values(), e.fields(), "course");
        }
    }

    private void createSession(ServerRequest req, ServerResponse res, Principal who) {
        Form form = Form.of(req);
        long courseId = LoansApi.id(req);
        try {
            Confirmations.redirect(res, "/sessions/" + courses.createSession(courseId, Input.of(form), who.user()), "session");
        } catch (ValidationException e) {
            coursesPage(res, who, Status.BAD_REQUEST_400, form.values(), e.fields(), "session-" + courseId);
        }
    }

    private void session(ServerResponse res, Principal who, long id, Status status, String message) {
        CourseSession s = courses.session(id).orElseThrow(() -> HttpProblem.notFound("Session introuvable."));
        boolean names = who.user().can(Permission.BENEFICIARIES_READ);
        Map<String, Object> p = params(who);
        p.put("s", s);
        p.put("enrolments", names ? courses.enrolments(id, who.user()) : List.of());
        p.put("candidates", names && who.user().can(Permission.BENEFICIARIES_WRITE) ? beneficiaries.search(null, who.user()) : List.of());
        p.put("message", message);
        pages.render(res, status, "loans/session.jte", p);
    }

    private void sessionAction(ServerRequest req, ServerResponse res, Principal who, String saved, Runnable action) {
        long id = LoansApi.id(req);
        try {
            action.run();
            Confirmations.redirect(res, "/sessions/" + id, saved);
        } catch (HttpProblem e) {
            if (e.status() == Status.BAD_REQUEST_400 || e.status() == Status.CONFLICT_409) {
                session(res, who, id, e.status(), e.fields().isEmpty() ? e.getMessage()
                        : String.join(" ", e.fields().values()));
                return;
            }
            throw e;
        }
    }

    private void enrolmentStatus(ServerRequest req, ServerResponse res, Principal who) {
        long sessionId = courses.setStatus(LoansApi.id(req), Input.of(Form.of(req)), who.user());
        Confirmations.redirect(res, "/sessions/" + sessionId, "enrolment-status");
    }

    private void assignmentList(ServerResponse res, Principal who, boolean overdue) {
        Map<String, Object> p = params(who);
        p.put("overdue", overdue);
        p.put("list", overdue ? assignments.overdue(who.user()) : assignments.list(null, null, null, who.user()));
        p.put("today", assignments.today());
        pages.render(res, "loans/assignments.jte", p);
    }

    /** The assignment form; an invalid machine filter (negative memory...) is a 400 that says which one and why. */
    private void newAssignment(ServerRequest req, ServerResponse res, Principal who) {
        Map<String, String> values = query(req);
        Map<String, String> filterErrors = ReadyMachines.filterErrors(values);
        assignForm(req, res, who, filterErrors.isEmpty() ? Status.OK_200 : Status.BAD_REQUEST_400, values, filterErrors);
    }

    private void assignForm(ServerRequest req, ServerResponse res, Principal who, Status status, Map<String, String> values,
                            Map<String, String> errors) {
        Map<String, Object> p = params(who);
        List<ReadyMachine> machines = ReadyMachines.find(database, values);
        Map<String, String> shown = new HashMap<>(values);
        // A scan that finds exactly one machine picks it: the social worker only checks it is the right one.
        if (machines.size() == 1 && !shown.containsKey("machineTag") && shown.get("q") != null) {
            shown.put("machineTag", machines.getFirst().tag());
        }
        p.put("values", shown);
        p.put("errors", errors);
        p.put("people", beneficiaries.search(null, who.user()));
        p.put("sessions", courses.sessions());
        p.put("machines", machines);
        pages.render(res, status, "loans/assign.jte", p);
    }

    private void assign(ServerRequest req, ServerResponse res, Principal who) {
        Form form = Form.of(req);
        try {
            List<String> accessories = new ArrayList<>(form.all("accessories"));
            if (form.get("otherAccessories") != null) {
                accessories.addAll(List.of(form.get("otherAccessories").split(",")));
            }
            long id = assignments.assign(Input.of(form), accessories, who.user(), urls.base(req));
            Confirmations.redirect(res, "/assignments/" + id, "assigned");
        } catch (HttpProblem e) {
            if (e.status() != Status.BAD_REQUEST_400 && e.status() != Status.CONFLICT_409) {
                throw e;
            }
            Map<String, String> errors = new HashMap<>(e.fields());
            if (errors.isEmpty()) {
                errors.put("machineTag", e.getMessage());
            }
            assignForm(req, res, who, e.status(), form.values(), errors);
        }
    }

    private void assignment(ServerResponse res, Principal who, long id, Status status, String failedForm,
                            Map<String, String> errors, Map<String, String> values, String message) {
        boolean names = who.user().can(Permission.BENEFICIARIES_READ);
        Assignment a = assignments.get(id, who.user());
        if (names) {
            beneficiaries.logRead(a.beneficiaryId(), who.user(), "attribution n° " + id);
        }
        Map<String, Object> p = params(who);
        p.put("a", a);
        p.put("today", assignments.today());
        p.put("events", assignments.events(id));
        List<StoredContract> documents = names ? contracts.contracts(id, who.user()) : List.of();
        List<ContractScan> scans = names ? contracts.scans(id, who.user()) : List.of();
        p.put("documents", documents);
        p.put("scans", scans);
        p.put("signature", Signature.of(documents, scans));
        p.put("failedForm", failedForm);
        p.put("errors", errors);
        p.put("values", values);
        p.put("message", message);
        p.put("gift", gifts.standing(id).orElse(null));
        p.put("voided", gifts.voided(id));
        pages.render(res, status, "loans/assignment.jte", p);
    }

    @FunctionalInterface
    private interface FormAction {
        void apply(Form form);
    }

    private void assignmentAction(ServerRequest req, ServerResponse res, Principal who, String name, FormAction action) {
        long id = LoansApi.id(req);
        Form form = Form.of(req);
        try {
            action.apply(form);
            String back = form.get("back");
            // Only back to a session's end-of-course page (course feature), never to an address from the form.
            Confirmations.redirect(res, back != null && back.matches("/sessions/\\d{1,18}/completion") ? back : "/assignments/" + id, name);
        } catch (HttpProblem e) {
            if (e.status() != Status.BAD_REQUEST_400 && e.status() != Status.CONFLICT_409) {
                throw e;
            }
            assignment(res, who, id, e.status(), name, e.fields(), form.values(), e.getMessage());
        }
    }

    private void uploadScan(ServerRequest req, ServerResponse res, Principal who) {
        long id = LoansApi.id(req);
        boolean page = req.context().get(Multipart.class).isPresent();
        try {
            contracts.uploadScan(id, Upload.fromForm(req, "file", ContractService.MAX_SCAN_BYTES,
                    Set.of(Upload.PDF, Upload.JPEG, Upload.PNG)), who.user());
        } catch (HttpProblem e) {
            if (!page || e.status() == Status.FORBIDDEN_403 || e.status() == Status.NOT_FOUND_404) {
                throw e;
            }
            assignment(res, who, id, e.status(), "scan", e.fields().isEmpty() ? Map.of("file", e.getMessage()) : e.fields(),
                    Map.of(), e.getMessage());
            return;
        }
        if (page) {
            Confirmations.redirect(res, "/assignments/" + id, "scan");
        } else {
            Json.ok(res, Map.of("location", "/assignments/" + id + "?saved=scan"));
        }
    }

    private void signPage(ServerResponse res, Principal who, long id, Status status, String message, String then) {
        Map<String, Object> p = params(who);
        p.put("a", assignments.get(id, who.user()));
        p.put("message", message);
        p.put("then", SignChain.valid(then));
        pages.render(res, status, "loans/sign.jte", p);
    }

    private void sign(ServerRequest req, ServerResponse res, Principal who) {
        long id = LoansApi.id(req);
        Form form = Form.of(req);
        try {
            contracts.signOnScreen(id, LoansApi.decodePng(form.get("staff")), LoansApi.decodePng(form.get("beneficiary")), who.user());
            // A cohort handover chains its contracts: the next one opens (SignChain).
            Optional<String> next = SignChain.next(form.get("then"));
            if (next.isPresent()) {
                Pages.redirect(res, next.get());
            } else {
                Confirmations.redirect(res, "/assignments/" + id, "signed");
            }
        } catch (HttpProblem e) {
            // 422: a signature image too large or broken (web/ImageBounds), shown on the page like the others.
            if (e.status() != Status.BAD_REQUEST_400 && e.status() != Status.CONFLICT_409 && e.status().code() != 422) {
                throw e;
            }
            signPage(res, who, id, e.status(), e.getMessage(), form.get("then"));
        }
    }

    private void scan(ServerRequest req, ServerResponse res, Principal who) {
        ContractScan s = contracts.openScan(contracts.scan(LoansApi.id(req), who.user())
                .orElseThrow(() -> HttpProblem.notFound("Document introuvable.")), who.user());
        res.headers().contentType(MediaTypes.create(s.contentType()));
        res.header("X-Content-SHA256", s.sha256());
        res.header("Cache-Control", "no-store");
        res.header("X-Content-Type-Options", "nosniff");
        res.send(s.content());
    }

    private static Map<String, String> query(ServerRequest req) {
        return Query.first(req);
    }

    private static Map<String, String> values(Beneficiary b) {
        Map<String, String> v = new HashMap<>();
        v.put("lastName", b.lastName());
        v.put("firstName", b.firstName());
        v.put("phone", b.phone());
        v.put("email", b.email());
        v.put("commune", b.commune());
        v.put("postcode", b.postcode());
        v.put("ageBracket", b.ageBracket().name());
        v.put("situation", b.situation().name());
        v.put("referringStructure", b.referringStructure());
        v.put("socialWorkerId", b.socialWorkerId() == null ? null : String.valueOf(b.socialWorkerId()));
        v.put("gdprNoticeOn", b.gdprNoticeOn().toString());
        return v;
    }

    private static Map<String, Object> params(Principal who) {
        Map<String, Object> p = new HashMap<>();
        p.put("me", who);
        return p;
    }
}
