package fr.parcsolidaire.reports;

import fr.parcsolidaire.platform.http.HomeSection;
import fr.parcsolidaire.platform.http.Pages;
import fr.parcsolidaire.platform.security.Principal;
import fr.parcsolidaire.platform.security.Role;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import gg.jte.Content;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The coordinator's home page: this month's key figures, read from the same summary as the dashboard, the loans
 * under way counted as the assignment list counts them, and the reports.
 */
final class ReportsHome implements HomeSection {

    /** Loans under way and overdue today, as /assignments and /assignments/overdue list them. */
    record Loans(long active, long overdue) {
    }

    private final ReportService reports;
    private final Database database;
    private final Pages pages;
    private final Clock clock;

    ReportsHome(ReportService reports, Database database, Pages pages, Clock clock) {
        this.reports = reports;
        this.database = database;
        this.pages = pages;
        this.clock = clock;
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.COORDINATOR);
    }

    @Override
    public int rank() {
        return 10;
    }

    @Override
    public Optional<Content> render(Principal who) {
        LocalDate today = LocalDate.now(clock.withZone(ReportPeriod.ZONE));
        ReportPeriod month = reports.period(Map.of("from", today.withDayOfMonth(1).toString(), "to", today.toString()),
                who.user());
        Summary s = reports.summary(month);
        Loans loans = database.client().execute().createNamedGet("report-home-loans").addParam("today", today)
                .addParam("siteId", who.user().siteScope()).execute()
                .map(r -> new Loans(Rows.longValue(r, "active"), Rows.longValue(r, "overdue"))).orElseThrow();
        return Optional.of(pages.fragment("reports/home.jte", Map.of("s", s, "loans", loans, "month", month)));
    }
}
