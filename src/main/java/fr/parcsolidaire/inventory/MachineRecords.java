package fr.parcsolidaire.inventory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fr.parcsolidaire.platform.http.Json;
import fr.parcsolidaire.platform.sql.ChangeListener;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.DatabaseCoordinates;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scan lookup's memory: each machine's record, with its API JSON already written, kept by this instance.
 * The full record (machine, storage, history) costs PostgreSQL five times a primary-key select, and a
 * workshop scans the same machines over and over while it works on them.
 *
 * <p>Never stale for longer than a notice takes: the V12 triggers announce every change, whoever made it.
 * This instance forgets what it wrote right after its own commit ({@link Database#afterCommit});
 * the others on PostgreSQL's notice. While the notice channel is down nothing is kept and every read goes
 * to the database.
 */
final class MachineRecords implements AutoCloseable {

    /** One machine's record, its JSON for the API and its history for the page, written once. */
    public record Cached(Machine machine, byte[] json, List<HistoryLine> history) {
    }

    private final InventoryRepository inventory;
    private final Cache<String, Cached> cache;
    private final ChangeListener listener;
    /**
     * Counts every forgetting. A record read from the database is kept only if nothing was forgotten while it
     * was read: a read that began before a commit may carry the old state, and its notice may already be gone.
     */
    private final AtomicLong forgettings = new AtomicLong();

    private MachineRecords(InventoryRepository inventory, DatabaseCoordinates coordinates, long maxBytes) {
        this.inventory = inventory;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                // The JSON's size stands for the whole entry's: the objects weigh about as much again.
                .weigher((String tag, Cached c) -> 2 * c.json().length + 256)
                .build();
        this.listener = new ChangeListener(coordinates, "machine_changed", this::forget, this::forgetAll);
    }

    /** {@code maxMiB} 0 turns the memory off: every lookup then reads PostgreSQL. */
    static MachineRecords start(InventoryRepository inventory, Database database, int maxMiB) {
        MachineRecords records = new MachineRecords(inventory, database.coordinates(), Math.max(0, maxMiB) * 1024L * 1024L);
        // The machines a transaction changed, as the V12 triggers list them ("*" for all), are only visible inside it:
        // read with its COMMIT.
        database.afterCommit("parc.changed_machines", records::forget);
        if (maxMiB > 0) {
            records.listener.start();
        }
        return records;
    }

    public Optional<Cached> find(String tag) {
        if (!listener.listening()) {
            return load(tag);
        }
        Cached kept = cache.getIfPresent(tag);
        if (kept != null) {
            return Optional.of(kept);
        }
        long before = forgettings.get();
        Optional<Cached> loaded = load(tag);
        // Checked under the entry's lock: a forgetting that comes after either sees the entry or stops it here.
        loaded.ifPresent(fresh -> cache.asMap().compute(tag, (t, old) -> forgettings.get() == before ? fresh : old));
        return loaded;
    }

    private Optional<Cached> load(String tag) {
        return inventory.machine(tag).map(m -> new Cached(m, Json.bytes(m), HistoryLine.of(m)));
    }

    /** A notice's payload: tags separated by commas, or "*" for every machine. */
    void forget(String tags) {
        forgettings.incrementAndGet();
        if (tags.equals("*")) {
            cache.invalidateAll();
            return;
        }
        for (String tag : tags.split(",")) {
            cache.invalidate(tag);
        }
    }

    private void forgetAll() {
        forget("*");
    }

    /** For tests and operations: returns once every change committed before the call has been forgotten. */
    public void catchUp(Duration timeout) throws TimeoutException {
        listener.sync(timeout);
    }

    public boolean remembering() {
        return listener.listening();
    }

    @Override
    public void close() {
        listener.close();
    }
}
