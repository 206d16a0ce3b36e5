package fr.parcsolidaire.loans;

import fr.parcsolidaire.platform.http.Guard;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Json;
import fr.parcsolidaire.platform.http.PublicUrls;
import fr.parcsolidaire.platform.http.Upload;
import fr.parcsolidaire.platform.security.Permission;
import fr.parcsolidaire.platform.security.Principal;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The JSON API of beneficiaries, courses and assignments (API.md); same services and checks as the pages. */
final class LoansApi implements HttpService {

    private final Guard guard;
    private final BeneficiaryService beneficiaries;
    private final CourseService courses;
    private final AssignmentService assignments;
    private final ContractService contracts;
    private final PublicUrls urls;

    public LoansApi(Guard guard, BeneficiaryService beneficiaries, CourseService courses, AssignmentService assignments,
                    ContractService contracts, PublicUrls urls) {
        this.guard = guard;
        this.beneficiaries = beneficiaries;
        this.courses = courses;
        this.assignments = assignments;
        this.contracts = contracts;
        this.urls = urls;
    }

    @Override
    public void routing(HttpRules rules) {
        guard.on(rules)
                .post("/api/v1/beneficiaries", Permission.BENEFICIARIES_WRITE, (req, res, who) ->
                        created(res, beneficiaries.create(Input.of(Json.object(req)), who.user())))
                .get("/api/v1/beneficiaries", Permission.BENEFICIARIES_READ, (req, res, who) ->
                        Json.ok(res, beneficiaries.search(req.query().first("q").orElse(null), who.user())))
                .get("/api/v1/beneficiaries/counts", Permission.BENEFICIARY_COUNTS, (req, res, who) ->
                        Json.ok(res, beneficiaries.counts(who.user())))
                .get("/api/v1/beneficiaries/{id}", Permission.BENEFICIARIES_READ, (req, res, who) ->
                        Json.ok(res, beneficiaries.read(id(req), who.user(), "API")))
                .post("/api/v1/beneficiaries/{id}", Permission.BENEFICIARIES_WRITE, (req, res, who) -> {
                    beneficiaries.update(id(req), Input.of(Json.object(req)), who.user());
                    Json.ok(res, beneficiaries.get(id(req), who.user()));
                })
                .post("/api/v1/courses", Permission.BENEFICIARIES_WRITE, (req, res, who) ->
                        created(res, courses.createCourse(Input.of(Json.object(req)), who.user())))
                .post("/api/v1/courses/{id}/sessions", Permission.BENEFICIARIES_WRITE, (req, res, who) ->
                        created(res, courses.createSession(id(req), Input.of(Json.object(req)), who.user())))
                .get("/api/v1/sessions", Permission.BENEFICIARY_COUNTS, (req, res, who) -> Json.ok(res, courses.sessions()))
                .post("/api/v1/sessions/{id}/enrolments", Permission.BENEFICIARIES_WRITE, (req, res, who) ->
                        created(res, courses.enrol(id(req), Input.of(Json.object(req)), who.user())))
                .post("/api/v1/enrolments/{id}/status", Permission.BENEFICIARIES_WRITE, (req, res, who) -> {
                    courses.setStatus(id(req), Input.of(Json.object(req)), who.user());
                    Json.ok(res, Map.of("id", id(req)));
                })
                .post("/api/v1/assignments", Permission.ASSIGNMENTS_WRITE, this::assign)
                .get("/api/v1/assignments/overdue", Permission.ASSIGNMENTS_READ, (req, res, who) ->
                        Json.ok(res, overdue(who)))
                .get("/api/v1/assignments/{id}", Permission.ASSIGNMENTS_READ, (req, res, who) ->
                        Json.ok(res, assignments.get(id(req), who.user())))
                .get("/api/v1/assignments/{id}/contract.pdf", Permission.BENEFICIARIES_READ, (req, res, who) ->
                        sendPdf(res, contracts.open(contracts.latest(id(req), who.user()).orElseThrow(() -> HttpProblem.notFound("Aucun document pour cette attribution.")), who.user())))
                .post("/api/v1/assignments/{id}/return", Permission.ASSIGNMENTS_WRITE, (req, res, who) -> {
                    JsonObject body = Json.object(req);
                    assignments.returnLoan(id(req), Input.of(body), strings(body, "missingAccessories"), who.user());
                    Json.ok(res, assignments.get(id(req), who.user()));
                })
                .post("/api/v1/assignments/{id}/extend", Permission.ASSIGNMENTS_WRITE, (req, res, who) -> {
                    assignments.extend(id(req), Input.of(Json.object(req)), who.user());
                    Json.ok(res, assignments.get(id(req), who.user()));
                })
                .post("/api/v1/assignments/{id}/incidents", Permission.ASSIGNMENTS_WRITE, (req, res, who) -> {
                    long incident = assignments.incident(id(req), Input.of(Json.object(req)), who.user());
                    Json.send(res, Status.CREATED_201, Map.of("id", incident, "assignmentId", id(req)));
                })
                .post("/api/v1/assignments/{id}/scans", Permission.ASSIGNMENTS_WRITE, (req, res, who) ->
                        created(res, contracts.uploadScan(id(req), Upload.read(req, ContractService.MAX_SCAN_BYTES,
                                Set.of(Upload.PDF, Upload.JPEG, Upload.PNG)), who.user())))
                .post("/api/v1/assignments/{id}/signatures", Permission.ASSIGNMENTS_WRITE, (req, res, who) -> {
                    JsonObject body = Json.object(req);
                    created(res, contracts.signOnScreen(id(req), png(body, "staff"), png(body, "beneficiary"), who.user()));
                });
    }

    private void assign(ServerRequest req, ServerResponse res, Principal who) {
        JsonObject body = Kit.withMainMachine(Json.object(req));
        Input in = Input.of(body);
        created(res, assignments.assign(in, strings(body, "accessories"), Kit.parse(in), who.user(), urls.base(req)));
    }

    private List<Map<String, Object>> overdue(Principal who) {
        var today = assignments.today();
        return assignments.overdue(who.user()).stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("assignment", a);
            m.put("daysLate", a.daysLate(today));
            return m;
        }).toList();
    }

    static void sendPdf(ServerResponse res, StoredContract c) {
        res.headers().contentType(MediaTypes.create("application/pdf"));
        res.header("X-Content-SHA256", c.sha256());
        res.header("Content-Disposition", "inline; filename=\"" + (c.kind() == ContractDocument.Kind.LOAN_AGREEMENT
                ? "convention-de-pret" : "attestation-de-don") + "-" + c.assignmentId() + "-" + c.id() + ".pdf\"");
        res.header("Cache-Control", "no-store");
        res.send(c.pdf());
    }

    /** A list of strings from a JSON array, a "a, b" string (null: let the service split it) or nothing. */
    private static List<String> strings(JsonObject body, String name) {
        if (body.containsKey(name) && body.get(name).getValueType() == JsonValue.ValueType.ARRAY) {
            return body.getJsonArray(name).stream().map(v -> v instanceof JsonString s ? s.getString() : v.toString()).toList();
        }
        return null;
    }

    /** A PNG sent as base64, with or without the "data:image/png;base64," prefix a canvas gives. */
    static byte[] png(JsonObject body, String name) {
        String text = Json.text(body, name, name);
        return decodePng(text);
    }

    static byte[] decodePng(String text) {
        if (text == null || text.isBlank()) {
            return new byte[0];
        }
        String data = text.contains(",") ? text.substring(text.indexOf(',') + 1) : text;
        try {
            return Base64.getDecoder().decode(data.strip());
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static void created(ServerResponse res, long id) {
        Json.send(res, Status.CREATED_201, Map.of("id", id));
    }

    static long id(ServerRequest req) {
        try {
            return Long.parseLong(req.path().pathParameters().get("id"));
        } catch (NumberFormatException e) {
            throw HttpProblem.notFound("Identifiant inconnu.");
        }
    }
}
