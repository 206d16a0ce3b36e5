package fr.parcsolidaire.accounts;

import fr.parcsolidaire.platform.http.Form;
import fr.parcsolidaire.platform.http.Guard;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Pages;
import fr.parcsolidaire.platform.http.RetryLater;
import fr.parcsolidaire.platform.http.SecurityHeaders;
import fr.parcsolidaire.platform.security.Authenticator;
import fr.parcsolidaire.platform.security.Permission;
import fr.parcsolidaire.platform.security.SessionStore;
import fr.parcsolidaire.platform.security.User;
import io.helidon.http.HeaderNames;
import io.helidon.http.SetCookie;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The login and logout pages. Login has no session yet, so its CSRF defence is a double-submit cookie. */
final class LoginPages implements HttpService {

    private static final String LOGIN_CSRF_COOKIE = "ps_login_csrf";

    private final Guard guard;
    private final Pages pages;
    private final AccountService accounts;
    private final SessionStore sessions;
    private final LoginThrottle throttle;

    public LoginPages(Guard guard, Pages pages, AccountService accounts, SessionStore sessions, LoginThrottle throttle) {
        this.guard = guard;
        this.pages = pages;
        this.accounts = accounts;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/login", this::loginPage)
                .post("/login", this::login);
        guard.on(rules).post("/logout", Permission.SIGNED_IN, (req, res, who) -> logout(req, res));
    }

    private void loginPage(ServerRequest req, ServerResponse res) {
        showLogin(req, res, Status.OK_200, safeNext(req.query().first("next").orElse("/")), "", null);
    }

    private void showLogin(ServerRequest req, ServerResponse res, Status status, String next, String username, String error) {
        String csrf = SessionStore.randomToken();
        res.headers().addCookie(SetCookie.builder(LOGIN_CSRF_COOKIE, csrf)
                .path("/login").httpOnly(true).sameSite(SetCookie.SameSite.STRICT)
                .secure(SecurityHeaders.isHttps(req)).build());
        Map<String, Object> params = new HashMap<>();
        params.put("csrf", csrf);
        params.put("next", next);
        params.put("username", username);
        params.put("error", error);
        pages.render(res, status, "accounts/login.jte", params);
    }

    private void login(ServerRequest req, ServerResponse res) {
        if (!Guard.isForm(req)) {
            throw new HttpProblem(Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported_media_type",
                    "La connexion se fait par le formulaire de la page de connexion.", Map.of());
        }
        Form form = guard.readForm(req);
        String next = safeNext(form.get("next"));
        String username = Optional.ofNullable(form.get("username")).orElse("");
        String cookie = req.headers().cookies().first(LOGIN_CSRF_COOKIE).orElse("");
        String sent = Optional.ofNullable(form.get(Guard.CSRF_FIELD)).orElse("");
        if (cookie.isEmpty() || !MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8))) {
            showLogin(req, res, Status.FORBIDDEN_403, next, username,
                    "Le formulaire a expiré. Saisissez à nouveau vos identifiants.");
            return;
        }
        Optional<User> user;
        try {
            user = throttle.attempt(req, username, () -> accounts.login(username, form.get("password")));
        } catch (RetryLater locked) {
            res.header(HeaderNames.RETRY_AFTER, String.valueOf(locked.seconds()));
            showLogin(req, res, locked.status(), next, username, locked.getMessage());
            return;
        }
        if (user.isEmpty()) {
            showLogin(req, res, Status.UNAUTHORIZED_401, next, username, "Identifiant ou mot de passe incorrect.");
            return;
        }
        String token = sessions.open(user.get().id(), SessionStore.Kind.WEB);
        setSessionCookie(req, res, token, sessions.webLifetime());
        res.status(Status.SEE_OTHER_303).header(HeaderNames.LOCATION, next).send();
    }

    private void logout(ServerRequest req, ServerResponse res) {
        Authenticator.sessionCookie(req).ifPresent(sessions::close);
        setSessionCookie(req, res, "", Duration.ZERO);
        Pages.redirect(res, "/login");
    }

    /** Only paths of this site: never "//host" or an absolute URL, which would make the login an open redirect. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.length() > 500 || next.chars().anyMatch(Character::isISOControl)) {
            return "/";
        }
        return next;
    }

    private static void setSessionCookie(ServerRequest req, ServerResponse res, String token, Duration maxAge) {
        res.headers().addCookie(SetCookie.builder(Authenticator.COOKIE, token)
                .path("/")
                .httpOnly(true)
                .sameSite(SetCookie.SameSite.LAX)
                .secure(SecurityHeaders.isHttps(req))
                .maxAge(maxAge)
                .build());
    }
}
