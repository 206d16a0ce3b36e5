package fr.parcsolidaire.accounts;

import fr.parcsolidaire.platform.Feature;
import fr.parcsolidaire.platform.Platform;
import fr.parcsolidaire.platform.http.HomeSection;
import fr.parcsolidaire.platform.security.PasswordHasher;
import fr.parcsolidaire.platform.security.Role;
import io.helidon.webserver.http.HttpService;

import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Signing in and out (pages, API tokens), login throttling and the administration of accounts. On an empty
 * database without demo data, creates the first administrator and prints its password.
 */
public final class AccountsFeature implements Feature {

    private static final Logger LOG = Logger.getLogger(AccountsFeature.class.getName());

    private AccountService accounts;
    private List<HttpService> routes;
    private AdminHome home;

    @Override
    public List<String> statements() {
        return List.of("statements/accounts.sql");
    }

    @Override
    public void start(Platform platform) {
        UserRepository users = new UserRepository(platform.database());
        accounts = new AccountService(platform.database(), users, platform.sessions());
        LoginThrottle throttle = LoginThrottle.from(platform.database().client(), platform.settings().section("app.login"));
        home = new AdminHome(platform.database(), platform.pages());
        routes = List.of(
                new LoginPages(platform.guard(), platform.pages(), accounts, platform.sessions(), throttle),
                new TokenApi(accounts, platform.sessions(), throttle),
                new UserAdminPages(platform.guard(), platform.pages(), accounts, users));
        if (!platform.settings().demo() && users.count() == 0) {
            String password = Optional.ofNullable(System.getenv("ADMIN_PASSWORD")).filter(p -> !p.isBlank())
                    .orElseGet(PasswordHasher::generate);
            accounts.create("admin", "Administrateur", Role.ADMIN.name(), password, null);
            LOG.warning("Premier démarrage : compte « admin » créé. Mot de passe : " + password
                    + " — changez-le après la première connexion.");
        }
    }

    @Override
    public List<HttpService> routes() {
        return routes;
    }

    @Override
    public List<HomeSection> homeSections() {
        return List.of(home);
    }

    /** Creating accounts and setting passwords, for the demo data. */
    public AccountService accounts() {
        return accounts;
    }
}
