package fr.parcsolidaire.course;

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
 * The social worker's home page: sessions of the worker's site ending within two weeks or just ended, whose loans
 * are not converted to gifts yet, each with a link to its completion page (where the conversion is decided).
 */
final class SessionsEndingHome implements HomeSection {

    /** Days before and after the end date: enough to prepare the last workshop and to convert after it. */
    private static final int WINDOW_DAYS = 14;

    record Ending(long id, String title, LocalDate endsOn, long enrolled) {
    }

    private final Database database;
    private final Pages pages;
    private final Clock clock;

    SessionsEndingHome(Database database, Pages pages, Clock clock) {
        this.database = database;
        this.pages = pages;
        this.clock = clock;
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.SOCIAL_WORKER);
    }

    @Override
    public int rank() {
        return 25;
    }

    @Override
    public Optional<Content> render(Principal who) {
        LocalDate today = LocalDate.now(clock);
        List<Ending> ending = database.client().execute().createNamedQuery("home-sessions-ending")
                .addParam("today", today).addParam("ahead", WINDOW_DAYS).addParam("siteId", who.user().siteScope())
                .execute().map(r -> new Ending(Rows.longValue(r, "id"), Rows.text(r, "course_name") + " · "
                        + Rows.text(r, "label"), Rows.date(r, "ends_on"), Rows.longValue(r, "enrolled"))).toList();
        return Optional.of(pages.fragment("course/home.jte", Map.of("ending", ending, "today", today)));
    }
}
