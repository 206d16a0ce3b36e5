package fr.parcsolidaire.course;

import fr.parcsolidaire.platform.http.Form;
import fr.parcsolidaire.platform.http.Confirmations;
import fr.parcsolidaire.platform.http.Guard;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Json;
import fr.parcsolidaire.platform.http.Pages;
import fr.parcsolidaire.platform.http.ValidationException;
import fr.parcsolidaire.platform.security.Permission;
import fr.parcsolidaire.platform.security.Principal;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The trainer's and the social worker's pages: a session's workshops and hours, today's workshop with one tap per
 * person (a form per person without JavaScript; with it, saved without reloading and confirmed in a live region),
 * each participant's checklist, and the end of the session in three lists.
 */
final class CoursePages implements HttpService {

    private final Guard guard;
    private final Pages pages;
    private final SessionWorkshops workshops;
    private final AttendanceService attendance;
    private final ChecklistService checklists;
    private final CompletionService completion;

    CoursePages(Guard guard, Pages pages, SessionWorkshops workshops, AttendanceService attendance,
                ChecklistService checklists, CompletionService completion) {
        this.guard = guard;
        this.pages = pages;
        this.workshops = workshops;
        this.attendance = attendance;
        this.checklists = checklists;
        this.completion = completion;
        // What each form confirms once saved (platform/http/Confirmations); the checklist's ticks are declared with
        // their version (ChecklistService), the loan desk's actions on this page by loans.
        Confirmations.declare(Map.of(
                "workshop-created", "Atelier enregistré.",
                "completion-rule", "Critère de fin de parcours enregistré."));
    }

    @Override
    public void routing(HttpRules rules) {
        guard.on(rules)
                .get("/workshops/today", Permission.BENEFICIARIES_READ, this::today)
                .get("/sessions/{id}/workshops", Permission.BENEFICIARIES_READ, (req, res, who) ->
                        sessionPage(res, who, CourseApi.id(req), Status.OK_200, Map.of(), Map.of()))
                .post("/sessions/{id}/workshops", Permission.BENEFICIARIES_WRITE, this::createWorkshop)
                .get("/workshops/{id}", Permission.BENEFICIARIES_READ, (req, res, who) ->
                        workshopPage(res, who, CourseApi.id(req), Status.OK_200, null, marked(req)))
                .post("/workshops/{id}/attendance", Permission.BENEFICIARIES_WRITE, this::take)
                .get("/enrolments/{id}/checklist", Permission.BENEFICIARIES_READ, (req, res, who) ->
                        checklistPage(res, who, CourseApi.id(req), Status.OK_200, Map.of(), Map.of(), null))
                .post("/enrolments/{id}/checklist", Permission.BENEFICIARIES_WRITE, this::tick)
                .get("/sessions/{id}/completion", Permission.BENEFICIARIES_READ, (req, res, who) ->
                        completionPage(res, who, CourseApi.id(req), Status.OK_200, Map.of(), Map.of()))
                .post("/courses/{id}/completion-rule", Permission.BENEFICIARIES_WRITE, this::setRule);
    }

    private static Long marked(ServerRequest req) {
        String m = req.query().first("marked").orElse("");
        return m.matches("\\d{1,18}") ? Long.parseLong(m) : null;
    }

    private void today(ServerRequest req, ServerResponse res, Principal who) {
        List<Workshop> today = workshops.today(who.user());
        if (today.size() == 1) {
            Pages.redirect(res, "/workshops/" + today.getFirst().id());
            return;
        }
        Map<String, Object> p = params(who);
        p.put("workshops", today);
        p.put("day", workshops.today());
        pages.render(res, "course/today.jte", p);
    }

    private void sessionPage(ServerResponse res, Principal who, long id, Status status, Map<String, String> values,
                             Map<String, String> errors) {
        Map<String, Object> p = params(who);
        p.put("s", SessionHead.of(completion.database().client().execute(), id));
        p.put("workshops", workshops.ofSession(id));
        p.put("c", completion.of(id, who.user()));
        p.put("values", values);
        p.put("errors", errors);
        pages.render(res, status, "course/workshops.jte", p);
    }

    private void createWorkshop(ServerRequest req, ServerResponse res, Principal who) {
        long id = CourseApi.id(req);
        Form form = Form.of(req);
        try {
            workshops.create(id, Input.of(form), who.user());
            Confirmations.redirect(res, "/sessions/" + id + "/workshops", "workshop-created");
        } catch (ValidationException e) {
            sessionPage(res, who, id, Status.BAD_REQUEST_400, form.values(), e.fields());
        }
    }

    private void workshopPage(ServerResponse res, Principal who, long id, Status status, String message, Long marked) {
        Workshop w = workshops.get(id);
        SessionCompletion c = completion.of(w.sessionId(), who.user());
        Map<Long, AttendanceStatus> statuses = attendance.of(id);
        List<Participant> people = cohort(c);
        Map<String, Object> p = params(who);
        p.put("w", w);
        p.put("people", people);
        p.put("statuses", statuses);
        p.put("message", message);
        String confirmation = null;
        if (marked != null && statuses.containsKey(marked)) {
            confirmation = people.stream().filter(x -> x.beneficiaryId() == marked).findFirst()
                    .map(x -> x.name() + " : " + statuses.get(marked).label().toLowerCase() + " (enregistré).").orElse(null);
        }
        p.put("confirmation", confirmation);
        pages.render(res, status, "course/attendance.jte", p);
    }

    /** Everyone enrolled, dropped-out people last: attendance is still recorded for them if they come back. */
    private static List<Participant> cohort(SessionCompletion c) {
        List<Participant> all = new ArrayList<>(c.completed());
        all.addAll(c.continuing());
        all.sort(Comparator.comparing(Participant::name, String.CASE_INSENSITIVE_ORDER));
        all.addAll(c.droppedOut());
        return all;
    }

    /** A form per person; with JavaScript the same form is sent by fetch and answered in JSON (Accept). */
    private void take(ServerRequest req, ServerResponse res, Principal who) {
        long id = CourseApi.id(req);
        Form form = Form.of(req);
        boolean json = req.headers().first(HeaderNames.ACCEPT).map(a -> a.contains("application/json")).orElse(false);
        try {
            AttendanceStatus status = attendance.take(id, Input.of(form), who.user());
            if (json) {
                Json.ok(res, Map.of("status", status.name(), "label", status.label()));
            } else {
                Pages.redirect(res, "/workshops/" + id + "?marked=" + form.get("beneficiaryId"));
            }
        } catch (HttpProblem e) {
            if (json) {
                Json.send(res, e.status(), Map.of("message", e.fields().isEmpty() ? e.getMessage()
                        : String.join(" ", e.fields().values())));
                return;
            }
            if (e.status() != Status.BAD_REQUEST_400 && e.status() != Status.CONFLICT_409) {
                throw e;
            }
            workshopPage(res, who, id, e.status(), e.fields().isEmpty() ? e.getMessage()
                    : String.join(" ", e.fields().values()), null);
        }
    }

    private void checklistPage(ServerResponse res, Principal who, long enrolmentId, Status status,
                               Map<String, String> values, Map<String, String> errors, String failedItem) {
        ChecklistService.Sheet sheet = checklists.sheet(enrolmentId, who.user());
        Map<String, Object> p = params(who);
        p.put("sheet", sheet);
        p.put("today", checklists.today());
        p.put("values", values);
        p.put("errors", errors);
        p.put("failedItem", failedItem);
        pages.render(res, status, "course/checklist.jte", p);
    }

    private void tick(ServerRequest req, ServerResponse res, Principal who) {
        long id = CourseApi.id(req);
        Form form = Form.of(req);
        try {
            Confirmations.redirect(res, "/enrolments/" + id + "/checklist", checklists.tick(id, Input.of(form), who.user()));
        } catch (ValidationException e) {
            checklistPage(res, who, id, Status.BAD_REQUEST_400, form.values(), e.fields(), form.get("item"));
        }
    }

    private void completionPage(ServerResponse res, Principal who, long id, Status status, Map<String, String> values,
                                Map<String, String> errors) {
        SessionHead s = SessionHead.of(completion.database().client().execute(), id);
        Map<String, Object> p = params(who);
        p.put("s", s);
        p.put("c", completion.of(id, who.user()));
        p.put("rule", completion.rule(s));
        p.put("defaults", completion.defaults());
        p.put("values", values);
        p.put("errors", errors);
        p.put("today", workshops.today());
        pages.render(res, status, "course/completion.jte", p);
    }

    private void setRule(ServerRequest req, ServerResponse res, Principal who) {
        long courseId = CourseApi.id(req);
        Form form = Form.of(req);
        String session = form.get("sessionId");
        long sessionId = session != null && session.matches("\\d{1,18}") ? Long.parseLong(session) : -1;
        try {
            // An unticked checkbox sends nothing: here that means "not required" (the API's absent means the default).
            Map<String, String> values = new HashMap<>(form.values());
            values.putIfAbsent("checklistRequired", "false");
            completion.setRule(courseId, Input.of(Form.of(values)), who.user());
            Confirmations.redirect(res, sessionId > 0 ? "/sessions/" + sessionId + "/completion" : "/courses", "completion-rule");
        } catch (ValidationException e) {
            if (sessionId <= 0) {
                throw e;
            }
            completionPage(res, who, sessionId, Status.BAD_REQUEST_400, form.values(), e.fields());
        }
    }

    private static Map<String, Object> params(Principal who) {
        Map<String, Object> p = new HashMap<>();
        p.put("me", who);
        return p;
    }
}
