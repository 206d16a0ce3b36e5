package fr.parcsolidaire.inventory;

import io.helidon.dbclient.DbRow;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Reads the records the scan lookup does not remember, the misses of concurrent requests together: while
 * {@link #MAX_QUERIES} statements are running, the tags asked meanwhile wait in one batch, read by a single
 * {@code tag = ANY(?)} statement as soon as one of those finishes. Alone, a miss is read at once, without waiting.
 *
 * <p>Measured (docs/performance.md, « Lecture d'une fiche absente de la mémoire »): under 64 concurrent misses each read
 * alone took a pooled connection, a statement and its JSON decoding on the request's thread, queued behind the pool's
 * 16 connections; batched, PostgreSQL and the driver pay their per-statement cost once per batch.
 *
 * <p>Never older than the request: a request only joins a batch whose statement has not started yet, so the rows it
 * gets were read after it arrived, and after any commit its author saw acknowledged. The rows are mapped to records by
 * each waiting request on its own thread: the statement's thread only reads them.
 */
final class MachineLoader {

    /**
     * Statements in flight at most. A few, so that PostgreSQL's cores all work while the next batch gathers; more
     * would only split the batches and hold more of the pool's connections (16) for the scan.
     */
    static final int MAX_QUERIES = 4;
    /** A batch is read by one statement: beyond this many tags it is closed and the next one opens. */
    static final int MAX_BATCH = 200;

    private final Function<Collection<String>, Map<String, DbRow>> read;
    private final Object lock = new Object();
    /** Tags asked while every query slot was taken; read by the next statement. Guarded by lock. */
    private Map<String, CompletableFuture<Optional<DbRow>>> waiting = new LinkedHashMap<>();
    /** Statements running. Guarded by lock. */
    private int running;

    MachineLoader(Function<Collection<String>, Map<String, DbRow>> read) {
        this.read = read;
    }

    /** The machine's row, read after this call began; empty when no machine has this tag. */
    Optional<DbRow> row(String tag) {
        CompletableFuture<Optional<DbRow>> answer;
        Map<String, CompletableFuture<Optional<DbRow>>> batch = null;
        synchronized (lock) {
            answer = waiting.computeIfAbsent(tag, t -> new CompletableFuture<>());
            if (running < MAX_QUERIES || waiting.size() >= MAX_BATCH) {
                batch = take();
            }
        }
        if (batch != null) {
            readAll(batch);
        }
        try {
            return answer.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Closes the waiting batch for a statement of its own. Called under lock. */
    private Map<String, CompletableFuture<Optional<DbRow>>> take() {
        Map<String, CompletableFuture<Optional<DbRow>>> batch = waiting;
        waiting = new LinkedHashMap<>();
        running++;
        return batch;
    }

    /**
     * Reads one batch, then whatever gathered meanwhile, on a thread of its own so that this request answers now;
     * a slot is given back only when nothing waits.
     */
    private void readAll(Map<String, CompletableFuture<Optional<DbRow>>> batch) {
        try {
            Map<String, DbRow> rows = read.apply(batch.keySet());
            batch.forEach((tag, answer) -> answer.complete(Optional.ofNullable(rows.get(tag))));
        } catch (RuntimeException | Error e) {
            batch.values().forEach(answer -> answer.completeExceptionally(e));
        }
        Map<String, CompletableFuture<Optional<DbRow>>> next;
        synchronized (lock) {
            running--;
            next = waiting.isEmpty() ? null : take();
        }
        if (next != null) {
            Thread.ofVirtual().name("machine-loader").start(() -> readAll(next));
        }
    }
}
