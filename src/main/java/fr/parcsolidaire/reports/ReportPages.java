package fr.parcsolidaire.reports;

import fr.parcsolidaire.platform.http.Guard;
import fr.parcsolidaire.platform.http.Pages;
import fr.parcsolidaire.platform.http.Query;
import fr.parcsolidaire.platform.http.ValidationException;
import fr.parcsolidaire.platform.security.Permission;
import fr.parcsolidaire.platform.security.Principal;
import io.helidon.common.media.type.MediaType;
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
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The coordinator's dashboard, its exports (CSV, XLSX) and the funder PDF, all REPORTS; the per-person
 * assignments export is for administrators only and journaled (issue 12: it bypassed the "< 5" rule).
 */
final class ReportPages implements HttpService {

    private static final MediaType CSV = MediaTypes.create("text/csv; charset=UTF-8");
    private static final MediaType XLSX = MediaTypes.create("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final Guard guard;
    private final Pages pages;
    private final ReportService reports;
    private final Exports exports;
    private final ActivityReportPdf activityPdf;
    private final List<ReportPeriod.SiteRef> sites;

    public ReportPages(Guard guard, Pages pages, ReportService reports, Exports exports, ActivityReportPdf activityPdf,
                       List<ReportPeriod.SiteRef> sites) {
        this.guard = guard;
        this.pages = pages;
        this.reports = reports;
        this.exports = exports;
        this.activityPdf = activityPdf;
        this.sites = sites;
    }

    @Override
    public void routing(HttpRules rules) {
        guard.on(rules)
                .get("/reports", Permission.REPORTS, this::dashboard)
                .get("/reports/machines.csv", Permission.REPORTS, (req, res, who) -> csv(req, res, who, "machines"))
                .get("/reports/machines.xlsx", Permission.REPORTS, (req, res, who) -> xlsx(req, res, who, "machines"))
                .get("/reports/figures.csv", Permission.REPORTS, (req, res, who) -> figures(req, res, who, true))
                .get("/reports/figures.xlsx", Permission.REPORTS, (req, res, who) -> figures(req, res, who, false))
                .get("/reports/assignments.csv", Permission.ADMINISTRATION, (req, res, who) -> csv(req, res, who, "assignments"))
                .get("/reports/assignments.xlsx", Permission.ADMINISTRATION, (req, res, who) -> xlsx(req, res, who, "assignments"))
                .get("/reports/activity.pdf", Permission.REPORTS, this::activity);
    }

    private void dashboard(ServerRequest req, ServerResponse res, Principal who) {
        Map<String, String> query = query(req);
        Map<String, Object> params = new HashMap<>();
        params.put("me", who);
        params.put("sites", who.user().siteScope() == null ? sites
                : sites.stream().filter(site -> site.id() == who.user().siteScope()).toList());
        params.put("query", query);
        try {
            Summary summary = reports.summary(reports.period(query, who.user()));
            params.put("s", summary);
            params.put("errors", Map.of());
            params.put("flowsSvg", SvgChart.render(ChartData.monthlyFlows(summary), "flux"));
            params.put("durationsSvg", SvgChart.render(ChartData.durations(summary), "durees"));
            pages.render(res, "reports/dashboard.jte", params);
        } catch (ValidationException e) {
            params.put("s", null);
            params.put("errors", e.fields());
            params.put("flowsSvg", "");
            params.put("durationsSvg", "");
            pages.render(res, Status.BAD_REQUEST_400, "reports/dashboard.jte", params);
        }
    }

    private void csv(ServerRequest req, ServerResponse res, Principal who, String name) {
        ExportTable table = ExportTable.ALL.get(name);
        ReportPeriod p = reports.period(query(req), who.user());
        if (table.perPerson()) {
            exports.journal(who.user(), table, p, "CSV");
        }
        stream(res, CSV, table.fileName() + "-" + p.from() + "-" + p.to() + ".csv", out -> exports.csv(table, p, out));
    }

    private void xlsx(ServerRequest req, ServerResponse res, Principal who, String name) {
        ExportTable table = ExportTable.ALL.get(name);
        ReportPeriod p = reports.period(query(req), who.user());
        if (table.perPerson()) {
            exports.journal(who.user(), table, p, "XLSX");
        }
        stream(res, XLSX, table.fileName() + "-" + p.from() + "-" + p.to() + ".xlsx", out -> exports.xlsx(table, p, out));
    }

    private void figures(ServerRequest req, ServerResponse res, Principal who, boolean csv) {
        Summary s = reports.summary(reports.period(query(req), who.user()));
        String name = "chiffres-" + s.period().from() + "-" + s.period().to();
        if (csv) {
            stream(res, CSV, name + ".csv", out -> exports.figuresCsv(s, out));
        } else {
            stream(res, XLSX, name + ".xlsx", out -> exports.figuresXlsx(s, out));
        }
    }

    private void activity(ServerRequest req, ServerResponse res, Principal who) {
        Summary summary = reports.summary(reports.period(query(req), who.user()));
        byte[] pdf = activityPdf.render(summary);
        sendPdf(res, pdf, "rapport-activite-" + summary.period().from() + "-" + summary.period().to() + ".pdf");
    }

    static void sendPdf(ServerResponse res, byte[] pdf, String fileName) {
        res.headers().contentType(MediaTypes.create("application/pdf"));
        res.header(HeaderNames.CONTENT_DISPOSITION, "inline; filename=\"" + fileName + "\"");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(pdf);
    }

    private static void stream(ServerResponse res, MediaType type, String fileName, Consumer<OutputStream> body) {
        res.headers().contentType(type);
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        try (OutputStream out = res.outputStream()) {
            body.accept(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> query(ServerRequest req) {
        return Query.first(req);
    }

}
