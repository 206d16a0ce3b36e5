package fr.parcsolidaire.course;

import fr.parcsolidaire.platform.http.Guard;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Json;
import fr.parcsolidaire.platform.security.Permission;
import fr.parcsolidaire.platform.security.User;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON API of workshops, attendance, checklists and completion (API.md); same services as the pages. */
final class CourseApi implements HttpService {

    private final Guard guard;
    private final SessionWorkshops workshops;
    private final AttendanceService attendance;
    private final ChecklistService checklists;
    private final CompletionService completion;

    CourseApi(Guard guard, SessionWorkshops workshops, AttendanceService attendance, ChecklistService checklists,
              CompletionService completion) {
        this.guard = guard;
        this.workshops = workshops;
        this.attendance = attendance;
        this.checklists = checklists;
        this.completion = completion;
    }

    @Override
    public void routing(HttpRules rules) {
        guard.on(rules)
                .post("/api/v1/sessions/{id}/workshops", Permission.BENEFICIARIES_WRITE, (req, res, who) ->
                        Json.send(res, Status.CREATED_201, Map.of("id", workshops.create(id(req), Input.of(Json.object(req)), who.user()))))
                .get("/api/v1/sessions/{id}/workshops", Permission.BENEFICIARIES_READ, (req, res, who) -> {
                    SessionHead.of(completion.database().client().execute(), id(req));
                    Json.ok(res, workshops.ofSession(id(req)));
                })
                .post("/api/v1/workshops/{id}/attendance", Permission.BENEFICIARIES_WRITE, (req, res, who) -> {
                    var body = Json.object(req);
                    AttendanceStatus status = attendance.take(id(req), Input.of(body), who.user());
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("workshopId", id(req));
                    out.put("beneficiaryId", Long.parseLong(Json.text(body, "beneficiaryId", "beneficiaryId")));
                    out.put("status", status.name());
                    Json.ok(res, out);
                })
                .get("/api/v1/enrolments/{id}/checklist", Permission.BENEFICIARIES_READ, (req, res, who) ->
                        Json.ok(res, sheet(id(req), who.user())))
                .post("/api/v1/enrolments/{id}/checklist", Permission.BENEFICIARIES_WRITE, (req, res, who) -> {
                    checklists.tick(id(req), Input.of(Json.object(req)), who.user());
                    Json.ok(res, sheet(id(req), who.user()));
                })
                .get("/api/v1/sessions/{id}/completion", Permission.BENEFICIARIES_READ, (req, res, who) ->
                        Json.ok(res, completion.of(id(req), who.user())))
                .post("/api/v1/courses/{id}/completion-rule", Permission.BENEFICIARIES_WRITE, (req, res, who) -> {
                    completion.setRule(id(req), Input.of(Json.object(req)), who.user());
                    Json.ok(res, Map.of("id", id(req)));
                });
    }

    private Map<String, Object> sheet(long enrolmentId, User reader) {
        ChecklistService.Sheet s = checklists.sheet(enrolmentId, reader);
        Map<String, String> done = new LinkedHashMap<>();
        for (Checklist.Item item : s.checklist().items()) {
            LocalDate on = s.done().get(item.code());
            if (on != null) {
                done.put(item.code(), on.toString());
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enrolmentId", enrolmentId);
        out.put("version", s.checklist().version());
        out.put("items", s.checklist().items().stream().map(Checklist.Item::code).toList());
        out.put("done", done);
        out.put("complete", done.size() == s.checklist().items().size());
        return out;
    }

    static long id(ServerRequest req) {
        try {
            return Long.parseLong(req.path().pathParameters().get("id"));
        } catch (NumberFormatException e) {
            throw HttpProblem.notFound("Identifiant inconnu.");
        }
    }
}
