package fr.parcsolidaire.platform.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.jdbc.CloseableJdbcConnectionPool;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * HikariCP under Helidon's JDBC client, handed to {@code JdbcClientBuilder.connectionPool}; the client closes it
 * when it is closed. This is what helidon-dbclient-hikari does, which the project's Maven mirror lacks at 4.5.
 */
final class HikariPool implements CloseableJdbcConnectionPool {

    private final HikariDataSource dataSource;
    private final CommitReads commitReads;

    private HikariPool(HikariDataSource dataSource, CommitReads commitReads) {
        this.dataSource = dataSource;
        this.commitReads = commitReads;
    }

    /**
     * A pool of at most {@code size} connections. While PostgreSQL is unreachable a request waits
     * {@code connectionTimeout} for one, then fails with Hikari's SQLTransientConnectionException (a French 503).
     * Its connections' commits also read {@code commitReads}' settings.
     */
    static HikariPool open(DatabaseCoordinates coordinates, int size, Duration connectionTimeout, CommitReads commitReads) {
        return open(coordinates, size, connectionTimeout, "parc", commitReads);
    }

    /** A pool of its own name (the replica's is "parc-replica"), as Hikari's logs and metrics show it. */
    static HikariPool open(DatabaseCoordinates coordinates, int size, Duration connectionTimeout, String name,
                           CommitReads commitReads) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(coordinates.url());
        config.setUsername(coordinates.user());
        config.setPassword(coordinates.password());
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(connectionTimeout.toMillis());
        // Inside a transaction the driver then reads large results by batches through a cursor:
        // report exports stream in constant memory instead of loading every row first.
        config.addDataSourceProperty("defaultRowFetchSize", "1000");
        // The change notices of the pool's writes are queued and sent by the instance's NoticeSender (V34), not
        // NOTIFYed at each commit. A SET rather than a startup option, which poolers such as PgBouncer refuse.
        config.setConnectionInitSql("SET parc.deferred_notices = on");
        if (!name.equals("parc")) {
            // A replica down at start-up must not stop the service from starting: its pool then opens lazily.
            config.setInitializationFailTimeout(-1);
        }
        return new HikariPool(new HikariDataSource(config), commitReads);
    }

    @Override
    public Connection connection() {
        try {
            return commitReads.wrap(dataSource.getConnection());
        } catch (SQLException e) {
            // Helidon's own pools wrap the same way; DatabaseErrors finds the SQLException among the causes.
            throw new DbClientException("Aucune connexion à la base de données n'a pu être obtenue.", e);
        }
    }

    @Override
    public String dbType() {
        return "postgresql";
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
