package fr.parcsolidaire.gdpr;

import fr.parcsolidaire.platform.http.Confirmations;
import fr.parcsolidaire.platform.http.Form;
import fr.parcsolidaire.platform.http.Guard;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Json;
import fr.parcsolidaire.platform.http.Pages;
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

import java.time.Period;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Data-protection routes: the right of access (JSON, PDF), the right to erasure (anonymise now), the information
 * page on the processing, and the audit log that only administrators read.
 */
final class GdprRoutes implements HttpService {

    private static final int AUDIT_PAGE_SIZE = 100;

    private final Guard guard;
    private final Pages pages;
    private final Database database;
    private final PersonalDataReport report;
    private final Anonymiser anonymiser;
    private final Period retention;

    GdprRoutes(Guard guard, Pages pages, Database database, Anonymiser anonymiser, Period retention,
               PersonalDataReport report) {
        this.guard = guard;
        this.pages = pages;
        this.database = database;
        this.report = report;
        this.anonymiser = anonymiser;
        this.retention = retention;
    }

    @Override
    public void routing(HttpRules rules) {
        guard.on(rules)
                .get("/api/v1/beneficiaries/{id}/personal-data", Permission.BENEFICIARIES_READ, (req, res, who) ->
                        Json.ok(res, PersonalDataReport.asJson(report.collect(id(req), who.user()))))
                .get("/beneficiaries/{id}/personal-data.pdf", Permission.BENEFICIARIES_READ, this::personalDataPdf)
                .post("/api/v1/beneficiaries/{id}/anonymise", Permission.BENEFICIARIES_WRITE, this::anonymiseApi)
                .post("/beneficiaries/{id}/anonymise", Permission.BENEFICIARIES_WRITE, this::anonymiseForm)
                // The information every person is owed, signed in or not (GDPR art. 13).
                .getForAnyone("/privacy", this::privacy)
                .get("/admin/audit", Permission.ADMINISTRATION, this::auditPage)
                .get("/api/v1/audit", Permission.ADMINISTRATION, (req, res, who) -> Json.ok(res, audit(req)));
    }

    private void personalDataPdf(ServerRequest req, ServerResponse res, Principal who) {
        long id = id(req);
        byte[] pdf = PersonalDataReport.asPdf(report.collect(id, who.user()));
        res.headers().contentType(MediaTypes.create("application/pdf"));
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"donnees-beneficiaire-" + id + ".pdf\"");
        res.send(pdf);
    }

    /** Irreversible, so the caller must say so: {"confirm": true}. */
    private void anonymiseApi(ServerRequest req, ServerResponse res, Principal who) {
        Input in = Input.of(Json.object(req));
        requireConfirmation("true".equals(in.text("confirm")));
        Json.ok(res, anonymiser.anonymise(id(req), who.user(), Anonymiser.Reason.REQUEST));
    }

    static {
        Confirmations.declare("anonymised", "Données personnelles anonymisées : le nom et les coordonnées sont effacés.");
    }

    private void anonymiseForm(ServerRequest req, ServerResponse res, Principal who) {
        long id = id(req);
        requireConfirmation("oui".equals(Form.of(req).get("confirm")));
        anonymiser.anonymise(id, who.user(), Anonymiser.Reason.REQUEST);
        Confirmations.redirect(res, "/beneficiaries/" + id, "anonymised");
    }

    private static void requireConfirmation(boolean confirmed) {
        if (!confirmed) {
            throw new HttpProblem(Status.BAD_REQUEST_400, "invalid", "L'anonymisation est définitive : confirmez-la.",
                    Map.of("confirm", "Cochez la case pour confirmer l'anonymisation."));
        }
    }

    private void privacy(ServerRequest req, ServerResponse res, Principal who) {
        Map<String, Object> params = new HashMap<>();
        params.put("me", who);
        params.put("retentionMonths", retention.toTotalMonths());
        pages.render(res, "gdpr/privacy.jte", params);
    }

    private void auditPage(ServerRequest req, ServerResponse res, Principal who) {
        Map<String, Object> params = new HashMap<>();
        params.put("me", who);
        params.put("entries", audit(req));
        params.put("page", page(req));
        params.put("beneficiary", req.query().first("beneficiary").orElse(""));
        params.put("actor", req.query().first("actor").orElse(""));
        pages.render(res, "gdpr/audit.jte", params);
    }

    /** A page of the audit log, newest first, optionally for one beneficiary or one user. */
    private List<AuditEntry> audit(ServerRequest req) {
        String beneficiary = req.query().first("beneficiary").orElse("").strip();
        String actor = req.query().first("actor").orElse("").strip();
        Long beneficiaryId = null;
        if (!beneficiary.isEmpty()) {
            try {
                beneficiaryId = Long.parseLong(beneficiary);
            } catch (NumberFormatException e) {
                throw new HttpProblem(Status.BAD_REQUEST_400, "invalid", "Numéro de bénéficiaire invalide.",
                        Map.of("beneficiary", "Indiquez un numéro."));
            }
        }
        int page = page(req);
        return database.client().execute().createNamedQuery("gdpr-audit-page")
                .addParam("beneficiaryId", beneficiaryId)
                .addParam("actor", actor.isEmpty() ? null : actor)
                .addParam("limit", AUDIT_PAGE_SIZE)
                .addParam("offset", (page - 1) * AUDIT_PAGE_SIZE)
                .execute()
                .map(r -> new AuditEntry(Rows.longValue(r, "id"), Rows.timestamp(r, "at"), Rows.text(r, "action"),
                        Rows.text(r, "detail"), Rows.longOrNull(r, "beneficiary_id"), Rows.text(r, "actor")))
                .toList();
    }

    private static int page(ServerRequest req) {
        try {
            return Math.max(1, Math.min(10_000, Integer.parseInt(req.query().first("page").orElse("1"))));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static long id(ServerRequest req) {
        try {
            return Long.parseLong(req.path().pathParameters().get("id"));
        } catch (NumberFormatException e) {
            throw HttpProblem.notFound("Bénéficiaire introuvable.");
        }
    }
}
