package fr.parcsolidaire.acceptance;

import fr.parcsolidaire.Main;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.Server;
import fr.parcsolidaire.platform.security.PasswordHasher;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A second, private instance of the service for tests that must stop it, cut its database, tune its
 * settings or run it on a restored dump, without disturbing the shared {@link TestApp}.
 */
final class ScratchApp implements AutoCloseable {

    static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    static final String ADMIN_USER = "t-scratch-admin";

    private final Server.Running app;
    private final String database;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private boolean stopped;

    private ScratchApp(Server.Running app, String database) {
        this.app = app;
        this.database = database;
    }

    /** Creates an empty database on the local server and returns its name. */
    static String createDatabase() {
        String name = "parc_scratch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        sql(ADMIN_URL, "CREATE DATABASE " + name);
        return name;
    }

    static String url(String database) {
        return "jdbc:postgresql://127.0.0.1:5432/" + database;
    }

    static void dropDatabase(String name) {
        sql(ADMIN_URL, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** Starts on a fresh database of its own, with an administrator {@link #ADMIN_USER}. */
    static ScratchApp fresh(Map<String, String> settings) {
        String name = createDatabase();
        ScratchApp app = start(url(name), name, settings);
        sql(url(name), "INSERT INTO users (username, display_name, role, password_hash) VALUES ('" + ADMIN_USER
                + "', 'Admin', 'ADMIN', '" + PasswordHasher.hash(TestApp.PASSWORD) + "')");
        return app;
    }

    /** Starts on the given JDBC URL; the database named (if any) is dropped on close. */
    static ScratchApp start(String jdbcUrl, String ownedDatabase, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of(
                "server.port", "0",
                "server.host", "127.0.0.1",
                "db.connection.url", jdbcUrl,
                "db.connection.username", "postgres",
                "db.pool-size", "4"));
        all.putAll(settings);
        Config config = Config.builder()
                .addSource(ConfigSources.create(all))
                .addSource(ConfigSources.classpath("application.yaml"))
                .disableEnvironmentVariablesSource()
                .build();
        return new ScratchApp(Main.start(config), ownedDatabase);
    }

    Server.Running app() {
        return app;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + app.server().port();
    }

    HttpResponse<String> get(String path, String bearer) {
        HttpRequest.Builder b = request(path);
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b.GET().build());
    }

    HttpResponse<String> postJson(String path, String json, String bearer) {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/json");
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b.POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A bearer token of a user of this instance. */
    String token(String username) {
        HttpResponse<String> r = postJson("/api/v1/auth/token",
                "{\"username\":\"" + username + "\",\"password\":\"" + TestApp.PASSWORD + "\"}", null);
        if (r.statusCode() != 201) {
            throw new IllegalStateException("token: " + r.statusCode() + " " + r.body());
        }
        return fr.parcsolidaire.Http.json(r).getString("token");
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30));
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void stop() {
        if (!stopped) {
            stopped = true;
            app.stop();
        }
    }

    @Override
    public void close() {
        stop();
        if (database != null) {
            dropDatabase(database);
        }
    }

    static void sql(String url, String statement) {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); var st = c.createStatement()) {
            st.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + ": " + e.getMessage(), e);
        }
    }

    static long count(String url, String query) {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             var st = c.createStatement(); var rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
