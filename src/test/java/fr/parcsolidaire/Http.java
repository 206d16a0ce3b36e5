package fr.parcsolidaire;

import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A real HTTP client of the test service: either a script with a bearer token, or a browser-like
 * session with cookies that reads the CSRF token off the pages it gets.
 */
public final class Http {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final HttpClient client;
    private final String bearer;
    private String csrf;

    private Http(String base, HttpClient client, String bearer) {
        this.base = base;
        this.client = client;
        this.bearer = bearer;
    }

    public static Http anonymous() {
        return new Http(TestApp.get().baseUrl(), newClient(null), null);
    }

    /** A script holding a bearer token of a user of this role. */
    public static Http api(Role role) {
        Http anon = anonymous();
        HttpResponse<String> r = anon.postJson("/api/v1/auth/token",
                "{\"username\":\"" + TestApp.get().username(role) + "\",\"password\":\"" + TestApp.PASSWORD + "\"}");
        if (r.statusCode() != 201) {
            throw new IllegalStateException("token: " + r.statusCode() + " " + r.body());
        }
        return new Http(anon.base, newClient(null), json(r).getString("token"));
    }

    /** Nobody signed in yet: holds the login page's CSRF cookie, and its token in {@link #csrf()}. */
    public static Http loginForm() {
        Http h = new Http(TestApp.get().baseUrl(), newClient(new CookieManager()), null);
        h.csrf = csrfOf(h.get("/login").body());
        return h;
    }

    /** A browser session of a user of this role, logged in through the login form. */
    public static Http browser(Role role) {
        Http h = new Http(TestApp.get().baseUrl(), newClient(new CookieManager()), null);
        HttpResponse<String> login = h.get("/login");
        h.csrf = csrfOf(login.body());
        HttpResponse<String> r = h.postForm("/login", Map.of("username", TestApp.get().username(role),
                "password", TestApp.PASSWORD, "next", "/"));
        if (r.statusCode() != 303) {
            throw new IllegalStateException("login: " + r.statusCode());
        }
        h.csrf = csrfOf(h.get("/").body());
        return h;
    }

    /** A script holding this bearer token as it is (a workbench token, a made-up one). */
    public static Http apiWithToken(String token) {
        return new Http(TestApp.get().baseUrl(), newClient(null), token);
    }

    /** A script holding a bearer token of any user (password {@link TestApp#PASSWORD}). */
    public static Http apiAs(String username) {
        Http anon = anonymous();
        HttpResponse<String> r = anon.postJson("/api/v1/auth/token",
                "{\"username\":\"" + username + "\",\"password\":\"" + TestApp.PASSWORD + "\"}");
        if (r.statusCode() != 201) {
            throw new IllegalStateException("token: " + r.statusCode() + " " + r.body());
        }
        return new Http(anon.base, newClient(null), json(r).getString("token"));
    }

    /** A browser session of any user (password {@link TestApp#PASSWORD}). */
    public static Http browserAs(String username) {
        Http h = new Http(TestApp.get().baseUrl(), newClient(new CookieManager()), null);
        h.csrf = csrfOf(h.get("/login").body());
        HttpResponse<String> r = h.postForm("/login", Map.of("username", username, "password", TestApp.PASSWORD, "next", "/"));
        if (r.statusCode() != 303) {
            throw new IllegalStateException("login: " + r.statusCode());
        }
        h.csrf = csrfOf(h.get("/").body());
        return h;
    }

    /**
     * The same caller (token, cookies, CSRF token) talking to another instance of the service on the same database:
     * sessions live in the database, so the other instance knows them.
     */
    public Http on(String otherBaseUrl) {
        Http h = new Http(otherBaseUrl, client, bearer);
        h.csrf = csrf;
        return h;
    }

    private static HttpClient newClient(CookieManager cookies) {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER);
        if (cookies != null) {
            b.cookieHandler(cookies);
        }
        return b.build();
    }

    public String csrf() {
        return csrf;
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    public HttpResponse<byte[]> getBytes(String path) {
        try {
            HttpRequest request = request(path).GET().build();
            return checked(request, client.send(request, HttpResponse.BodyHandlers.ofByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> postJson(String path, JsonValue json) {
        return postJson(path, json.toString());
    }

    /** Posts a form with this session's CSRF token added. */
    public HttpResponse<String> postForm(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (csrf != null && !all.containsKey("_csrf")) {
            all.put("_csrf", csrf);
        }
        return postRawForm(path, all);
    }

    public HttpResponse<String> postRawForm(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return b;
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return checked(request, client.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Any body type (a PDF, an image) through this session's cookies. */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return checked(request, client.send(request, handler));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every answer of the API is held to its OpenAPI document (ApiContract): a mismatch fails the calling test. */
    private static <T> HttpResponse<T> checked(HttpRequest request, HttpResponse<T> response) {
        ApiContract.check(request, response);
        return response;
    }

    public static JsonObject json(HttpResponse<String> r) {
        try (var reader = Json.createReader(new StringReader(r.body()))) {
            return reader.readObject();
        }
    }

    public static String csrfOf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token in page");
        }
        return m.group(1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
