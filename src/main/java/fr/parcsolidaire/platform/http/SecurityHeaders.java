package fr.parcsolidaire.platform.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderName;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Headers that make the browser refuse what the service never does: inline or foreign scripts,
 * being framed, sniffing a type, leaking the URL to other sites. Set on every response (pages, API,
 * static files, errors) by a routing filter; the error pages set them again because an error handler
 * may start the response afresh.
 */
public final class SecurityHeaders {

    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final HeaderName CSP = HeaderNames.create("Content-Security-Policy");
    private static final HeaderName NOSNIFF = HeaderNames.create("X-Content-Type-Options");
    private static final HeaderName REFERRER = HeaderNames.create("Referrer-Policy");
    private static final HeaderName FRAME = HeaderNames.create("X-Frame-Options");
    private static final HeaderName HSTS = HeaderNames.create("Strict-Transport-Security");

    private final boolean alwaysHsts;

    /** @param alwaysHsts send HSTS on every response (the service is only ever reached over HTTPS), not only on TLS requests */
    public SecurityHeaders(boolean alwaysHsts) {
        this.alwaysHsts = alwaysHsts;
    }

    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        apply(req, res);
        chain.proceed();
    }

    public void apply(ServerRequest req, ServerResponse res) {
        res.header(CSP, CONTENT_SECURITY_POLICY);
        res.header(NOSNIFF, "nosniff");
        res.header(REFERRER, "same-origin");
        res.header(FRAME, "DENY");
        // Static files may be cached; everything else can carry personal data or a CSRF token.
        if (!req.path().path().startsWith("/static/")) {
            res.header(HeaderNames.CACHE_CONTROL, "no-store");
        }
        if (alwaysHsts || isHttps(req)) {
            res.header(HSTS, "max-age=31536000");
        }
    }

    /** Behind a TLS-terminating proxy the request arrives in clear; the proxy says so in X-Forwarded-Proto. */
    public static boolean isHttps(ServerRequest req) {
        return req.isSecure() || req.headers().first(HeaderNames.X_FORWARDED_PROTO).map("https"::equalsIgnoreCase).orElse(false);
    }
}
