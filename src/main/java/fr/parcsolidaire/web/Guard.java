package fr.parcsolidaire.web;

import fr.parcsolidaire.auth.Authenticator;
import fr.parcsolidaire.auth.Permission;
import fr.parcsolidaire.auth.Principal;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every route of the service is registered through here: it authenticates the caller,
 * checks the permission the route declares and, for browser sessions, the CSRF token of
 * every state-changing request. The routes it registered are listed for the role-matrix test.
 */
public final class Guard {

    public static final String CSRF_FIELD = "_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final Authenticator authenticator;
    private final List<Route> routes = new ArrayList<>();

    public Guard(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    public Rules on(HttpRules rules) {
        return new Rules(rules);
    }

    public static boolean isApi(ServerRequest req) {
        return req.path().path().startsWith("/api/");
    }

    /** Fluent registration of protected routes on one service's rules. */
    public final class Rules {
        private final HttpRules rules;

        private Rules(HttpRules rules) {
            this.rules = rules;
        }

        public Rules get(String path, Permission permission, Action action) {
            return add(Method.GET, path, permission, action);
        }

        public Rules post(String path, Permission permission, Action action) {
            return add(Method.POST, path, permission, action);
        }

        private Rules add(Method method, String path, Permission permission, Action action) {
            routes.add(new Route(method.text(), path, permission));
            rules.route(method, path, protect(permission, action));
            return this;
        }
    }

    private Handler protect(Permission permission, Action action) {
        return (req, res) -> {
            Optional<Principal> principal = authenticator.authenticate(req);
            if (principal.isEmpty()) {
                refuseAnonymous(req, res);
                return;
            }
            Principal who = principal.get();
            if (!who.user().can(permission)) {
                throw HttpProblem.forbidden();
            }
            if (req.prologue().method() != Method.GET && !who.bearer()) {
                checkCsrf(req, who);
            }
            action.handle(req, res, who);
        };
    }

    private static void refuseAnonymous(ServerRequest req, ServerResponse res) {
        if (isApi(req)) {
            throw new HttpProblem(Status.UNAUTHORIZED_401, "unauthorized",
                    "Authentification requise : connectez-vous ou fournissez un jeton.", Map.of());
        }
        String query = req.query().rawValue();
        String next = req.prologue().method() == Method.GET
                ? req.path().rawPath() + (query.isEmpty() ? "" : "?" + query) : "/";
        res.status(Status.SEE_OTHER_303)
                .header(HeaderNames.LOCATION, "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8))
                .send();
    }

    private static void checkCsrf(ServerRequest req, Principal who) {
        String sent;
        boolean form = req.headers().contentType()
                .map(ct -> ct.mediaType().equals(MediaTypes.APPLICATION_FORM_URLENCODED))
                .orElse(false);
        if (form) {
            Parameters parameters = req.content().as(Parameters.class);
            req.context().register(new Form(parameters));
            sent = parameters.first(CSRF_FIELD).orElse("");
        } else {
            sent = req.headers().first(HeaderNames.create(CSRF_HEADER)).orElse("");
        }
        if (!MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), who.csrfToken().getBytes(StandardCharsets.UTF_8))) {
            throw new HttpProblem(Status.FORBIDDEN_403, "csrf",
                    "Le formulaire a expiré ou ne vient pas de cette application. Rechargez la page et recommencez.", Map.of());
        }
    }
}
