package fr.parcsolidaire.accounts;

import fr.parcsolidaire.platform.http.HomeSection;
import fr.parcsolidaire.platform.http.Pages;
import fr.parcsolidaire.platform.security.Principal;
import fr.parcsolidaire.platform.security.Role;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import gg.jte.Content;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The administrator's home page: accounts by role, the last changes to accounts, the audit of personal data and
 * the service's health (the database answers, and how fast).
 */
final class AdminHome implements HomeSection {

    /** A line of the recent changes: whose account, what, by whom. */
    record Change(String username, UserRepository.AccountEvent event) {
    }

    private final Database database;
    private final Pages pages;

    AdminHome(Database database, Pages pages) {
        this.database = database;
        this.pages = pages;
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.ADMIN);
    }

    @Override
    public int rank() {
        return 10;
    }

    @Override
    public Optional<Content> render(Principal who) {
        long started = System.nanoTime();
        Map<Role, Long> active = new EnumMap<>(Role.class);
        long inactive = 0;
        for (var r : database.client().execute().namedQuery("home-accounts").toList()) {
            if (Rows.bool(r, "active")) {
                active.merge(Role.valueOf(Rows.text(r, "role")), Rows.longValue(r, "n"), Long::sum);
            } else {
                inactive += Rows.longValue(r, "n");
            }
        }
        long databaseMs = (System.nanoTime() - started) / 1_000_000;
        List<Change> changes = database.client().execute().namedQuery("home-account-events")
                .map(r -> new Change(Rows.text(r, "username"), new UserRepository.AccountEvent(Rows.timestamp(r, "at"),
                        Rows.text(r, "kind"), Rows.text(r, "data"), Rows.text(r, "actor")))).toList();
        return Optional.of(pages.fragment("accounts/home.jte", Map.of("active", active, "inactive", inactive,
                "changes", changes, "databaseMs", databaseMs)));
    }
}
