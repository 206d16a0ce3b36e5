package fr.parcsolidaire;

import fr.parcsolidaire.accounts.AccountsFeature;
import fr.parcsolidaire.course.CourseFeature;
import fr.parcsolidaire.demo.DemoFeature;
import fr.parcsolidaire.evidence.EvidenceFeature;
import fr.parcsolidaire.gdpr.GdprFeature;
import fr.parcsolidaire.imports.ImportsFeature;
import fr.parcsolidaire.inventory.InventoryFeature;
import fr.parcsolidaire.labels.LabelsFeature;
import fr.parcsolidaire.loans.LoansFeature;
import fr.parcsolidaire.messaging.MessagingFeature;
import fr.parcsolidaire.outcomes.OutcomesFeature;
import fr.parcsolidaire.platform.Server;
import fr.parcsolidaire.platform.settings.Settings;
import fr.parcsolidaire.platform.settings.StartupRefused;
import fr.parcsolidaire.reports.ReportsFeature;
import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;

import java.util.List;

/** Assembles the features; docs/architecture.md says what each holds and what may import what. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        try {
            Server.Running app = start(Config.create());
            System.out.println("Parc Solidaire prêt sur http://localhost:" + app.server().port());
            Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
        } catch (StartupRefused refused) {
            System.err.println(refused.getMessage());
            System.exit(1);
        }
    }

    public static Server.Running start(Config config) {
        InventoryFeature inventory = new InventoryFeature();
        AccountsFeature accounts = new AccountsFeature();
        LoansFeature loans = new LoansFeature(inventory);
        CourseFeature course = new CourseFeature();
        ImportsFeature imports = new ImportsFeature();
        GdprFeature gdpr = new GdprFeature(loans);
        MessagingFeature messaging = new MessagingFeature();
        // The machine page lists the machine's loans; the access report names a beneficiary's codes in French.
        inventory.showAssignments(loans);
        // The machine page shows its reservation (no personal data) and the waiting people who match it.
        inventory.showProspects(loans);
        // A loan becomes a gift once the course is completed: the course decides who completed.
        loans.decideCompletionBy(course);
        // The machine page shows the erasure evidence; the erasure gate asks it about failing SMART disks.
        EvidenceFeature evidence = new EvidenceFeature();
        inventory.showEvidence(evidence);
        inventory.checkDiskHealth(evidence);
        // The beneficiary's page shows their consents and messages; gdpr reports and erases what messaging holds.
        loans.showOnBeneficiaryPage(messaging::beneficiarySection);
        gdpr.alsoHeldBy(messaging);
        // Outcomes prints loans' words for a person's codes, opens breakdown incidents through loans, and reads the
        // course's figures (workshops, attendance, completion).
        OutcomesFeature outcomes = new OutcomesFeature(loans, loans, course);
        // Started and routed in this order: the scan lookups (inventory) first, they are the most frequent requests.
        return Server.start(Settings.of(config), List.of(
                inventory,
                accounts,
                new ReportsFeature(inventory),
                gdpr,
                loans,
                course,
                new LabelsFeature(inventory),
                evidence,
                imports,
                messaging,
                outcomes,
                new DemoFeature(accounts, inventory, loans, course, evidence, imports, messaging, outcomes)));
    }
}
