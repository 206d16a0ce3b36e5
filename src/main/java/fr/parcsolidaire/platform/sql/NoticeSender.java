package fr.parcsolidaire.platform.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the change notices that writers queued in change_notices instead of NOTIFYing inside their own transaction
 * (V34): a NOTIFY serialises the commits of every transaction that sends one, so many commits share one here.
 * Woken after each commit of this instance's pool ({@link #wake}), and every {@link #PERIOD_MILLIS} in any case, for
 * writes outside {@link Database#inTransaction} and for notices another instance queued and could not send (killed
 * between its commit and its drain): every instance drains every row, each row once (V34's send_change_notices).
 * Its own connection, outside the pool, so that a busy pool never holds notices back.
 */
final class NoticeSender implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(NoticeSender.class.getName());
    /** The longest a queued notice waits when nothing wakes the sender. */
    static final long PERIOD_MILLIS = 100;
    /**
     * Drains are at least this far apart: under a stream of commits one drain carries the notices of all the
     * commits of the last few milliseconds, and the drains stay a small share of the commits.
     */
    private static final long GAP_MILLIS = 5;
    /** As many rows as send_change_notices takes at most by default: more may be waiting. */
    private static final int FULL_DRAIN = 5000;

    private final DatabaseCoordinates coordinates;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;
    private boolean warned;

    NoticeSender(DatabaseCoordinates coordinates) {
        this.coordinates = coordinates;
        this.thread = Thread.ofPlatform().daemon().name("send-change-notices").unstarted(this::run);
    }

    NoticeSender start() {
        thread.start();
        return this;
    }

    /** A commit may have queued notices: drain soon. Costs an unpark, whatever the rate of commits. */
    void wake() {
        LockSupport.unpark(thread);
    }

    private void run() {
        while (running) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS));
            if (!running) {
                break;
            }
            while (running && drainOnce() >= FULL_DRAIN) {
                // a backlog: keep draining without the gap
            }
            sleep(GAP_MILLIS);
        }
    }

    /** One drain transaction; returns how many queued rows it sent, 0 also when PostgreSQL cannot be reached. */
    private int drainOnce() {
        try {
            Connection c = connection;
            if (c == null) {
                c = connect();
                connection = c;
            }
            int sent = drain(c, false);
            if (warned) {
                LOG.info("Envoi des annonces de changements rétabli.");
                warned = false;
            }
            return sent;
        } catch (SQLException e) {
            closeConnection();
            if (running && !warned) {
                LOG.log(Level.WARNING, "Envoi des annonces de changements interrompu, nouvelle tentative sous "
                        + PERIOD_MILLIS + " ms : " + coordinates.redact(e.getMessage()));
                warned = true;
            }
            sleep(PERIOD_MILLIS);
            return 0;
        }
    }

    /**
     * Sends and deletes queued notices in one autocommitted statement on {@code c}. With {@code waitForOthers} it
     * also waits for the rows another drainer holds, so that once it returns every notice queued before the call
     * has been sent (ChangeListener.sync).
     */
    static int drain(Connection c, boolean waitForOthers) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT send_change_notices(" + waitForOthers + ")")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private Connection connect() throws SQLException {
        return coordinates.connectAlone("parc-send-notices");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeConnection() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already broken
            }
        }
    }

    /** Stops, after a last drain so that what this instance committed is not left to the others' next round. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Connection c = connection;
            if (c != null && !c.isClosed()) {
                drain(c, false);
            }
        } catch (SQLException e) {
            LOG.log(Level.FINE, "dernier envoi des annonces impossible ; les autres instances s'en chargent", e);
        } finally {
            closeConnection();
        }
    }
}
