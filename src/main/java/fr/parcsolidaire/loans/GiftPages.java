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
import java.util.Map;

/**
 * The confirmation pages of a conversion to gift: for a session, one page listing each person and machine that
 * will become a gift; for one loan, a page that asks for the override's reason when the course is not completed.
 * Nothing becomes a gift in one tap.
 */
final class GiftPages implements HttpService {

    private final Guard guard;
    private final Pages pages;
    private final CourseService courses;
    private final AssignmentService assignments;
    private final GiftConversions gifts;
    private final PublicUrls urls;

    GiftPages(Guard guard, Pages pages, CourseService courses, AssignmentService assignments, GiftConversions gifts,
              PublicUrls urls) {
        this.guard = guard;
        this.pages = pages;
        this.courses = courses;
        this.assignments = assignments;
        this.gifts = gifts;
        this.urls = urls;
    }

    @Override
    public void routing(HttpRules rules) {
        guard.on(rules)
                .get("/sessions/{id}/convert-to-gift", Permission.ASSIGNMENTS_WRITE, (req, res, who) ->
                        sessionPage(res, who, LoansApi.id(req), Status.OK_200, null))
                .post("/sessions/{id}/convert-to-gift", Permission.ASSIGNMENTS_WRITE, this::convertSession)
                .get("/assignments/{id}/convert-to-gift", Permission.ASSIGNMENTS_WRITE, (req, res, who) ->
                        onePage(res, who, LoansApi.id(req), Status.OK_200, null, Map.of(), Map.of()))
                .post("/assignments/{id}/convert-to-gift", Permission.ASSIGNMENTS_WRITE, this::convertOne);
    }

    private void sessionPage(ServerResponse res, Principal who, long id, Status status, String message) {
        Map<String, Object> p = new HashMap<>();
        p.put("me", who);
        p.put("s", courses.session(id).orElseThrow(() -> HttpProblem.notFound("Session introuvable.")));
        p.put("loans", gifts.convertible(id, who.user()));
        p.put("message", message);
        p.put("window", gifts.cancelWindow().getDays());
        pages.render(res, status, "loans/gift-session.jte", p);
    }

    private void convertSession(ServerRequest req, ServerResponse res, Principal who) {
        long id = LoansApi.id(req);
        Form form = Form.of(req);
        try {
            gifts.convertSession(id, "oui".equals(form.get("confirm")), who.user(), urls.base(req));
            // Back to the course's end-of-session page, where the decision was taken.
            Confirmations.redirect(res, "/sessions/" + id + "/completion", "session-converted");
        } catch (HttpProblem e) {
            if (e.status() != Status.CONFLICT_409) {
                throw e;
            }
            sessionPage(res, who, id, e.status(), e.getMessage());
        }
    }

    private void onePage(ServerResponse res, Principal who, long id, Status status, String message,
                         Map<String, String> errors, Map<String, String> values) {
        Assignment a = assignments.get(id, who.user());
        Map<String, Object> p = new HashMap<>();
        p.put("me", who);
        p.put("a", a);
        p.put("completed", a.status() == AssignmentStatus.ACTIVE && gifts.completed(a));
        p.put("message", message);
        p.put("errors", errors);
        p.put("values", values);
        p.put("window", gifts.cancelWindow().getDays());
        pages.render(res, status, "loans/gift-one.jte", p);
    }

    private void convertOne(ServerRequest req, ServerResponse res, Principal who) {
        long id = LoansApi.id(req);
        Form form = Form.of(req);
        try {
            gifts.convertOne(id, Input.of(form), who.user(), urls.base(req));
            Confirmations.redirect(res, "/assignments/" + id, "gift");
        } catch (HttpProblem e) {
            if (e.status() != Status.CONFLICT_409 && e.status() != Status.BAD_REQUEST_400) {
                throw e;
            }
            onePage(res, who, id, e.status(), e.fields().isEmpty() ? e.getMessage() : null, e.fields(), form.values());
        }
    }
}
