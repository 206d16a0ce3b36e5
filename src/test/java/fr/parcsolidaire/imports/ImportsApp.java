package fr.parcsolidaire.imports;

import fr.parcsolidaire.ApiContract;
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

    /** Starts on a fresh database with two technicians "i-tech" and "i-tech2" and a coordinator "i-coord". */
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
                + "('i-tech2', 'Sacha Atelier', 'TECHNICIAN', '" + hash + "'), "
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

    public String baseUrl() {
        return "http://127.0.0.1:" + app.server().port();
    }

    /** A file as the raw body, as curl --data-binary sends it; the answer is held to the OpenAPI document. */
    public HttpResponse<String> postFile(String path, String token, byte[] file, String contentType) {
        return send(request(path, token).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(file)).build());
    }

    /** A person signed in through the login form, with the session cookie and the page's CSRF token. */
    public Session session(String username) {
        return new Session(username);
    }

    /** A browser session on this instance: its cookie, the CSRF token of the last page read. */
    public final class Session {

        private final HttpClient browser = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).cookieHandler(new java.net.CookieManager()).build();
        private String csrf;

        private Session(String username) {
            csrf = csrfOf(get("/login").body());
            HttpResponse<String> r = postForm("/login", Map.of("username", username, "password", TestApp.PASSWORD, "next", "/"));
            if (r.statusCode() != 303) {
                throw new IllegalStateException("login: " + r.statusCode());
            }
            csrf = csrfOf(get("/").body());
        }

        public HttpResponse<String> get(String path) {
            return call(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(60)).GET().build());
        }

        public HttpResponse<String> postForm(String path, Map<String, String> fields) {
            StringBuilder body = new StringBuilder();
            Map<String, String> all = new java.util.LinkedHashMap<>(fields);
            all.putIfAbsent("_csrf", csrf);
            all.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
            return call(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        }

        /** What app.js sends: the file as the body, its name URL-encoded in X-File-Name, the CSRF token in a header. */
        public HttpResponse<String> upload(String path, String fileName, byte[] file) {
            return call(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/octet-stream").header("X-CSRF-Token", csrf)
                    .header("X-File-Name", enc(fileName).replace("+", "%20"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(file)).build());
        }

        private HttpResponse<String> call(HttpRequest request) {
            try {
                return browser.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static String enc(String s) {
            return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    public static String csrfOf(String html) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token in page");
        }
        return m.group(1);
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
                .timeout(Duration.ofSeconds(60));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            ApiContract.check(request, response);
            return response;
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
