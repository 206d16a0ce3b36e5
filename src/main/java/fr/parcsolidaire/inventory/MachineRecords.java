package fr.parcsolidaire.inventory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fr.parcsolidaire.platform.sql.ChangeListener;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.DatabaseCoordinates;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The scan lookup's memory: each machine's record, with its API JSON already written, kept by this instance.
 * The full record (machine, storage, history) costs PostgreSQL five times a primary-key select, and a
 * workshop scans the same machines over and over while it works on them.
 *
 * <p>Never stale for longer than a notice takes: the V12 triggers announce every change, whoever made it.
 * This instance forgets what it wrote right after its own commit ({@link Database#afterCommit});
 * the others on PostgreSQL's notice. While the notice channel is down nothing is kept and every read goes
 * to the database.
 *
 * <p>The machine page also shows parts other features keep (assignments, reservation, evidence: {@link Part}), kept
 * here beside the record under the same rules and forgotten with it (V33 makes their tables announce the machine),
 * and values shared by every page, such as the open waiting list ({@link #keep}), forgotten on their own pseudo-tag.
 */
final class MachineRecords implements AutoCloseable {

    /** One machine's record, its JSON for the API written once, and its history for the page written at its first view. */
    public static final class Cached {

        private final Machine machine;
        private final byte[] json;
        private volatile List<HistoryLine> history;

        Cached(Machine machine) {
            this.machine = machine;
            this.json = MachineJson.bytes(machine);
        }

        public Machine machine() {
            return machine;
        }

        public byte[] json() {
            return json;
        }

        /** The page's French history lines; the API never needs them (written twice at worst, the same lines). */
        public List<HistoryLine> history() {
            List<HistoryLine> lines = history;
            if (lines == null) {
                lines = HistoryLine.of(machine);
                history = lines;
            }
            return lines;
        }
    }

    private final MachineLoader loader;
    private final Cache<String, Cached> cache;
    private final ChangeListener listener;
    /**
     * Counts every forgetting. A record read from the database is kept only if nothing was forgotten while it
     * was read: a read that began before a commit may carry the old state, and its notice may already be gone.
     */
    private final AtomicLong forgettings = new AtomicLong();
    private final List<Part<?>> parts = new CopyOnWriteArrayList<>();
    private final List<Kept<?>> kept = new CopyOnWriteArrayList<>();
    /** Page parts are small (a few lines of text); as many of each as records fit in the memory, about 3 KiB each. */
    private final long maxParts;

    private MachineRecords(InventoryRepository inventory, DatabaseCoordinates coordinates, long maxBytes) {
        this.loader = new MachineLoader(inventory::machineRows);
        this.maxParts = Math.max(1, maxBytes / 3072);
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
        return loader.row(tag).map(row -> new Cached(InventoryRepository.machine(row)));
    }

    /** A notice's payload: tags separated by commas, or "*" for every machine; pseudo-tags name a {@link #keep}. */
    void forget(String tags) {
        // First the count, then the forgetting: a load that read before either sees the new count or is forgotten.
        forgettings.incrementAndGet();
        if (tags.equals("*")) {
            cache.invalidateAll();
            parts.forEach(p -> p.cache.invalidateAll());
            kept.forEach(Kept::forget);
            return;
        }
        for (String tag : tags.split(",")) {
            cache.invalidate(tag);
            for (Part<?> part : parts) {
                part.cache.invalidate(tag);
            }
            for (Kept<?> k : kept) {
                if (k.key.equals(tag)) {
                    k.forget();
                }
            }
        }
    }

    /** A new part of the machine page, kept per machine beside its record and forgotten with it. */
    <V> Part<V> part() {
        Part<V> part = new Part<>(Caffeine.newBuilder().maximumSize(maxParts).build());
        parts.add(part);
        return part;
    }

    /**
     * One value every page may use (the open waiting list), read by {@code load} when first asked, kept until a change
     * announces {@code key} or "*", never while notices cannot be heard.
     */
    <V> Supplier<V> keep(String key, Supplier<V> load) {
        Kept<V> k = new Kept<>(key, load);
        kept.add(k);
        return k::get;
    }

    /**
     * One feature's part of the machine page, per machine tag. Caffeine keeps no null: a part is wrapped in an
     * Optional, so that "nothing to show" is kept as well.
     */
    final class Part<V> {

        private final Cache<String, Optional<V>> cache;

        private Part(Cache<String, Optional<V>> cache) {
            this.cache = cache;
        }

        /** The machine's part, as kept or read now by {@code load} (which may return null: nothing to show). */
        V of(String tag, Supplier<V> load) {
            if (!listener.listening()) {
                return load.get();
            }
            Optional<V> known = cache.getIfPresent(tag);
            if (known != null) {
                return known.orElse(null);
            }
            long before = forgettings.get();
            Optional<V> loaded = Optional.ofNullable(load.get());
            cache.asMap().compute(tag, (t, old) -> forgettings.get() == before ? loaded : old);
            return loaded.orElse(null);
        }
    }

    private final class Kept<V> {

        private final String key;
        private final Supplier<V> load;
        private volatile V value;

        private Kept(String key, Supplier<V> load) {
            this.key = key;
            this.load = load;
        }

        V get() {
            if (!listener.listening()) {
                return load.get();
            }
            V known = value;
            if (known != null) {
                return known;
            }
            long before = forgettings.get();
            V loaded = load.get();
            synchronized (this) {
                if (forgettings.get() == before) {
                    value = loaded;
                }
            }
            return loaded;
        }

        synchronized void forget() {
            value = null;
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
