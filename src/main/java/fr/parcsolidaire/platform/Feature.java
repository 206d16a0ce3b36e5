package fr.parcsolidaire.platform;

import fr.parcsolidaire.platform.http.HomeSection;
import fr.parcsolidaire.platform.security.User;
import io.helidon.webserver.http.HttpService;

import java.util.List;

/**
 * One capability of the service (inventory, labels, loans...): the SQL it runs, the services it builds and the
 * routes it serves. Main lists the features; {@link Server} starts them in that order and registers their routes
 * in that order. A feature that needs another receives it in its constructor, so the order of the list is the
 * order of their dependencies.
 */
public interface Feature {

    /** Classpath resources holding the feature's named statements (see platform/sql/Statements). */
    List<String> statements();

    /** Builds the feature's services once the database is open and migrated, and does its start-up work. */
    void start(Platform platform);

    /** The feature's HTTP services, each registering its routes through the platform's Guard. */
    List<HttpService> routes();

    /** What the feature shows on people's home pages (docs/ui.md, "Pages d'accueil"); called once it has started. */
    default List<HomeSection> homeSections() {
        return List.of();
    }

    /**
     * Demo data ({@code ./parc start --demo}, on an empty database): made through the feature's own services by
     * {@code actor}, after the demo workshop and in the order of Main's list, so a feature finds the earlier ones' data.
     */
    default void loadDemo(User actor, String baseUrl) {
    }

    /** Stops what {@link #start} started (listeners, scheduled jobs); the web server has stopped already. */
    default void stop() {
    }
}
