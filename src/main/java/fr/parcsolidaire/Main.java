package fr.parcsolidaire;

import fr.parcsolidaire.accounts.AccountService;
import fr.parcsolidaire.platform.security.Authenticator;
import fr.parcsolidaire.accounts.LoginPages;
import fr.parcsolidaire.accounts.LoginThrottle;
import fr.parcsolidaire.platform.security.SessionStore;
import fr.parcsolidaire.accounts.TokenApi;
import fr.parcsolidaire.accounts.UserAdminPages;
import fr.parcsolidaire.accounts.UserRepository;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.DatabaseHealthCheck;
import fr.parcsolidaire.platform.sql.DatabaseLocator;
import fr.parcsolidaire.demo.Bootstrap;
import fr.parcsolidaire.gdpr.Anonymiser;
import fr.parcsolidaire.gdpr.GdprRoutes;
import fr.parcsolidaire.gdpr.RetentionJob;
import fr.parcsolidaire.inventory.IntakeService;
import fr.parcsolidaire.inventory.InventoryApi;
import fr.parcsolidaire.inventory.InventoryPages;
import fr.parcsolidaire.inventory.InventoryRepository;
import fr.parcsolidaire.inventory.MachineRecords;
import fr.parcsolidaire.inventory.WorkshopService;
import fr.parcsolidaire.loans.AssignmentService;
import fr.parcsolidaire.loans.BeneficiaryService;
import fr.parcsolidaire.loans.ContractService;
import fr.parcsolidaire.loans.CourseService;
import fr.parcsolidaire.loans.LoansApi;
import fr.parcsolidaire.loans.LoansPages;
import fr.parcsolidaire.loans.Structure;
import fr.parcsolidaire.reports.ActivityReportPdf;
import fr.parcsolidaire.reports.DonorPack;
import fr.parcsolidaire.reports.DonorPackPages;
import fr.parcsolidaire.reports.Exports;
import fr.parcsolidaire.reports.ImpactFactors;
import fr.parcsolidaire.reports.ReportPages;
import fr.parcsolidaire.reports.ReportPeriod;
import fr.parcsolidaire.reports.ReportService;
import fr.parcsolidaire.reports.ReportsApi;
import fr.parcsolidaire.labels.LabelApi;
import fr.parcsolidaire.labels.LabelLayouts;
import fr.parcsolidaire.labels.LabelPages;
import fr.parcsolidaire.labels.LabelService;
import fr.parcsolidaire.labels.ScanPages;
import fr.parcsolidaire.platform.http.ErrorHandling;
import fr.parcsolidaire.platform.http.FormLimits;
import fr.parcsolidaire.platform.http.FrenchDirectHandler;
import fr.parcsolidaire.platform.http.Guard;
import fr.parcsolidaire.platform.http.Pages;
import fr.parcsolidaire.platform.http.PublicHealth;
import fr.parcsolidaire.platform.http.PublicUrls;
import fr.parcsolidaire.platform.http.Query;
import fr.parcsolidaire.platform.http.SecurityHeaders;
import io.helidon.config.Config;
import io.helidon.health.HealthCheck;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.helidon.webserver.staticcontent.ClasspathHandlerConfig;
import io.helidon.webserver.staticcontent.StaticContentFeature;

import java.time.Clock;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Optional;

/** Wires configuration, database, services and routing. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        App app = start(Config.create());
        System.out.println("Parc Solidaire prêt sur http://localhost:" + app.server().port());
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
    }

    /** The running service: what tests and the shutdown hook need to reach. */
    public record App(WebServer server, Database database, Guard guard, SessionStore sessions, RetentionJob retention,
                      MachineRecords machineRecords) {
        public void stop() {
            retention.close();
            server.stop();
            machineRecords.close();
            database.close();
        }
    }

    public static App start(Config config) {
        Clock clock = Clock.systemDefaultZone();
        Database database = Database.open(config, DatabaseLocator.locate(config));
        Config session = config.get("app.session");
        SessionStore sessions = new SessionStore(database.client(),
                session.get("web-lifetime").as(Duration.class).orElse(Duration.ofHours(12)),
                session.get("web-idle").as(Duration.class).orElse(Duration.ofHours(2)),
                session.get("api-lifetime").as(Duration.class).orElse(Duration.ofDays(30)),
                session.get("cache-ttl").as(Duration.class).orElse(Duration.ofSeconds(2)));
        Authenticator authenticator = new Authenticator(sessions);
        LoginThrottle throttle = LoginThrottle.fromConfig(database.client(), config.get("app.login"));
        Guard guard = new Guard(authenticator, FormLimits.from(config.get("app.limits")));
        Pages pages = new Pages();
        UserRepository users = new UserRepository(database);
        AccountService accounts = new AccountService(database, users, sessions);
        InventoryRepository inventory = new InventoryRepository(database);
        MachineRecords machineRecords = MachineRecords.start(inventory, config.get("app.scan-cache.max-mib").asInt().orElse(64));
        IntakeService intake = new IntakeService(database, inventory, clock);
        WorkshopService workshop = new WorkshopService(database, clock);
        BeneficiaryService beneficiaries = new BeneficiaryService(database, clock);
        CourseService courses = new CourseService(database, clock);
        PublicUrls urls = new PublicUrls(Optional.ofNullable(System.getenv("BASE_URL")).filter(s -> !s.isBlank())
                .orElse(config.get("app.base-url").asString().orElse("")), config.get("server.port").asInt().orElse(8080));
        ContractService contracts = new ContractService(database, Structure.from(config), clock);
        AssignmentService assignments = new AssignmentService(database, workshop, contracts, clock);

        ReportService reports = new ReportService(database, ImpactFactors.from(config.get("app.impact")), clock);

        Anonymiser anonymiser = new Anonymiser(database);
        Period retentionPeriod = config.get("app.gdpr.retention").as(Period.class).orElse(Period.ofMonths(24));
        RetentionJob retention = new RetentionJob(anonymiser, (int) retentionPeriod.toTotalMonths(),
                config.get("app.gdpr.sweep-interval").as(Duration.class).orElse(Duration.ofHours(24)));
        LabelService labels = new LabelService(database,
                LabelLayouts.load(java.nio.file.Path.of(config.get("app.labels.directory").asString().orElse("labels"))),
                config.get("app.labels.owner").asString().orElse(""));

        Bootstrap.run(config, database, accounts, intake, workshop, urls);
        SecurityHeaders securityHeaders = new SecurityHeaders(config.get("app.security.hsts").asBoolean().orElse(false));

        DatabaseHealthCheck databaseHealth = new DatabaseHealthCheck(database);
        WebServerConfig.Builder builder = WebServer.builder()
                .config(config.get("server"))
                .directHandlers(FrenchDirectHandler.all())
                .routing(routing -> {
                    routing.addFilter(securityHeaders::filter);
                    routing.addFilter(Query::check);
                    routing.get("/health", new PublicHealth(List.of(databaseHealth)));
                    routing.register("/static", StaticContentFeature.createService(
                            ClasspathHandlerConfig.builder().location("static").build()));
                    new ErrorHandling(pages, authenticator, securityHeaders).register(routing);
                    // Helidon tries routes in registration order: the scan lookups, the most frequent requests,
                    // come first (no two services share a path, so the order changes nothing else).
                    routing.register(new InventoryApi(guard, inventory, machineRecords, intake, workshop))
                            .register(new InventoryPages(guard, pages, inventory, machineRecords, intake, workshop, clock))
                            .register(new LoginPages(guard, pages, accounts, sessions, throttle))
                            .register(new TokenApi(accounts, sessions, throttle))
                            .register(new UserAdminPages(guard, pages, accounts, users))
                            .register(new ReportPages(guard, pages, reports, new Exports(database),
                                    new ActivityReportPdf(config.get("app.structure")), inventory.sites().stream()
                                    .map(site -> new ReportPeriod.SiteRef(site.id(), site.code(), site.name())).toList()))
                            .register(new ReportsApi(guard, reports))
                            .register(new DonorPackPages(guard, new DonorPack(database, clock)))
                            .register(new GdprRoutes(guard, pages, database, anonymiser, retentionPeriod))
                            .register(new LoansPages(guard, pages, beneficiaries, courses, assignments, contracts, database, urls))
                            .register(new LoansApi(guard, beneficiaries, courses, assignments, contracts, urls))
                            .register(new LabelApi(guard, labels, urls))
                            .register(new LabelPages(guard, pages, labels, urls))
                            .register(new ScanPages(guard, pages, database, workshop));
                });
        observe(builder, config.get("app.management"), databaseHealth);
        WebServer server = builder.build().start();
        return new App(server, database, guard, sessions, retention, machineRecords);
    }

    /**
     * Health with its details and the Prometheus metrics, on a socket of their own ("management") when
     * app.management.port is set, and nowhere otherwise: the details can quote the database's error messages.
     */
    private static void observe(WebServerConfig.Builder builder, Config management, HealthCheck databaseHealth) {
        management.get("port").asString().filter(port -> !port.isBlank()).map(Integer::valueOf).ifPresent(port -> builder
                .putSocket("management", socket -> socket.port(port)
                        .host(management.get("host").asString().orElse("127.0.0.1")))
                .addFeature(ObserveFeature.builder()
                        .sockets(List.of("management"))
                        .endpoint("/")
                        .addObserver(HealthObserver.builder().details(true).addCheck(databaseHealth).build())
                        .addObserver(MetricsObserver.create())
                        .build()));
    }
}
