package fr.parcsolidaire.web;

import io.helidon.config.Config;

import java.util.Locale;
import java.util.Optional;

/** The public address of the service, as printed in QR codes: {base-url}/m/{tag}. */
public final class PublicUrls {

    private final String baseUrl;

    public PublicUrls(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** BASE_URL, else app.base-url, else http://localhost:{port}. */
    public static PublicUrls from(Config config, int port) {
        String configured = Optional.ofNullable(System.getenv("BASE_URL")).filter(s -> !s.isBlank())
                .or(() -> config.get("app.base-url").asString().asOptional().filter(s -> !s.isBlank()))
                .orElse("http://localhost:" + port);
        return new PublicUrls(configured);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /**
     * The URL of a machine's page. When the base URL is all upper-case-safe (scheme and host are
     * case-insensitive), it is written in capitals so the QR uses the denser alphanumeric mode.
     */
    public String machine(String tag) {
        return baseUrl + "/m/" + tag;
    }

    public String machineForQr(String tag) {
        String url = machine(tag);
        return url.matches("(?i)https?://[a-z0-9.:-]+/m/[A-Z0-9-]+") ? url.toUpperCase(Locale.ROOT) : url;
    }
}
