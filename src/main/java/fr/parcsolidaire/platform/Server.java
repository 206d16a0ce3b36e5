package fr.parcsolidaire.platform;

import fr.parcsolidaire.platform.http.ErrorHandling;
import fr.parcsolidaire.platform.http.FormLimits;
import fr.parcsolidaire.platform.http.FrenchDirectHandler;
import fr.parcsolidaire.platform.http.Guard;
import fr.parcsolidaire.platform.http.HomePage;
import fr.parcsolidaire.platform.http.Pages;
import fr.parcsolidaire.platform.http.PublicHealth;
import fr.parcsolidaire.platform.http.PublicUrls;
import fr.parcsolidaire.platform.http.Query;
import fr.parcsolidaire.platform.http.ReadYourWrites;
import fr.parcsolidaire.platform.http.SecurityHeaders;
import fr.parcsolidaire.platform.security.Authenticator;
import fr.parcsolidaire.platform.security.SessionStore;
import fr.parcsolidaire.platform.settings.Settings;
import fr.parcsolidaire.platform.settings.StartupRefused;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.DatabaseCoordinates;
import fr.parcsolidaire.platform.sql.DatabaseHealthCheck;
import fr.parcsolidaire.platform.sql.DatabaseLocator;
import fr.parcsolidaire.platform.sql.ReplicaHealthCheck;
import io.helidon.config.Config;
import io.helidon.health.HealthCheck;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.helidon.webserver.staticcontent.ClasspathHandlerConfig;
import io.helidon.webserver.staticcontent.StaticContentFeature;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Starts the service: the database, the platform's pieces, each feature in turn, then the web server with the
 * routes every request goes through (security headers, query check, /health, /static, error pages) followed by
 * the features' routes in the order of the list.
 */
public final class Server {

    /** Statements of the platform itself: the health check, the sessions. */
    private static final List<String> STATEMENTS = List.of(Database.STATEMENTS, SessionStore.STATEMENTS);

    private Server() {
    }

    /** The running service: what tests and the shutdown hook need to reach. */
    public record Running(WebServer server, Database database, Guard guard, SessionStore sessions, List<Feature> features) {

        /** The started feature of this type. */
        public <T extends Feature> T feature(Class<T> type) {
            return features.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
        }

        public void stop() {
            server.stop();
            features.reversed().forEach(Feature::stop);
            database.close();
        }
    }

    /**
     * The service's process: logging configured, the service started from the configuration by {@code assemble},
     * stopped cleanly at exit; a refused start prints its one French sentence and exits with 1 (no stack trace).
     */
    public static void run(Function<Config, Running> assemble) {
        LogConfig.configureRuntime();
        try {
            Running app = assemble.apply(Config.create());
            System.out.println("Parc Solidaire prêt sur http://localhost:" + app.server().port());
            Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
        } catch (StartupRefused refused) {
            System.err.println(refused.getMessage());
            System.exit(1);
        }
    }

    public static Running start(Settings settings, List<Feature> features) {
        Database database = open(settings, features);
        List<Feature> started = new ArrayList<>();
        try {
            SessionStore sessions = SessionStore.from(database.client(), settings.section("app.session"));
            Authenticator authenticator = new Authenticator(sessions);
            Guard guard = new Guard(authenticator, FormLimits.from(settings.section("app.limits")));
            Pages pages = new Pages();
            Platform platform = new Platform(settings, database, guard, pages,
                    new PublicUrls(settings.text("app.base-url"), settings.port()), sessions, Clock.systemDefaultZone());
            for (Feature feature : features) {
                feature.start(platform);
                started.add(feature);
            }
            SecurityHeaders headers = new SecurityHeaders(settings.flag("app.security.hsts"));
            DatabaseHealthCheck health = new DatabaseHealthCheck(database);
            WebServerConfig.Builder builder = WebServer.builder()
                    .config(settings.raw("server"))
                    .directHandlers(FrenchDirectHandler.all())
                    .routing(routing -> routes(routing, pages, authenticator, headers, health, features,
                            new ReadYourWrites(database.freshness(), settings.duration("app.read-your-writes")),
                            new HomePage(guard, pages, features.stream().flatMap(f -> f.homeSections().stream()).toList())));
            observe(builder, settings.section("app.management"), health,
                    new ReplicaHealthCheck(database, settings.section("db").optionalText("replica.url").isPresent()));
            return new Running(builder.build().start(), database, guard, sessions, List.copyOf(features));
        } catch (RuntimeException | Error e) {
            started.reversed().forEach(Feature::stop);
            database.close();
            throw e;
        }
    }

    private static Database open(Settings settings, List<Feature> features) {
        List<String> statements = new ArrayList<>(STATEMENTS);
        features.forEach(f -> statements.addAll(f.statements()));
        DatabaseCoordinates coordinates = DatabaseLocator.locate(settings.section("db"));
        try {
            return Database.open(settings.section("db"), coordinates, statements);
        } catch (IllegalStateException e) {
            // A database that cannot be prepared: the message (French, password masked) says why.
            throw new StartupRefused(e.getMessage());
        }
    }

    private static void routes(HttpRouting.Builder routing, Pages pages, Authenticator authenticator,
                               SecurityHeaders headers, HealthCheck health, List<Feature> features,
                               ReadYourWrites readYourWrites, HomePage home) {
        routing.addFilter(headers::filter);
        routing.addFilter(Query::check);
        routing.addFilter(readYourWrites::filter);
        routing.get("/health", new PublicHealth(List.of(health)));
        routing.register("/static", StaticContentFeature.createService(
                ClasspathHandlerConfig.builder().location("static").build()));
        new ErrorHandling(pages, authenticator, headers).register(routing);
        // Helidon tries routes in registration order: the features' order (the scan lookups first, see Main).
        routing.register(home);
        features.forEach(f -> f.routes().forEach(routing::register));
    }

    /**
     * Health with its details and the Prometheus metrics, on a socket of their own ("management") when
     * app.management.port is set, and nowhere otherwise: the details can quote the database's error messages.
     */
    private static void observe(WebServerConfig.Builder builder, Settings management, HealthCheck databaseHealth,
                                HealthCheck replicaHealth) {
        if (management.optionalText("port").isEmpty()) {
            return;
        }
        int port = management.integer("port");
        builder.putSocket("management", socket -> socket.port(port).host(management.text("host")))
                .addFeature(ObserveFeature.builder()
                        .sockets(List.of("management"))
                        .endpoint("/")
                        .addObserver(HealthObserver.builder().details(true).addCheck(databaseHealth).addCheck(replicaHealth).build())
                        .addObserver(MetricsObserver.create())
                        .build());
    }
}
