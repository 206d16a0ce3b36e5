package fr.parcsolidaire.platform.sql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches how far a streaming replica trails the primary, once per {@code every}, on two connections of its own
 * (never the pools': a hung replica must not hold a request's connection). The replica is fresh when it has replayed
 * everything the primary had written just before the check, or else when its last replayed transaction is younger
 * than the bound: an idle primary writes nothing, and "last replayed" alone would then look old.
 * The verdict is cached; a check that fails (replica or primary down) makes it stale until a later one succeeds.
 */
final class ReplicaLag implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ReplicaLag.class.getName());
    /** Connecting to or asking a replica that hangs gives up after this long: the next check tries again. */
    private static final int TIMEOUT_SECONDS = 2;

    private final DatabaseCoordinates primary;
    private final DatabaseCoordinates replica;
    private final Duration maxLag;
    private final Duration every;
    private final Thread thread;
    private volatile boolean fresh;
    private volatile long lagMillis = -1;
    private volatile boolean running = true;
    private Connection toPrimary;
    private Connection toReplica;
    private boolean warned;

    ReplicaLag(DatabaseCoordinates primary, DatabaseCoordinates replica, Duration maxLag, Duration every) {
        this.primary = primary;
        this.replica = replica;
        this.maxLag = maxLag;
        this.every = every;
        this.thread = Thread.ofPlatform().daemon().name("replica-lag").unstarted(this::run);
    }

    ReplicaLag start() {
        check();
        thread.start();
        return this;
    }

    /** Whether reports may read the replica now. */
    boolean fresh() {
        return fresh;
    }

    /** The lag of the last successful check in milliseconds, -1 when it failed. */
    long lagMillis() {
        return lagMillis;
    }

    /** A report query just failed on the replica: trust it no more until the next check says otherwise. */
    void lost() {
        fresh = false;
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            check();
        }
    }

    /** One check; synchronized with {@link #close} only through the fields of this thread. */
    synchronized void check() {
        try {
            String primaryLsn = single(primary(), "SELECT pg_current_wal_lsn()::text");
            Connection r = replica();
            long lag;
            try (Statement st = r.createStatement();
                 var rs = st.executeQuery("SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn() >= '" + primaryLsn.replace("'", "")
                         + "'::pg_lsn, (extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000)::bigint")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    // Promoted, or not a replica at all: its data may have diverged from the primary's.
                    lag = Long.MAX_VALUE;
                } else if (rs.getBoolean(2)) {
                    lag = 0;
                } else {
                    long sinceReplay = rs.getLong(3);
                    lag = rs.wasNull() ? Long.MAX_VALUE : sinceReplay;
                }
            }
            lagMillis = lag;
            fresh = lag <= maxLag.toMillis();
            if (warned) {
                LOG.info("Réplique de lecture de nouveau joignable (retard " + lag + " ms).");
                warned = false;
            }
        } catch (SQLException e) {
            fresh = false;
            lagMillis = -1;
            closeQuietly();
            if (!warned) {
                LOG.log(Level.WARNING, "Réplique de lecture injoignable ou primaire injoignable, les rapports lisent le primaire : "
                        + replica.redact(primary.redact(String.valueOf(e.getMessage()))));
                warned = true;
            }
        }
    }

    private Connection primary() throws SQLException {
        if (toPrimary == null) {
            toPrimary = connect(primary);
        }
        return toPrimary;
    }

    private Connection replica() throws SQLException {
        if (toReplica == null) {
            toReplica = connect(replica);
        }
        return toReplica;
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Connection connect(DatabaseCoordinates where) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", where.user());
        if (where.password() != null) {
            props.setProperty("password", where.password());
        }
        props.setProperty("connectTimeout", Integer.toString(TIMEOUT_SECONDS));
        props.setProperty("socketTimeout", Integer.toString(TIMEOUT_SECONDS));
        props.setProperty("ApplicationName", "parc-replica-lag");
        return DriverManager.getConnection(where.url(), props);
    }

    private void closeQuietly() {
        for (Connection c : new Connection[] {toPrimary, toReplica}) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // already gone
                }
            }
        }
        toPrimary = null;
        toReplica = null;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        synchronized (this) {
            closeQuietly();
        }
    }
}
