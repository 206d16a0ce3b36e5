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
import fr.parcsolidaire.platform.Feature;
import fr.parcsolidaire.platform.Server;
import fr.parcsolidaire.platform.settings.Settings;
import fr.parcsolidaire.reports.ReportsFeature;
import io.helidon.config.Config;

import java.util.List;
import java.util.stream.Stream;

/** Assembles the features; docs/architecture.md says what each holds and what may import what. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Server.run(Main::start);
    }

    public static Server.Running start(Config config) {
        InventoryFeature inventory = new InventoryFeature();
        AccountsFeature accounts = new AccountsFeature();
        LoansFeature loans = new LoansFeature(inventory);
        GdprFeature gdpr = new GdprFeature(loans);
        CourseFeature course = new CourseFeature();
        EvidenceFeature evidence = new EvidenceFeature();
        MessagingFeature messaging = new MessagingFeature();
        OutcomesFeature outcomes = new OutcomesFeature(loans, loans, course);
        // What a page or a rule needs from another feature, through an interface the needing side declares
        // (docs/architecture.md, "Qui peut importer quoi").
        inventory.showAssignments(loans);
        inventory.showProspects(loans);
        inventory.showEvidence(evidence);
        inventory.checkDiskHealth(evidence);
        loans.decideCompletionBy(course);
        loans.showOnBeneficiaryPage(messaging::beneficiarySection);
        gdpr.alsoHeldBy(messaging);
        messaging.addReminderSource("workshops", "workshop-soon", course::workshopRemindersDue);
        messaging.addReminderSource("follow-ups", "follow-up-due", outcomes::followUpRemindersDue);
        // Started, routed and given demo data in this order: the scan lookups (inventory) first, the most frequent.
        List<Feature> features = List.of(inventory, accounts, new ReportsFeature(inventory), gdpr, loans, course,
                new LabelsFeature(inventory), evidence, new ImportsFeature(), messaging, outcomes);
        return Server.start(Settings.of(config), Stream.concat(features.stream(),
                Stream.of(new DemoFeature(accounts, inventory, features))).toList());
    }
}
