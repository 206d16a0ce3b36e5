package fr.parcsolidaire.platform.sql;

import io.helidon.dbclient.DbClient;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Is PostgreSQL answering? Runs the {@code health-check} statement through the pool, waiting at most two seconds
 * (in place of helidon-dbclient-health's DbClientHealthCheck, which the project's Maven mirror lacks at 4.5).
 * When it is not, the details say why in French, with the driver's own words redacted: they may quote the URL.
 * Only the management port shows them (Main); the public /health says UP or DOWN.
 */
public final class DatabaseHealthCheck implements HealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final DbClient client;
    private final DatabaseCoordinates coordinates;

    public DatabaseHealthCheck(Database database) {
        this.client = database.client();
        this.coordinates = database.coordinates();
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
            return down("La base de données n'a pas répondu en " + TIMEOUT.toSeconds() + " secondes.", null);
        } catch (ExecutionException e) {
            return down("La base de données est injoignable ou a refusé la connexion.", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("La vérification de la base de données a été interrompue.", null);
        }
    }

    private HealthCheckResponse down(String message, Throwable cause) {
        HealthCheckResponse.Builder response = HealthCheckResponse.builder().status(false).detail("message", message);
        SQLException sql = deepestSqlException(cause);
        if (sql != null) {
            if (sql.getSQLState() != null) {
                response.detail("etatSql", sql.getSQLState());
            }
            // The driver's words (English) for the operator; never the password.
            response.detail("detailTechnique", coordinates.redact(sql.getMessage()));
        }
        return response.build();
    }

    /** The driver's exception under the pool's and Helidon's wrappers: the one that says what happened. */
    private static SQLException deepestSqlException(Throwable error) {
        SQLException found = null;
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                found = sql;
            }
        }
        return found;
    }
}
