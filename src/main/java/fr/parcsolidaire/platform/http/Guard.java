package fr.parcsolidaire.platform.http;

import fr.parcsolidaire.platform.security.Authenticator;
import fr.parcsolidaire.platform.security.Permission;
import fr.parcsolidaire.platform.security.Principal;
import fr.parcsolidaire.platform.security.TokenSource;
import io.helidon.common.media.type.MediaTypes;
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
    private final FormLimits limits;
    private final List<Route> routes = new ArrayList<>();

    public Guard(Authenticator authenticator, FormLimits limits) {
        this.authenticator = authenticator;
        this.limits = limits;
    }

    /** Bearer tokens a feature issues for one task, narrowed by their scope (see {@link TokenSource}). */
    public void acceptTokens(TokenSource source) {
        authenticator.accept(source);
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
            return add(Method.GET, path, permission, limits.formBytes(), action);
        }

        public Rules post(String path, Permission permission, Action action) {
            return add(Method.POST, path, permission, limits.formBytes(), action);
        }

        /**
         * A page for anyone, signed in or not (who is, if anyone, is handed over for the page's navigation). It is
         * not listed among the protected routes the role-matrix test walks.
         */
        public Rules getForAnyone(String path, Action action) {
            rules.get(path, (req, res) -> CurrentRequest.during(req,
                    () -> action.handle(req, res, authenticator.authenticate(req).orElse(null))));
            return this;
        }

        /**
         * A form that sends a file ({@code multipart/form-data}, read by {@link Multipart} up to {@code maxBytes}, its
         * CSRF field checked like any form's); a script may still send the file as the raw body with the CSRF header.
         */
        public Rules postUpload(String path, Permission permission, long maxBytes, Action action) {
            return add(Method.POST, path, permission, maxBytes, action);
        }

        /** A form that legitimately carries more than most: capped at {@code app.limits.large-form-bytes}. */
        public Rules postLargeForm(String path, Permission permission, Action action) {
            return add(Method.POST, path, permission, limits.largeFormBytes(), action);
        }

        private Rules add(Method method, String path, Permission permission, long formBytes, Action action) {
            routes.add(new Route(method.text(), path, permission));
            rules.route(method, path, protect(permission, formBytes, action));
            return this;
        }
    }

    private Handler protect(Permission permission, long formBytes, Action action) {
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
            if (who.scope() != null && !who.scope().allows(req.prologue().method().text(), req.path().rawPath())) {
                throw new HttpProblem(Status.FORBIDDEN_403, "forbidden", who.scope().refusal(), Map.of());
            }
            if (req.prologue().method() != Method.GET && !who.bearer()) {
                checkCsrf(req, who, formBytes);
            }
            if (isApi(req)) {
                // JSON renders no navigation: the scan's API read skips the current page's facts (a thread-local map
                // created on each request's fresh virtual thread, the query parsed for "saved").
                action.handle(req, res, who);
            } else {
                CurrentRequest.during(req, () -> action.handle(req, res, who));
            }
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

    /**
     * The form of an anonymous page (the login), read like every other: UTF-8 only (415), at most
     * {@code app.limits.form-bytes} (413, checked before reading), parsed in linear time.
     */
    public Form readForm(ServerRequest req) {
        return readForm(req, limits.formBytes());
    }

    private Form readForm(ServerRequest req, long maxBytes) {
        RequestBody.requireUtf8(req);
        byte[] body = RequestBody.read(req, maxBytes,
                "Le formulaire est trop volumineux (" + RequestBody.size(maxBytes) + " au plus) : raccourcissez les textes saisis.");
        return new Form(UrlEncoded.parse(body, limits.fields()));
    }

    public static boolean isForm(ServerRequest req) {
        return RequestBody.contentType(req)
                .map(ct -> ct.mediaType().equals(MediaTypes.APPLICATION_FORM_URLENCODED))
                .orElse(false);
    }

    private void checkCsrf(ServerRequest req, Principal who, long formBytes) {
        String sent;
        if (isForm(req)) {
            Form form = readForm(req, formBytes);
            req.context().register(form);
            sent = Optional.ofNullable(form.get(CSRF_FIELD)).orElse("");
        } else if (RequestBody.contentType(req).map(Multipart::isMultipart).orElse(false)) {
            Multipart parts = Multipart.read(req, formBytes);
            req.context().register(parts);
            sent = Optional.ofNullable(parts.field(CSRF_FIELD)).orElse("");
        } else {
            sent = req.headers().first(HeaderNames.create(CSRF_HEADER)).orElse("");
        }
        if (!MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), who.csrfToken().getBytes(StandardCharsets.UTF_8))) {
            throw new HttpProblem(Status.FORBIDDEN_403, "csrf",
                    "Le formulaire a expiré ou ne vient pas de cette application. Rechargez la page et recommencez.", Map.of());
        }
    }
}
