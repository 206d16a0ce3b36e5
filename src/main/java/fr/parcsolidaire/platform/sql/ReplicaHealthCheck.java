package fr.parcsolidaire.platform.sql;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/**
 * Where report queries read, for the operators (management port only): always UP, since a replica that is late or
 * gone only sends the reports to the primary; the details say which one and the replica's last measured lag.
 */
public final class ReplicaHealthCheck implements HealthCheck {

    private final Database database;
    private final boolean configured;

    public ReplicaHealthCheck(Database database, boolean configured) {
        this.database = database;
        this.configured = configured;
    }

    @Override
    public String name() {
        return "replica";
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponse.Builder response = HealthCheckResponse.builder().status(true);
        if (!configured) {
            return response.detail("rapports", "primaire (aucune réplique configurée)").build();
        }
        long lag = database.replicaLagMillis();
        return response.detail("rapports", database.readingReplica() ? "réplique" : "primaire")
                .detail("retardMs", lag < 0 ? "réplique injoignable" : Long.toString(lag)).build();
    }
}
