package fr.parcsolidaire.platform.http;

import io.helidon.common.uri.UriInfo;
import io.helidon.webserver.http.ServerRequest;

/**
 * The service's public address, the one printed on labels and documents: {@code BASE_URL} (or
 * {@code app.base-url}) when set, the address behind a proxy; else the address the person is using right now,
 * so that a phone on the same network reaches what it scans; else, with no request at hand (data written at
 * start-up), {@code http://localhost:{port}}. Read once at start-up; features build their own paths on it.
 */
public final class PublicUrls {

    private final String configured;
    private final int port;

    /** @param configured the configured base URL, blank for none */
    public PublicUrls(String configured, int port) {
        this.configured = configured == null || configured.isBlank() ? null : withoutSlash(configured.strip());
        this.port = port;
    }

    /** The base URL, without a trailing slash, for what is printed while serving {@code req}. */
    public String base(ServerRequest req) {
        if (configured != null) {
            return configured;
        }
        UriInfo uri = req.requestedUri();
        boolean defaultPort = uri.port() == ("https".equals(uri.scheme()) ? 443 : 80);
        return uri.scheme() + "://" + uri.host() + (defaultPort ? "" : ":" + uri.port());
    }

    /** The base URL for what is printed outside any request (start-up). */
    public String base() {
        return configured != null ? configured : "http://localhost:" + port;
    }

    private static String withoutSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
