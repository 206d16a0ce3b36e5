package fr.parcsolidaire.loans;

import fr.parcsolidaire.platform.http.HomeSection;
import fr.parcsolidaire.platform.http.Pages;
import fr.parcsolidaire.platform.security.Principal;
import fr.parcsolidaire.platform.security.Role;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import gg.jte.Content;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The social worker's home page: loans overdue and due soon, documents still to sign, and the machines ready to
 * assign; the site's own only (a social worker attached to a site sees that site's people).
 */
final class LoansHome implements HomeSection {

    private final Database database;
    private final Pages pages;
    private final Clock clock;
    private final int dueSoonDays;

    LoansHome(Database database, Pages pages, Clock clock, int dueSoonDays) {
        this.database = database;
        this.pages = pages;
        this.clock = clock;
        this.dueSoonDays = dueSoonDays;
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.SOCIAL_WORKER);
    }

    @Override
    public int rank() {
        return 10;
    }

    @Override
    public Optional<Content> render(Principal who) {
        LocalDate today = LocalDate.now(clock);
        Long site = who.user().siteScope();
        var exec = database.client().execute();
        List<Assignment> due = exec.createNamedQuery("home-loans-due").addParam("until", today.plusDays(dueSoonDays))
                .addParam("siteId", site).execute().map(r -> AssignmentService.assignment(r, true)).toList();
        List<Assignment> toSign = exec.createNamedQuery("home-contracts-to-sign").addParam("siteId", site).execute()
                .map(r -> AssignmentService.assignment(r, true)).toList();
        long ready = exec.namedGet("home-ready-count").map(r -> Rows.longValue(r, "n")).orElse(0L);
        return Optional.of(pages.fragment("loans/home.jte", Map.of("due", due, "toSign", toSign, "ready", ready,
                "today", today, "dueSoonDays", dueSoonDays)));
    }
}
