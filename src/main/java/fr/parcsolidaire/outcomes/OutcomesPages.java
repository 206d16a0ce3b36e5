package fr.parcsolidaire.outcomes;

import fr.parcsolidaire.platform.http.Confirmations;
import fr.parcsolidaire.platform.http.Form;
import fr.parcsolidaire.platform.http.Guard;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Pages;
import fr.parcsolidaire.platform.http.Query;
import fr.parcsolidaire.platform.http.ValidationException;
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

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pages of outcomes: the participant's questionnaire on the tablet, a session's progress, the social worker's
 * follow-ups, the funding programmes and the outcome report with its PDF and spreadsheet.
 */
final class OutcomesPages implements HttpService {

    private final Guard guard;
    private final Pages pages;
    private final Database database;
    private final SkillsService skills;
    private final FollowUpService followUps;
    private final ProgrammeService programmes;
    private final OutcomeReportService reports;
    private final OutcomeDocuments documents;

    OutcomesPages(Guard guard, Pages pages, Database database, SkillsService skills, FollowUpService followUps,
                  ProgrammeService programmes, OutcomeReportService reports, OutcomeDocuments documents) {
        this.guard = guard;
        this.pages = pages;
        this.database = database;
        this.skills = skills;
        this.followUps = followUps;
        this.programmes = programmes;
        this.reports = reports;
        this.documents = documents;
        // What each form confirms once saved (platform/http/Confirmations: the keys are shared by every feature).
        Confirmations.declare(Map.of(
                "skills-entry", "Merci ! Vos réponses du début du parcours sont enregistrées.",
                "skills-exit", "Merci ! Vos réponses de la fin du parcours sont enregistrées.",
                "follow-up-attempt", "Essai de contact enregistré.",
                "follow-up-unreachable", "Essai de contact enregistré. Troisième essai sans réponse : le suivi est clos (injoignable).",
                "follow-up-answers", "Réponses du suivi enregistrées : le suivi est clos.",
                "follow-up-incident", "Réponses du suivi enregistrées : le suivi est clos et un incident « Casse » est ouvert sur la machine.",
                "programme-created", "Programme enregistré.",
                "programme-links", "Rattachements enregistrés."));
    }

    @Override
    public void routing(HttpRules rules) {
        guard.on(rules)
                .get("/enrolments/{id}/skills", Permission.BENEFICIARIES_WRITE, (req, res, who) ->
                        questionnaire(req, res, who, Status.OK_200, Map.of(), Map.of()))
                .post("/enrolments/{id}/skills", Permission.BENEFICIARIES_WRITE, this::saveQuestionnaire)
                .get("/sessions/{id}/skills", Permission.BENEFICIARY_COUNTS, (req, res, who) ->
                        pages.render(res, "outcomes/session-skills.jte", Map.of("me", who,
                                "progress", skills.session(OutcomesApi.id(req), who.user()), "q", skills.questionnaire())))
                .get("/follow-ups", Permission.BENEFICIARIES_READ, (req, res, who) -> {
                    Map<String, Object> p = new HashMap<>();
                    p.put("me", who);
                    p.put("due", followUps.due(who.user()));
                    p.put("today", followUps.today());
                    pages.render(res, "outcomes/follow-ups.jte", p);
                })
                .get("/assignments/{id}/follow-ups", Permission.BENEFICIARIES_WRITE, (req, res, who) ->
                        followUpForm(res, who, OutcomesApi.id(req), Status.OK_200,
                                Map.of("milestone", req.query().first("milestone").orElse("3")), Map.of()))
                .post("/assignments/{id}/follow-ups", Permission.BENEFICIARIES_WRITE, this::saveFollowUp)
                .get("/programmes", Permission.REPORTS, (req, res, who) ->
                        programmesPage(res, who, Status.OK_200, Map.of(), Map.of()))
                .post("/programmes", Permission.ADMINISTRATION, this::createProgramme)
                .post("/programmes/{id}/links", Permission.ADMINISTRATION, this::attach)
                .get("/reports/outcomes", Permission.REPORTS, this::report)
                .get("/reports/outcomes.pdf", Permission.REPORTS, (req, res, who) -> {
                    OutcomeReport r = reports.report(reports.period(Query.first(req), who.user()));
                    byte[] pdf = documents.pdf(r);
                    res.headers().contentType(MediaTypes.create("application/pdf"));
                    res.header(HeaderNames.CONTENT_DISPOSITION, "inline; filename=\"resultats-" + r.period().from() + "-"
                            + r.period().to() + ".pdf\"");
                    res.header(HeaderNames.CACHE_CONTROL, "no-store");
                    res.send(pdf);
                })
                .get("/reports/outcomes.xlsx", Permission.REPORTS, (req, res, who) -> {
                    OutcomeReport r = reports.report(reports.period(Query.first(req), who.user()));
                    res.headers().contentType(MediaTypes.create("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
                    res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"resultats-" + r.period().from() + "-"
                            + r.period().to() + ".xlsx\"");
                    res.header(HeaderNames.CACHE_CONTROL, "no-store");
                    try (OutputStream out = res.outputStream()) {
                        documents.xlsx(r, out);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private void questionnaire(ServerRequest req, ServerResponse res, Principal who, Status status,
                               Map<String, String> values, Map<String, String> errors) {
        long id = OutcomesApi.id(req);
        SkillsService.EnrolmentRef enrolment = skills.enrolment(id, who.user());
        List<Phase> answered = skills.answered(id);
        String asked = values.getOrDefault("phase", req.query().first("phase").orElse(""));
        Phase phase = asked.equals("EXIT") || answered.contains(Phase.ENTRY) ? Phase.EXIT : Phase.ENTRY;
        Map<String, Object> p = new HashMap<>();
        p.put("me", who);
        p.put("enrolment", enrolment);
        p.put("q", skills.questionnaire());
        p.put("phase", answered.contains(phase) ? null : phase);
        p.put("values", values);
        p.put("errors", errors);
        pages.render(res, status, "outcomes/questionnaire.jte", p);
    }

    private void saveQuestionnaire(ServerRequest req, ServerResponse res, Principal who) {
        Form form = Form.of(req);
        long id = OutcomesApi.id(req);
        try {
            skills.record(id, Input.of(form), who.user());
            Confirmations.redirect(res, "/enrolments/" + id + "/skills", "EXIT".equals(form.get("phase")) ? "skills-exit" : "skills-entry");
        } catch (ValidationException e) {
            questionnaire(req, res, who, Status.BAD_REQUEST_400, form.values(), e.fields());
        }
    }

    private void followUpForm(ServerResponse res, Principal who, long assignmentId, Status status,
                              Map<String, String> values, Map<String, String> errors) {
        Map<String, Object> p = new HashMap<>();
        p.put("me", who);
        p.put("handover", followUps.handover(assignmentId, who.user()));
        p.put("contacts", followUps.contacts(assignmentId));
        p.put("values", values);
        p.put("errors", errors);
        pages.render(res, status, "outcomes/follow-up.jte", p);
    }

    private void saveFollowUp(ServerRequest req, ServerResponse res, Principal who) {
        Form form = Form.of(req);
        long id = OutcomesApi.id(req);
        try {
            FollowUpService.Recorded r = followUps.record(id, Input.of(form), who.user());
            String saved = r.incidentId() != null ? "follow-up-incident" : r.closed() == FollowUpService.Closure.ANSWERED
                    ? "follow-up-answers" : r.closed() == FollowUpService.Closure.UNREACHABLE ? "follow-up-unreachable"
                    : "follow-up-attempt";
            Confirmations.redirect(res, "/follow-ups", saved);
        } catch (ValidationException e) {
            followUpForm(res, who, id, Status.BAD_REQUEST_400, form.values(), e.fields());
        }
    }

    private void programmesPage(ServerResponse res, Principal who, Status status,
                                Map<String, String> values, Map<String, String> errors) {
        Map<String, Object> p = new HashMap<>();
        p.put("me", who);
        p.put("programmes", programmes.list());
        p.put("values", values);
        p.put("errors", errors);
        pages.render(res, status, "outcomes/programmes.jte", p);
    }

    private void createProgramme(ServerRequest req, ServerResponse res, Principal who) {
        Form form = Form.of(req);
        try {
            programmes.create(Input.of(form), who.user());
            Confirmations.redirect(res, "/programmes", "programme-created");
        } catch (ValidationException e) {
            programmesPage(res, who, Status.BAD_REQUEST_400, form.values(), e.fields());
        }
    }

    private void attach(ServerRequest req, ServerResponse res, Principal who) {
        Form form = Form.of(req);
        long id = OutcomesApi.id(req);
        try {
            programmes.attach(id, ProgrammeService.links(Input.of(form)), who.user());
            Confirmations.redirect(res, "/programmes", "programme-links");
        } catch (ValidationException e) {
            Map<String, String> errors = new HashMap<>();
            e.fields().forEach((k, v) -> errors.put("p" + id + "-" + k, v));
            Map<String, String> values = new HashMap<>();
            form.values().forEach((k, v) -> values.put("p" + id + "-" + k, v));
            programmesPage(res, who, Status.BAD_REQUEST_400, values, errors);
        }
    }

    private void report(ServerRequest req, ServerResponse res, Principal who) {
        Map<String, String> query = Query.first(req);
        Map<String, Object> p = new HashMap<>();
        p.put("me", who);
        p.put("sites", sites());
        p.put("programmes", programmes.list());
        try {
            OutcomeReport r = reports.report(reports.period(query, who.user()));
            p.put("report", r);
            p.put("lines", OutcomeLines.of(r));
            p.put("notes", OutcomeLines.notes(r));
            p.put("values", Map.of("from", r.period().from().toString(), "to", r.period().to().toString(),
                    "site", r.period().siteCode() == null ? "" : r.period().siteCode(),
                    "programme", r.period().programme() == null ? "" : String.valueOf(r.period().programme().id())));
            p.put("errors", Map.of());
            pages.render(res, "outcomes/report.jte", p);
        } catch (ValidationException e) {
            p.put("report", null);
            p.put("lines", List.of());
            p.put("notes", List.of());
            p.put("values", query);
            p.put("errors", e.fields());
            pages.render(res, Status.BAD_REQUEST_400, "outcomes/report.jte", p);
        }
    }

    private Map<String, String> sites() {
        Map<String, String> out = new LinkedHashMap<>();
        database.client().execute().createNamedQuery("outcome-sites").execute()
                .forEach(r -> out.put(Rows.text(r, "code"), Rows.text(r, "name")));
        return out;
    }
}
