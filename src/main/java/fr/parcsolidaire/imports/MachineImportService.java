package fr.parcsolidaire.imports;

import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.RetryLater;
import io.helidon.dbclient.DbExecute;
import io.helidon.http.Status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Imports a workshop's existing inventory from a spreadsheet (docs/imports.md): a preview to choose the columns,
 * a dry run that says what would be created and what is wrong with each row, then a commit that creates every
 * machine in one transaction or nothing at all. Each call reads the file again: nothing is kept between calls.
 */
public final class MachineImportService {

    /** How long a request waits for another import to finish reading before it is told to come back. */
    private static final Duration SLOT_WAIT = Duration.ofSeconds(20);

    private final Database database;
    private final Clock clock;
    private final ImportLimits limits;
    private final Semaphore slots;
    private final Duration slotWait;

    public MachineImportService(Database database, Clock clock, ImportLimits limits) {
        this(database, clock, limits, SLOT_WAIT);
    }

    MachineImportService(Database database, Clock clock, ImportLimits limits, Duration slotWait) {
        this.database = database;
        this.clock = clock;
        this.limits = limits;
        this.slots = new Semaphore(limits.concurrentImports(), true);
        this.slotWait = slotWait;
    }

    /** Reads an upload up to the size cap: one byte more and it is refused (413) without reading further. */
    public byte[] readUpload(InputStream in) {
        try {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxBytes() + 1));
            if (bytes.length > limits.maxBytes()) {
                throw Refusals.tooLarge("Le fichier dépasse la taille maximale de " + Refusals.megabytes(limits.maxBytes())
                        + " : découpez-le en plusieurs fichiers.");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How the file reads, its first rows and the guessed columns: what the mapping page starts from. */
    public ImportPreview preview(String fileName, byte[] content) {
        return inSlot(() -> {
            Spreadsheet sheet = SpreadsheetReader.read(content, limits);
            List<ImportPreview.Line> sample = sheet.rows().stream().limit(ImportPreview.SAMPLE_ROWS)
                    .map(r -> new ImportPreview.Line(r.line(), r.cells())).toList();
            return new ImportPreview(FileNames.clean(fileName), sheet.source().describe(), sheet.rows().size(), sample,
                    ColumnMapping.guess(sheet.rows()));
        });
    }

    /** What the import would create and each row's errors; writes nothing. */
    public ImportReport dryRun(String fileName, byte[] content, ImportRequest request, User actor) {
        return inSlot(() -> {
            Spreadsheet sheet = SpreadsheetReader.read(content, limits);
            return new ImportPlanner(clock).plan(database.client().execute(), FileNames.clean(fileName),
                    sha256(content), sheet, request, actor, false).report();
        });
    }

    /**
     * Creates every machine of the file in one transaction, or nothing: a row with an error refuses the whole file
     * ({@link ImportRejected}, 422, with the report). The checks run again inside the transaction, after a lock that
     * makes concurrent imports wait their turn, so what the dry run said still holds when it is written.
     */
    public ImportOutcome commit(String fileName, byte[] content, ImportRequest request, User actor) {
        return commit(fileName, content, request, actor, tx -> { }, (tx, importId) -> { });
    }

    /**
     * The same, with more to do in the import's transaction: {@code first} once the import lock is held, before any
     * check (the page locks its deposit there, so that a second click is told the file is gone, not that it was
     * imported), {@code last} once everything is written (the deposit's removal).
     */
    ImportOutcome commit(String fileName, byte[] content, ImportRequest request, User actor,
                         Consumer<DbExecute> first, BiConsumer<DbExecute, Long> last) {
        return inSlot(() -> {
            Spreadsheet sheet = SpreadsheetReader.read(content, limits);
            String name = FileNames.clean(fileName);
            String sha = sha256(content);
            try {
                return database.inTransaction(tx -> {
                    ImportRepository.lock(tx);
                    first.accept(tx);
                    ImportPlanner.Plan plan = new ImportPlanner(clock).plan(tx, name, sha, sheet, request, actor, true);
                    if (!plan.report().importable()) {
                        throw new ImportRejected(plan.report());
                    }
                    ImportOutcome outcome = new ImportWriter(tx, plan, actor).write(name, sha, sheet.source().describe());
                    last.accept(tx, outcome.importId());
                    return outcome;
                });
            } catch (RuntimeException e) {
                throw raced(e);
            }
        });
    }

    /** At most {@link ImportLimits#concurrentImports()} files held in memory at once; the others wait, then are told to retry. */
    <T> T inSlot(Supplier<T> work) {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(slotWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new RetryLater(Status.SERVICE_UNAVAILABLE_503, "busy",
                    "D'autres imports sont en cours de lecture : réessayez dans une minute.", 60);
        }
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }

    /** A serial or tag written by someone else between the checks and the insert (an intake, not an import). */
    static RuntimeException raced(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return HttpProblem.conflict("Un numéro de série ou d'inventaire du fichier vient d'être enregistré "
                        + "par ailleurs : rien n'a été importé. Relancez la vérification puis l'import.");
            }
        }
        return e;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
