package fr.parcsolidaire.platform.sql;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Listens to one PostgreSQL notification channel on a connection of its own (LISTEN cannot share the pool:
 * a pooled connection changes hands between requests). Each payload goes to {@code onNotice}. Notices sent
 * while the connection was down are lost, so {@code onGap} runs whenever the connection is lost and again
 * once it listens anew; in between {@link #listening()} is false and callers must not trust what they kept.
 */
public final class ChangeListener implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChangeListener.class.getName());
    private static final String SYNC_PREFIX = "sync:";
    /** A silent connection is checked this often, so a dead one is noticed within seconds. */
    private static final int IDLE_CHECK_MILLIS = 5_000;
    private static final long RETRY_MILLIS = 1_000;

    private final DatabaseCoordinates coordinates;
    private final String channel;
    private final Consumer<String> onNotice;
    private final Runnable onGap;
    private final Map<String, CompletableFuture<Void>> syncs = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean listening;
    private volatile boolean running = true;
    private volatile Connection connection;
    private boolean warned;
    /** Sends the sync tokens ({@link #sync}); one at a time, a JDBC connection is not shared between threads. */
    private final ReentrantLock syncLock = new ReentrantLock();
    /** Guarded by syncLock; opened at the first sync. */
    private Connection syncConnection;

    public ChangeListener(DatabaseCoordinates coordinates, String channel, Consumer<String> onNotice, Runnable onGap) {
        if (!channel.matches("[a-z_]+")) {
            throw new IllegalArgumentException("channel " + channel);
        }
        this.coordinates = coordinates;
        this.channel = channel;
        this.onNotice = onNotice;
        this.onGap = onGap;
        this.thread = Thread.ofPlatform().daemon().name("listen-" + channel).unstarted(this::run);
    }

    public ChangeListener start() {
        thread.start();
        return this;
    }

    public boolean listening() {
        return listening;
    }

    /**
     * Returns once every notice committed before this call has been handled: the notices queued by the service's
     * writers (V34) are sent first, waiting for any other instance sending some, then a notice of our own goes
     * through the channel behind them (PostgreSQL delivers notices in commit order). Sent again until heard,
     * since one sent while the connection was being re-established reaches nobody. Through one connection kept for
     * the purpose: opening one per call cost a few milliseconds each time, and under load more than the second a
     * read-your-writes catch-up may take, which then forgot the whole memory.
     */
    public void sync(Duration timeout) throws TimeoutException {
        String token = SYNC_PREFIX + UUID.randomUUID();
        CompletableFuture<Void> seen = new CompletableFuture<>();
        syncs.put(token, seen);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            boolean first = true;
            while (true) {
                announce(token, first);
                first = false;
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("no notice heard on " + channel + " within " + timeout);
                }
                try {
                    seen.get(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 200), TimeUnit.MILLISECONDS);
                    return;
                } catch (TimeoutException notYet) {
                    // sent again above
                }
            }
        } catch (SQLException | ExecutionException e) {
            throw coordinates.failure("Synchronisation sur " + channel + " impossible", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            syncs.remove(token);
        }
    }

    /**
     * Sends the sync token, after the queued notices when {@code drainFirst}. A kept connection that fails (PostgreSQL
     * restarted, the session was ended) is replaced by a new one at once; a new one that fails gives up.
     */
    private void announce(String token, boolean drainFirst) throws SQLException {
        syncLock.lock();
        try {
            while (true) {
                boolean kept = syncConnection != null;
                if (!kept) {
                    syncConnection = coordinates.connectAlone("parc-sync-" + channel);
                }
                try {
                    if (drainFirst) {
                        NoticeSender.drain(syncConnection, true);
                    }
                    try (var st = syncConnection.prepareStatement("SELECT pg_notify(?, ?)")) {
                        st.setString(1, channel);
                        st.setString(2, token);
                        st.execute();
                    }
                    return;
                } catch (SQLException e) {
                    closeSyncConnection();
                    if (!kept) {
                        throw e;
                    }
                }
            }
        } finally {
            syncLock.unlock();
        }
    }

    /** Called under syncLock. */
    private void closeSyncConnection() {
        Connection c = syncConnection;
        syncConnection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already broken
            }
        }
    }

    private void run() {
        while (running) {
            try (Connection c = connect()) {
                connection = c;
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + channel);
                }
                // Whatever changed before LISTEN took effect was never announced to us.
                onGap.run();
                listening = true;
                if (warned) {
                    LOG.info("Écoute de " + channel + " rétablie.");
                    warned = false;
                }
                receive(c);
            } catch (SQLException e) {
                // Said once per outage, not at every retry.
                if (running && (listening || !warned)) {
                    LOG.log(Level.WARNING, "Écoute de " + channel + " interrompue, nouvelles tentatives chaque seconde : "
                            + coordinates.redact(e.getMessage()));
                    warned = true;
                }
            } finally {
                connection = null;
                if (listening) {
                    listening = false;
                    onGap.run();
                }
            }
            pause();
        }
    }

    private void receive(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        while (running) {
            PGNotification[] notices = pg.getNotifications(IDLE_CHECK_MILLIS);
            if (notices == null || notices.length == 0) {
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT 1");
                }
                continue;
            }
            for (PGNotification notice : notices) {
                String payload = notice.getParameter();
                if (payload.startsWith(SYNC_PREFIX)) {
                    CompletableFuture<Void> seen = syncs.get(payload);
                    if (seen != null) {
                        seen.complete(null);
                    }
                } else {
                    onNotice.accept(payload);
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private Connection connect() throws SQLException {
        return coordinates.connectAlone("parc-listen-" + channel);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        syncLock.lock();
        try {
            closeSyncConnection();
        } finally {
            syncLock.unlock();
        }
    }
}
