package fr.parcsolidaire.reports;

import fr.parcsolidaire.inventory.InventoryFeature;
import fr.parcsolidaire.platform.Feature;
import fr.parcsolidaire.platform.Platform;
import fr.parcsolidaire.platform.http.HomeSection;
import io.helidon.webserver.http.HttpService;

import java.time.Duration;
import java.util.List;

/** The coordinators' dashboard, exports, activity report and the donor pack. */
public final class ReportsFeature implements Feature {

    private final InventoryFeature inventory;
    private List<HttpService> routes;
    private ReportsHome home;
    private MonthlyRollup rollup;

    public ReportsFeature(InventoryFeature inventory) {
        this.inventory = inventory;
    }

    @Override
    public List<String> statements() {
        return List.of("statements/reports.sql");
    }

    @Override
    public void start(Platform platform) {
        ReportService reports = new ReportService(platform.database(),
                ImpactFactors.from(platform.settings().section("app.impact")), platform.clock());
        List<ReportPeriod.SiteRef> sites = inventory.sites().stream()
                .map(site -> new ReportPeriod.SiteRef(site.id(), site.code(), site.name())).toList();
        // The rollup is written by the primary: platform.database(), never a reading's database.
        rollup = new MonthlyRollup(platform.database(), platform.clock()).every(Duration.ofHours(1));
        home = new ReportsHome(reports, platform.database(), platform.pages(), platform.clock());
        routes = List.of(
                new ReportPages(platform.guard(), platform.pages(), reports, new Exports(platform.database()),
                        new ActivityReportPdf(platform.settings().section("app.structure")), sites),
                new ReportsApi(platform.guard(), reports),
                new DonorPackPages(platform.guard(), new DonorPack(platform.database(), platform.clock(),
                        DonorPack.Structure.from(platform.settings().section("app.structure")))));
    }

    @Override
    public List<HttpService> routes() {
        return routes;
    }

    @Override
    public List<HomeSection> homeSections() {
        return List.of(home);
    }

    @Override
    public void stop() {
        if (rollup != null) {
            rollup.close();
        }
    }
}
