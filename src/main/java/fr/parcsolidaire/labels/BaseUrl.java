package fr.parcsolidaire.labels;

import io.helidon.common.uri.UriInfo;
import io.helidon.config.Config;
import io.helidon.webserver.http.ServerRequest;

import java.util.Optional;

/**
 * The address printed in QR codes: BASE_URL or app.base-url when set (the public address behind a proxy),
 * else the address the technician is using right now, so a phone on the same network lands on the machine.
 */
public final class BaseUrl {

    private final String configured;

    public BaseUrl(Config config) {
        this.configured = Optional.ofNullable(System.getenv("BASE_URL")).filter(s -> !s.isBlank())
                .or(() -> config.get("app.base-url").asString().asOptional().filter(s -> !s.isBlank()))
                .orElse(null);
    }

    public String of(ServerRequest req) {
        if (configured != null) {
            return configured;
        }
        UriInfo uri = req.requestedUri();
        boolean defaultPort = uri.port() == ("https".equals(uri.scheme()) ? 443 : 80);
        return uri.scheme() + "://" + uri.host() + (defaultPort ? "" : ":" + uri.port());
    }
}
