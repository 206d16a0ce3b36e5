package fr.parcsolidaire;

import fr.parcsolidaire.auth.AccountService;
import fr.parcsolidaire.auth.Authenticator;
import fr.parcsolidaire.auth.LoginPages;
import fr.parcsolidaire.auth.SessionStore;
import fr.parcsolidaire.auth.TokenApi;
import fr.parcsolidaire.auth.UserAdminPages;
import fr.parcsolidaire.auth.UserRepository;
import fr.parcsolidaire.db.Database;
import fr.parcsolidaire.db.DatabaseLocator;
import fr.parcsolidaire.demo.Bootstrap;
import fr.parcsolidaire.inventory.IntakeService;
import fr.parcsolidaire.inventory.InventoryApi;
import fr.parcsolidaire.inventory.InventoryPages;
import fr.parcsolidaire.inventory.InventoryRepository;
import fr.parcsolidaire.inventory.WorkshopService;
import fr.parcsolidaire.labels.BaseUrl;
import fr.parcsolidaire.labels.LabelApi;
import fr.parcsolidaire.labels.LabelLayouts;
import fr.parcsolidaire.labels.LabelPages;
import fr.parcsolidaire.labels.LabelService;
import fr.parcsolidaire.labels.ScanPages;
import fr.parcsolidaire.web.ErrorHandling;
import fr.parcsolidaire.web.Guard;
import fr.parcsolidaire.web.Pages;
import io.helidon.config.Config;
import io.helidon.dbclient.health.DbClientHealthCheck;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.helidon.webserver.staticcontent.StaticContentService;

import java.time.Clock;
import java.time.Duration;

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
    public record App(WebServer server, Database database, Guard guard) {
        public void stop() {
            server.stop();
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
                session.get("api-lifetime").as(Duration.class).orElse(Duration.ofDays(30)));
        Authenticator authenticator = new Authenticator(sessions);
        Guard guard = new Guard(authenticator);
        Pages pages = new Pages();
        UserRepository users = new UserRepository(database);
        AccountService accounts = new AccountService(database, users);
        InventoryRepository inventory = new InventoryRepository(database);
        IntakeService intake = new IntakeService(database, inventory, clock);
        WorkshopService workshop = new WorkshopService(database, clock);
        LabelService labels = new LabelService(database,
                LabelLayouts.load(java.nio.file.Path.of(config.get("app.labels.directory").asString().orElse("labels"))),
                config.get("app.labels.owner").asString().orElse(""));
        BaseUrl baseUrl = new BaseUrl(config);

        Bootstrap.run(config, database, accounts, intake, workshop);

        WebServer server = WebServer.builder()
                .config(config.get("server"))
                .addFeature(ObserveFeature.builder()
                        .endpoint("/")
                        .addObserver(HealthObserver.builder()
                                .details(true)
                                .addCheck(DbClientHealthCheck.builder(database.client())
                                        .name("database").query().statementName("health-check")
                                        .timeout(Duration.ofSeconds(2)).build())
                                .build())
                        .addObserver(MetricsObserver.create())
                        .build())
                .routing(routing -> {
                    routing.register("/static", StaticContentService.builder("static").build());
                    new ErrorHandling(pages, authenticator).register(routing);
                    routing.register(new LoginPages(guard, pages, accounts, sessions))
                            .register(new TokenApi(accounts, sessions))
                            .register(new UserAdminPages(guard, pages, accounts, users))
                            .register(new InventoryPages(guard, pages, inventory, intake, workshop, clock))
                            .register(new InventoryApi(guard, inventory, intake, workshop))
                            .register(new LabelApi(guard, labels, baseUrl))
                            .register(new LabelPages(guard, pages, labels, baseUrl))
                            .register(new ScanPages(guard, pages, database, workshop));
                })
                .build()
                .start();
        return new App(server, database, guard);
    }
}
