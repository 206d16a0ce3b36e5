package fr.parcsolidaire.reports;

import fr.parcsolidaire.platform.http.Guard;
import fr.parcsolidaire.platform.http.Json;
import fr.parcsolidaire.platform.security.Permission;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/** GET /api/v1/reports/summary?from=&to=&site=: the dashboard's figures as JSON, from the same service. */
final class ReportsApi implements HttpService {

    private final Guard guard;
    private final ReportService reports;

    public ReportsApi(Guard guard, ReportService reports) {
        this.guard = guard;
        this.reports = reports;
    }

    @Override
    public void routing(HttpRules rules) {
        guard.on(rules).get("/api/v1/reports/summary", Permission.REPORTS, (req, res, who) ->
                Json.ok(res, SummaryJson.of(reports.summary(reports.period(ReportPages.query(req), who.user())))));
    }
}
