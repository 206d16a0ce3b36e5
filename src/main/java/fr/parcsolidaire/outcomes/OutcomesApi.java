package fr.parcsolidaire.outcomes;

import fr.parcsolidaire.platform.http.Guard;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Json;
import fr.parcsolidaire.platform.http.Query;
import fr.parcsolidaire.platform.security.Permission;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;

import java.util.Map;

/** The JSON API of outcomes (API.md): same services and checks as the pages. */
final class OutcomesApi implements HttpService {

    private final Guard guard;
    private final SkillsService skills;
    private final FollowUpService followUps;
    private final ProgrammeService programmes;
    private final OutcomeReportService reports;

    OutcomesApi(Guard guard, SkillsService skills, FollowUpService followUps, ProgrammeService programmes,
                OutcomeReportService reports) {
        this.guard = guard;
        this.skills = skills;
        this.followUps = followUps;
        this.programmes = programmes;
        this.reports = reports;
    }

    @Override
    public void routing(HttpRules rules) {
        guard.on(rules)
                .post("/api/v1/enrolments/{id}/skills", Permission.BENEFICIARIES_WRITE, (req, res, who) ->
                        Json.send(res, Status.CREATED_201, Map.of("id", skills.record(id(req), Input.of(Json.object(req)), who.user()))))
                .get("/api/v1/sessions/{id}/skills", Permission.BENEFICIARY_COUNTS, (req, res, who) ->
                        Json.ok(res, OutcomeJson.session(skills.session(id(req), who.user()))))
                .get("/api/v1/follow-ups/due", Permission.BENEFICIARIES_READ, (req, res, who) ->
                        Json.ok(res, followUps.due(who.user())))
                .post("/api/v1/assignments/{id}/follow-ups", Permission.BENEFICIARIES_WRITE, (req, res, who) ->
                        Json.send(res, Status.CREATED_201, followUps.record(id(req), Input.of(Json.object(req)), who.user())))
                .get("/api/v1/programmes", Permission.REPORTS, (req, res, who) -> Json.ok(res, programmes.list()))
                .post("/api/v1/programmes", Permission.ADMINISTRATION, (req, res, who) ->
                        Json.send(res, Status.CREATED_201, Map.of("id", programmes.create(Input.of(Json.object(req)), who.user()))))
                .post("/api/v1/programmes/{id}/links", Permission.ADMINISTRATION, (req, res, who) ->
                        Json.ok(res, programmes.attach(id(req), ProgrammeService.links(Json.object(req)), who.user())))
                .get("/api/v1/reports/outcomes", Permission.REPORTS, (req, res, who) ->
                        Json.ok(res, OutcomeJson.of(reports.report(reports.period(Query.first(req), who.user())))));
    }

    static long id(ServerRequest req) {
        try {
            return Long.parseLong(req.path().pathParameters().get("id"));
        } catch (NumberFormatException e) {
            throw HttpProblem.notFound("Identifiant inconnu.");
        }
    }
}
