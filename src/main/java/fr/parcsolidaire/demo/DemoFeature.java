package fr.parcsolidaire.demo;

import fr.parcsolidaire.accounts.AccountService;
import fr.parcsolidaire.accounts.AccountsFeature;
import fr.parcsolidaire.evidence.EvidenceFeature;
import fr.parcsolidaire.imports.ImportsFeature;
import fr.parcsolidaire.inventory.InventoryFeature;
import fr.parcsolidaire.course.CourseFeature;
import fr.parcsolidaire.loans.LoansFeature;
import fr.parcsolidaire.messaging.MessagingFeature;
import fr.parcsolidaire.outcomes.OutcomesFeature;
import fr.parcsolidaire.platform.Feature;
import fr.parcsolidaire.platform.Platform;
import fr.parcsolidaire.platform.security.PasswordHasher;
import fr.parcsolidaire.platform.security.User;
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
    private final LoansFeature loans;
    private final CourseFeature course;
    private final EvidenceFeature evidence;
    private final ImportsFeature imports;
    private final MessagingFeature messaging;
    private final OutcomesFeature outcomes;

    public DemoFeature(AccountsFeature accounts, InventoryFeature inventory, LoansFeature loans, CourseFeature course,
                       EvidenceFeature evidence, ImportsFeature imports, MessagingFeature messaging,
                       OutcomesFeature outcomes) {
        this.accounts = accounts;
        this.inventory = inventory;
        this.loans = loans;
        this.course = course;
        this.evidence = evidence;
        this.imports = imports;
        this.messaging = messaging;
        this.outcomes = outcomes;
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
            DemoData.load(platform.database(), inventory.intake(), inventory.workshop(), admin);
            loans.loadDemo(admin, platform.urls().base());
            course.loadDemo(admin);
            evidence.loadDemo(admin);
            imports.loadDemo(admin);
            messaging.loadDemo(admin);
            outcomes.loadDemo(admin);
        }
        System.out.println("""
                ----------------------------------------------------------------
                Données de démonstration chargées. Comptes : admin, technicien,
                social, coordination — mot de passe : %s
                ----------------------------------------------------------------""".formatted(password));
    }

    @Override
    public List<HttpService> routes() {
        return List.of();
    }
}
