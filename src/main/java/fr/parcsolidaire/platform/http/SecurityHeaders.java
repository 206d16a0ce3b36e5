package fr.parcsolidaire.platform.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
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
    // Whole headers built once, their bytes cached (createCached): every response of the service carries them, and
    // building them per request (a header object and the 200-byte policy encoded again) was part of each scan's garbage.
    private static final Header CSP = HeaderValues.createCached("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    private static final Header NOSNIFF = HeaderValues.X_CONTENT_TYPE_OPTIONS_NOSNIFF;
    private static final Header REFERRER = HeaderValues.createCached("Referrer-Policy", "same-origin");
    private static final Header FRAME = HeaderValues.createCached("X-Frame-Options", "DENY");
    private static final Header NO_STORE = HeaderValues.createCached(HeaderNames.CACHE_CONTROL, "no-store");
    private static final Header HSTS = HeaderValues.createCached("Strict-Transport-Security", "max-age=31536000");

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
        res.header(CSP);
        res.header(NOSNIFF);
        res.header(REFERRER);
        res.header(FRAME);
        // Static files may be cached; everything else can carry personal data or a CSRF token.
        if (!req.path().path().startsWith("/static/")) {
            res.header(NO_STORE);
        }
        if (alwaysHsts || isHttps(req)) {
            res.header(HSTS);
        }
    }

    /** Behind a TLS-terminating proxy the request arrives in clear; the proxy says so in X-Forwarded-Proto. */
    public static boolean isHttps(ServerRequest req) {
        return req.isSecure() || req.headers().first(HeaderNames.X_FORWARDED_PROTO).map("https"::equalsIgnoreCase).orElse(false);
    }
}
