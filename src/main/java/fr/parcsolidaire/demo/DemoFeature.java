package fr.parcsolidaire.demo;

import fr.parcsolidaire.accounts.AccountService;
import fr.parcsolidaire.accounts.AccountsFeature;
import fr.parcsolidaire.inventory.InventoryFeature;
import fr.parcsolidaire.platform.Feature;
import fr.parcsolidaire.platform.Platform;
import fr.parcsolidaire.platform.security.PasswordHasher;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.settings.StartupRefused;
import io.helidon.webserver.http.HttpService;

import java.util.List;
import java.util.Optional;

/**
 * {@code ./parc start --demo} (app.demo, never in production): one user per role, and on an empty database a small,
 * believable workshop and course made through the features' own services. Started last, once they are.
 */
public final class DemoFeature implements Feature {

    private final AccountsFeature accounts;
    private final InventoryFeature inventory;
    private final List<Feature> features;

    /** {@code features}: every feature whose demo data is loaded, in Main's order (see {@link Feature#loadDemo}). */
    public DemoFeature(AccountsFeature accounts, InventoryFeature inventory, List<Feature> features) {
        this.accounts = accounts;
        this.inventory = inventory;
        this.features = List.copyOf(features);
    }

    @Override
    public List<String> statements() {
        return List.of();
    }

    @Override
    public void start(Platform platform) {
        if (!platform.settings().demo()) {
            return;
        }
        String password = Optional.ofNullable(System.getenv("DEMO_PASSWORD")).filter(p -> !p.isBlank())
                .orElseGet(PasswordHasher::generate);
        if (password.length() < AccountService.MIN_PASSWORD_LENGTH) {
            throw new StartupRefused("DEMO_PASSWORD doit compter au moins " + AccountService.MIN_PASSWORD_LENGTH + " caractères.");
        }
        User admin = DemoData.users(platform.database(), accounts.accounts(), password);
        if (DemoData.isEmpty(platform.database())) {
            load(platform.database(), inventory, features, admin, platform.urls().base());
        }
        System.out.println("""
                ----------------------------------------------------------------
                Données de démonstration chargées. Comptes : admin, technicien,
                social, coordination — mot de passe : %s
                ----------------------------------------------------------------""".formatted(password));
    }

    /** The demo workshop (donations and machines at each step), then each feature's demo data, by {@code admin}. */
    public static void load(Database database, InventoryFeature inventory, List<Feature> features, User admin, String base) {
        DemoData.load(database, inventory.intake(), inventory.workshop(), admin);
        features.forEach(f -> f.loadDemo(admin, base));
    }

    @Override
    public List<HttpService> routes() {
        return List.of();
    }
}
