package fr.parcsolidaire.platform.http;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;

/**
 * {@code GET /health} for anyone (load balancers, the smoke test): {@code {"status":"UP"}} with 200 or
 * {@code {"status":"DOWN"}} with 503, nothing more. Why a check is down can quote the database's own words;
 * that is for the management port only (docs/operations.md).
 */
public final class PublicHealth implements Handler {

    private final List<HealthCheck> checks;

    public PublicHealth(List<HealthCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        boolean up = checks.stream().allMatch(PublicHealth::up);
        res.status(up ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503);
        res.headers().contentType(MediaTypes.APPLICATION_JSON);
        res.send(up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
    }

    private static boolean up(HealthCheck check) {
        try {
            return check.call().status() == HealthCheckResponse.Status.UP;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
