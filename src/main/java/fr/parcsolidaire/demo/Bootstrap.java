package fr.parcsolidaire.demo;

import fr.parcsolidaire.accounts.AccountService;
import fr.parcsolidaire.platform.security.Role;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import fr.parcsolidaire.inventory.IntakeService;
import fr.parcsolidaire.inventory.WorkshopService;
import fr.parcsolidaire.platform.http.PublicUrls;
import io.helidon.config.Config;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * What start-up puts in place: the configured sites; then either the demo users and data (when asked,
 * never in production) or, on an empty database, a first administrator.
 */
public final class Bootstrap {

    private static final Logger LOG = Logger.getLogger(Bootstrap.class.getName());
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private Bootstrap() {
    }

    public static void run(Config config, Database database, AccountService accounts, IntakeService intake,
                           WorkshopService workshop, PublicUrls urls) {
        for (Config site : config.get("app.sites").asNodeList().orElse(java.util.List.of())) {
            database.client().execute().createNamedDmlStatement("site-insert")
                    .addParam("code", site.get("code").asString().get())
                    .addParam("name", site.get("name").asString().get())
                    .addParam("tagPrefix", site.get("tag-prefix").asString().get())
                    .addParam("address", site.get("address").asString().orElse(null))
                    .execute();
        }
        boolean demo = env("DEMO").or(() -> config.get("app.demo").asString().asOptional())
                .map(Boolean::parseBoolean).orElse(false);
        boolean production = "production".equalsIgnoreCase(env("APP_MODE")
                .orElseGet(() -> config.get("app.mode").asString().orElse("development")));
        if (demo && production) {
            throw new IllegalStateException("Données de démonstration refusées en mode production (DEMO=true et app.mode=production).");
        }
        if (demo) {
            String password = env("DEMO_PASSWORD").orElseGet(Bootstrap::generatePassword);
            if (password.length() < AccountService.MIN_PASSWORD_LENGTH) {
                throw new IllegalStateException("DEMO_PASSWORD doit compter au moins " + AccountService.MIN_PASSWORD_LENGTH + " caractères.");
            }
            User admin = DemoData.users(database, accounts, password);
            if (DemoData.isEmpty(database)) {
                DemoData.load(database, intake, workshop, urls, admin);
            }
            System.out.println("""
                    ----------------------------------------------------------------
                    Données de démonstration chargées. Comptes : admin, technicien,
                    social, coordination — mot de passe : %s
                    ----------------------------------------------------------------""".formatted(password));
            return;
        }
        long users = database.client().execute().namedGet("users-count").map(r -> Rows.longValue(r, "n")).orElse(0L);
        if (users == 0) {
            String password = env("ADMIN_PASSWORD").orElseGet(Bootstrap::generatePassword);
            accounts.create("admin", "Administrateur", Role.ADMIN.name(), password, null);
            LOG.warning("Premier démarrage : compte « admin » créé. Mot de passe : " + password
                    + " — changez-le après la première connexion.");
        }
    }

    static String generatePassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }
}
