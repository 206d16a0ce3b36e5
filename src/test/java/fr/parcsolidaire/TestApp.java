package fr.parcsolidaire;

import fr.parcsolidaire.inventory.InventoryFeature;
import fr.parcsolidaire.platform.Server;
import fr.parcsolidaire.platform.security.PasswordHasher;
import fr.parcsolidaire.platform.security.Role;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * The real service, started once per test JVM on a free port against a fresh PostgreSQL database
 * of its own (created on the local server, dropped at exit), with one user per role.
 */
public final class TestApp {

    public static final String PASSWORD = "test-password-1";
    private static final String ADMIN_URL = System.getenv().getOrDefault("TEST_DATABASE_ADMIN_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static TestApp instance;

    private final Server.Running app;
    private final String jdbcUrl;
    private final Map<Role, String> usernames = new EnumMap<>(Role.class);

    private TestApp(Server.Running app, String jdbcUrl) {
        this.app = app;
        this.jdbcUrl = jdbcUrl;
    }

    public static synchronized TestApp get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static TestApp start() {
        String name = "parc_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        exec(ADMIN_URL, "CREATE DATABASE " + name);
        String url = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
        Config config = Config.builder()
                .addSource(ConfigSources.create(Map.of(
                        "server.port", "0",
                        "server.host", "127.0.0.1",
                        "db.connection.url", url,
                        "db.connection.username", "postgres",
                        "db.pool-size", "24",
                        // Every test logs in from 127.0.0.1: the per-address limit would lock the whole suite out.
                        "app.login.max-failures-per-ip", "100000")))
                .addSource(ConfigSources.classpath("application.yaml"))
                .disableEnvironmentVariablesSource()
                .build();
        Server.Running app = Main.start(config);
        TestApp t = new TestApp(app, url);
        for (Role role : Role.values()) {
            String username = "t-" + role.name().toLowerCase().replace('_', '-');
            t.sql("INSERT INTO users (username, display_name, role, password_hash) VALUES ('" + username + "', 'Test "
                    + role.label() + "', '" + role.name() + "', '" + PasswordHasher.hash(PASSWORD) + "')");
            t.usernames.put(role, username);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            exec(ADMIN_URL, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }));
        return t;
    }

    public Server.Running app() {
        return app;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + app.server().port();
    }

    /** The test database, for a second instance of the service on it (several instances share one database). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username(Role role) {
        return usernames.get(role);
    }

    /**
     * Runs SQL on the test database directly: fixtures and checks of what the service wrote. Like any writer
     * outside the service, it is announced by PostgreSQL's notices; the call returns once the service has
     * heard them, so that the next request sees the change.
     */
    public void sql(String statement) {
        exec(jdbcUrl, statement);
        try {
            app.feature(InventoryFeature.class).catchUp(Duration.ofSeconds(10));
        } catch (TimeoutException e) {
            throw new IllegalStateException("the service did not hear PostgreSQL's notices", e);
        }
    }

    public long count(String query) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             var st = c.createStatement(); var rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Connection connection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", "");
    }

    private static void exec(String url, String statement) {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); var st = c.createStatement()) {
            st.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + ": " + e.getMessage(), e);
        }
    }
}
