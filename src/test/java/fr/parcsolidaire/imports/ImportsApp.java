package fr.parcsolidaire.imports;

import fr.parcsolidaire.Main;
import fr.parcsolidaire.inventory.InventoryFeature;
import fr.parcsolidaire.platform.Server;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.PasswordHasher;
import fr.parcsolidaire.platform.security.Role;
import fr.parcsolidaire.platform.security.User;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * A private instance of the service on a database of its own, for the import's tests and benchmark: thousands of
 * imported machines (which start with IMPORTED, not INTAKE) stay out of the shared {@link TestApp}, whose tests
 * check invariants over every machine of their database.
 */
public final class ImportsApp implements AutoCloseable {

    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private final Server.Running app;
    private final String database;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private ImportsApp(Server.Running app, String database) {
        this.app = app;
        this.database = database;
    }

    /** Starts on a fresh database with a technician "i-tech" and a coordinator "i-coord". */
    public static ImportsApp start() {
        String name = "parc_imports_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        exec(ADMIN_URL, "CREATE DATABASE " + name);
        Config config = Config.builder()
                .addSource(ConfigSources.create(Map.of(
                        "server.port", "0",
                        "server.host", "127.0.0.1",
                        "db.connection.url", url(name),
                        "db.connection.username", "postgres",
                        "db.pool-size", "6")))
                .addSource(ConfigSources.classpath("application.yaml"))
                .disableEnvironmentVariablesSource()
                .build();
        ImportsApp started = new ImportsApp(Main.start(config), name);
        String hash = PasswordHasher.hash(TestApp.PASSWORD);
        started.sql("INSERT INTO users (username, display_name, role, password_hash) VALUES "
                + "('i-tech', 'Camille Technicienne', 'TECHNICIAN', '" + hash + "'), "
                + "('i-coord', 'Dominique Coordination', 'COORDINATOR', '" + hash + "')");
        return started;
    }

    public MachineImportService service() {
        return new MachineImportService(app.database(), Clock.systemDefaultZone(), ImportLimits.DEFAULT);
    }

    public User technician() {
        return new User(count("SELECT id FROM users WHERE username = 'i-tech'"), "i-tech", "Camille Technicienne",
                Role.TECHNICIAN, true, null);
    }

    public long count(String query) {
        try (Connection c = connection(); var st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SQL run from outside, as psql would; returns once this instance has heard the change notices. */
    public void sql(String statement) {
        exec(url(database), statement);
        try {
            app.feature(InventoryFeature.class).catchUp(Duration.ofSeconds(10));
        } catch (TimeoutException e) {
            throw new IllegalStateException("the service did not hear PostgreSQL's notices", e);
        }
    }

    public Connection connection() throws SQLException {
        return DriverManager.getConnection(url(database), "postgres", "");
    }

    public String token(String username) {
        HttpResponse<String> r = post("/api/v1/auth/token", null,
                "{\"username\":\"" + username + "\",\"password\":\"" + TestApp.PASSWORD + "\"}");
        if (r.statusCode() != 201) {
            throw new IllegalStateException("token: " + r.statusCode() + " " + r.body());
        }
        return json(r.body()).getString("token");
    }

    public HttpResponse<String> get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    public HttpResponse<String> post(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.server().port() + path))
                .timeout(Duration.ofSeconds(30));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String url(String database) {
        return "jdbc:postgresql://127.0.0.1:5432/" + database;
    }

    private static void exec(String url, String statement) {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); var st = c.createStatement()) {
            st.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        app.stop();
        exec(ADMIN_URL, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
}
