package fr.parcsolidaire.db;

import io.helidon.dbclient.DbClient;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Is PostgreSQL answering? Runs the {@code health-check} statement through the pool, waiting at most two seconds
 * (in place of helidon-dbclient-health's DbClientHealthCheck, which the project's Maven mirror lacks at 4.5).
 */
public final class DatabaseHealthCheck implements HealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final DbClient client;

    public DatabaseHealthCheck(Database database) {
        this.client = database.client();
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public HealthCheckResponse call() {
        FutureTask<?> query = new FutureTask<>(() -> client.execute().createNamedGet("health-check").execute());
        Thread.ofVirtual().name("health-check").start(query);
        try {
            query.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return HealthCheckResponse.builder().status(true).build();
        } catch (TimeoutException e) {
            query.cancel(true);
            return down("La base de données n'a pas répondu en " + TIMEOUT.toSeconds() + " secondes.");
        } catch (ExecutionException e) {
            return down("La base de données est injoignable ou a refusé la connexion.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("La vérification de la base de données a été interrompue.");
        }
    }

    private static HealthCheckResponse down(String message) {
        return HealthCheckResponse.builder().status(false).detail("message", message).build();
    }
}
