package fr.parcsolidaire;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures;
import io.helidon.webserver.http.HttpService;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layout of docs/architecture.md, checked on the production classes (templates included: jte compiles each
 * into its feature's package). A failure names the class and the dependency that breaks the rule.
 */
@AnalyzeClasses(packages = "fr.parcsolidaire", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** No two packages depend on each other, directly or through others. */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("fr.parcsolidaire.(**)").should().beFreeOfCycles();

    /** The platform is what every feature uses: it knows none of them. */
    @ArchTest
    static final ArchRule platformImportsNoFeature = noClasses().that().resideInAPackage("fr.parcsolidaire.platform..")
            .should().dependOnClassesThat(resideInAPackage("fr.parcsolidaire..")
                    .and(not(resideInAPackage("fr.parcsolidaire.platform.."))));

    /** Who may use whom: the table of docs/architecture.md. */
    @ArchTest
    static final ArchRule layers = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Main").definedBy("fr.parcsolidaire")
            .layer("Settings").definedBy("fr.parcsolidaire.platform.settings..")
            .layer("Pdf").definedBy("fr.parcsolidaire.platform.pdf..")
            .layer("Sql").definedBy("fr.parcsolidaire.platform.sql..")
            .layer("Security").definedBy("fr.parcsolidaire.platform.security..")
            .layer("Http").definedBy("fr.parcsolidaire.platform.http..")
            .layer("Platform").definedBy("fr.parcsolidaire.platform")
            .layer("Accounts").definedBy("fr.parcsolidaire.accounts..")
            .layer("Inventory").definedBy("fr.parcsolidaire.inventory..")
            .layer("Gdpr").definedBy("fr.parcsolidaire.gdpr..")
            .layer("Labels").definedBy("fr.parcsolidaire.labels..")
            .layer("Loans").definedBy("fr.parcsolidaire.loans..")
            .layer("Course").definedBy("fr.parcsolidaire.course..")
            .layer("Reports").definedBy("fr.parcsolidaire.reports..")
            .layer("Demo").definedBy("fr.parcsolidaire.demo..")
            .layer("Evidence").definedBy("fr.parcsolidaire.evidence..")
            .layer("Imports").definedBy("fr.parcsolidaire.imports..")
            .layer("Messaging").definedBy("fr.parcsolidaire.messaging..")
            .layer("Outcomes").definedBy("fr.parcsolidaire.outcomes..")
            .whereLayer("Settings").mayNotAccessAnyLayer()
            .whereLayer("Pdf").mayNotAccessAnyLayer()
            .whereLayer("Sql").mayOnlyAccessLayers("Settings")
            .whereLayer("Security").mayOnlyAccessLayers("Sql", "Settings")
            .whereLayer("Http").mayOnlyAccessLayers("Security", "Sql", "Settings")
            .whereLayer("Platform").mayOnlyAccessLayers("Http", "Security", "Sql", "Settings", "Pdf")
            .whereLayer("Accounts").mayOnlyAccessLayers(platform())
            .whereLayer("Inventory").mayOnlyAccessLayers(platform())
            .whereLayer("Gdpr").mayOnlyAccessLayers(platform())
            .whereLayer("Labels").mayOnlyAccessLayers(platform("Inventory"))
            .whereLayer("Loans").mayOnlyAccessLayers(platform("Inventory", "Gdpr", "Outcomes"))
            .whereLayer("Course").mayOnlyAccessLayers(platform("Loans", "Outcomes"))
            .whereLayer("Reports").mayOnlyAccessLayers(platform("Inventory", "Gdpr"))
            .whereLayer("Demo").mayOnlyAccessLayers(platform("Accounts", "Inventory"))
            .whereLayer("Evidence").mayOnlyAccessLayers(platform("Inventory"))
            .whereLayer("Imports").mayOnlyAccessLayers(platform("Inventory"))
            // Messaging implements gdpr's HeldPersonalData (the access report lists, anonymisation erases, its data)
            // and writes to gdpr's audit log of personal data (consents changed, messages read).
            .whereLayer("Messaging").mayOnlyAccessLayers(platform("Gdpr"))
            .whereLayer("Outcomes").mayOnlyAccessLayers(platform("Inventory", "Reports"))
            .whereLayer("Main").mayOnlyAccessLayers(platform("Accounts", "Inventory", "Gdpr", "Labels", "Loans",
                    "Course", "Reports", "Demo", "Evidence", "Imports", "Messaging", "Outcomes"));

    /**
     * A feature's routes are reached through its Feature class only (Main lists the features): its HTTP services are
     * package-private, so another feature can only use what the feature chose to make public.
     */
    @ArchTest
    static final ArchRule routesStayInTheirFeature = classes().that().implement(HttpService.class)
            .and().resideOutsideOfPackage("fr.parcsolidaire.platform..")
            .should().notBePublic();

    /** Main assembles features: it reaches each feature only through its Feature class. */
    @ArchTest
    static final ArchRule mainSeesOnlyFeatures = classes().that().resideInAPackage("fr.parcsolidaire")
            .should().onlyDependOnClassesThat(not(resideInAPackage("fr.parcsolidaire..")
                    .and(not(resideInAPackage("fr.parcsolidaire.platform..")))
                    .and(not(simpleNameEndingWith("Feature")))));

    private static String[] platform(String... features) {
        String[] layers = new String[features.length + 6];
        String[] base = {"Platform", "Http", "Security", "Sql", "Settings", "Pdf"};
        System.arraycopy(base, 0, layers, 0, base.length);
        System.arraycopy(features, 0, layers, base.length, features.length);
        return layers;
    }
}
