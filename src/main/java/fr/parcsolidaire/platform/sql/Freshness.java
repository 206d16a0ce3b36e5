package fr.parcsolidaire.platform.sql;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * Read-your-writes across instances. What an instance keeps in memory (features register it here) learns of other
 * instances' commits by PostgreSQL's notices, a few milliseconds late. A request from someone who has just written,
 * possibly through another instance, first waits until every notice committed before it arrived has been handled
 * ({@link #awaitCommittedBefore}); everybody else is served at once.
 *
 * <p>Waits are shared: one catch-up round serves every request that arrived before it began, so a burst of such
 * requests costs one round trip, not one each.
 */
public final class Freshness {

    /** What a memory does to catch up: return once every change committed before the call has been applied. */
    @FunctionalInterface
    public interface CatchUp {
        void catchUp(Duration timeout) throws TimeoutException;
    }

    private static final Logger LOG = Logger.getLogger(Freshness.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final List<CatchUp> memories = new CopyOnWriteArrayList<>();
    private final ReentrantLock round = new ReentrantLock();
    /**
     * System.nanoTime() at the start of the latest completed round: every commit before it has been applied. At first,
     * the creation: memories start empty. Compared by difference, as nanoTime values must be.
     */
    private volatile long coveredUpTo = System.nanoTime();

    /** A memory to bring up to date before serving someone who has just written. */
    public void register(CatchUp memory) {
        memories.add(memory);
    }

    /**
     * Returns true once every change committed before {@code arrivedNanos} (System.nanoTime()) reached every memory;
     * false when that could not be made sure within the timeout: the caller must not serve from memory then.
     */
    public boolean awaitCommittedBefore(long arrivedNanos) {
        if (memories.isEmpty() || arrivedNanos - coveredUpTo <= 0) {
            return true;
        }
        round.lock();
        try {
            if (arrivedNanos - coveredUpTo <= 0) {
                return true;
            }
            long start = System.nanoTime();
            for (CatchUp memory : memories) {
                try {
                    memory.catchUp(TIMEOUT);
                } catch (TimeoutException | RuntimeException e) {
                    LOG.warning("Rattrapage des annonces de changement impossible en " + TIMEOUT.toMillis() + " ms : " + e.getMessage());
                    return false;
                }
            }
            coveredUpTo = start;
            return true;
        } finally {
            round.unlock();
        }
    }
}
