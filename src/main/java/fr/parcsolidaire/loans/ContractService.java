package fr.parcsolidaire.loans;

import fr.parcsolidaire.gdpr.AccessLog;
import fr.parcsolidaire.inventory.InventoryRepository;
import fr.parcsolidaire.inventory.Machine;
import fr.parcsolidaire.inventory.MachineUrls;
import fr.parcsolidaire.platform.http.Formats;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.ImageBounds;
import fr.parcsolidaire.platform.http.Jsonp;
import fr.parcsolidaire.platform.http.Upload;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.helidon.http.Status;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Generates the contracts of assignments and archives every PDF byte for byte with its SHA-256:
 * downloads serve the archived bytes, never a fresh rendering. Signing adds documents (a scan, or a new
 * PDF with the on-screen signatures that points at the one it signs); nothing is overwritten.
 */
final class ContractService {

    public static final long MAX_SCAN_BYTES = 10L * 1024 * 1024;
    public static final int MAX_SIGNATURE_BYTES = 2 * 1024 * 1024;

    private final Database database;
    private final Structure structure;
    private final Clock clock;

    public ContractService(Database database, Structure structure, Clock clock) {
        this.database = database;
        this.structure = structure;
        this.clock = clock;
    }

    /**
     * Renders and archives the document of the assignment's current kind, inside the caller's transaction; its QR
     * leads to the machine's page under {@code base} (web/PublicUrls).
     */
    long generate(DbExecute tx, long assignmentId, User actor, String base) {
        DbRow a = tx.createNamedGet("assignment-by-id").addParam("id", assignmentId).addParam("siteId", (Object) null).execute()
                .orElseThrow();
        Beneficiary b = tx.createNamedGet("beneficiary-by-id").addParam("id", Rows.longValue(a, "beneficiary_id"))
                .addParam("siteId", (Object) null).execute()
                .map(BeneficiaryService::beneficiary).orElseThrow();
        Machine machine = InventoryRepository.machine(tx, Rows.text(a, "tag")).orElseThrow();
        ContractDocument doc = document(AssignmentKind.valueOf(Rows.text(a, "kind")), assignmentId, b.fullName(),
                b.postcode(), b.commune(), machine, AssignmentService.accessories(Rows.text(a, "accessories")),
                Rows.date(a, "starts_on"), Rows.date(a, "due_on"), actor, base, Kit.lines(tx, assignmentId));
        return archiveGenerated(tx, doc, ContractPdf.render(doc), actor);
    }

    /** What the document of an assignment prints, issued today by {@code actor}; its QR leads to the machine's page. */
    ContractDocument document(AssignmentKind kind, long assignmentId, String beneficiaryName, String postcode, String commune,
                              Machine machine, List<String> accessories, LocalDate startsOn, LocalDate dueOn, User actor,
                              String base, List<KitLine> kit) {
        ContractDocument.Kind docKind = kind == AssignmentKind.LOAN
                ? ContractDocument.Kind.LOAN_AGREEMENT : ContractDocument.Kind.GIFT_CERTIFICATE;
        return new ContractDocument(docKind, structure, assignmentId, beneficiaryName, postcode + " " + commune, machine,
                accessories, startsOn, dueOn, LocalDate.now(clock), actor.displayName(), MachineUrls.forQr(base, machine.tag()),
                kit);
    }

    /**
     * Starts laying out the document on a virtual thread of its own, so that the assignment's transaction goes on with
     * its checks and writes meanwhile (a few milliseconds of CPU against as many of waiting for PostgreSQL);
     * {@link #archive(DbExecute, Rendering, User)} waits for it in the same transaction. A transaction that fails
     * meanwhile just drops it: nothing of it is stored.
     */
    Rendering startRendering(ContractDocument doc) {
        FutureTask<byte[]> task = new FutureTask<>(() -> ContractPdf.render(doc));
        Thread.ofVirtual().name("contract-pdf-" + doc.assignmentId()).start(task);
        return new Rendering(doc, task);
    }

    /** A document being rendered ({@link #startRendering}). */
    record Rendering(ContractDocument doc, FutureTask<byte[]> pdf) {

        byte[] await() {
            try {
                return pdf.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while the contract PDF was rendered", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException("Contract PDF failed", e.getCause());
            }
        }
    }

    /** Archives the rendered document with its CONTRACT_GENERATED event, in the caller's transaction; returns its id. */
    long archive(DbExecute tx, Rendering rendering, User actor) {
        return archiveGenerated(tx, rendering.doc(), rendering.await(), actor);
    }

    private static long archiveGenerated(DbExecute tx, ContractDocument doc, byte[] pdf, User actor) {
        return tx.createNamedGet("contract-generated-insert").addParam("assignmentId", doc.assignmentId())
                .addParam("kind", doc.kind().name()).addParam("pdf", pdf).addParam("sha256", sha256(pdf))
                .addParam("createdBy", actor.id())
                .execute().map(r -> Rows.longValue(r, "id")).orElseThrow();
    }

    /**
     * A scan or photo of the signed paper version of the latest document. It is kept as sent, never decoded here,
     * but browsers decode it when it is opened: an image must have a plausible size from its header.
     */
    public long uploadScan(long assignmentId, Upload upload, User actor) {
        if (!Upload.PDF.equals(upload.contentType())) {
            ImageBounds.check(upload.bytes(), ImageBounds.Limits.PHOTO);
        }
        return database.inTransaction(tx -> {
            AssignmentService.lock(tx, assignmentId, actor);
            StoredContract latest = latest(tx, assignmentId, null)
                    .orElseThrow(() -> HttpProblem.conflict("Aucun document à signer pour cette attribution."));
            String sha = sha256(upload.bytes());
            long scanId = tx.createNamedGet("contract-scan-insert").addParam("contractId", latest.id())
                    .addParam("contentType", upload.contentType()).addParam("content", upload.bytes())
                    .addParam("sha256", sha).addParam("uploadedBy", actor.id())
                    .execute().map(r -> Rows.longValue(r, "id")).orElseThrow();
            AssignmentService.event(tx, assignmentId, "CONTRACT_SIGNED", actor, null, Jsonp.objectBuilder()
                    .add("method", "SCAN").add("contractId", latest.id()).add("scanId", scanId)
                    .add("contentType", upload.contentType()).add("sha256", sha).build());
            return scanId;
        });
    }

    /** Both signatures drawn on screen (PNG) stamped into a new PDF that signs the latest unsigned document. */
    public long signOnScreen(long assignmentId, byte[] staffPng, byte[] beneficiaryPng, User actor) {
        for (byte[] png : List.of(staffPng, beneficiaryPng)) {
            if (png.length == 0 || png.length > MAX_SIGNATURE_BYTES || !Upload.PNG.equals(Upload.sniff(png))) {
                throw HttpProblem.badRequest("Les deux signatures sont nécessaires (dessinez-les dans les cadres).");
            }
            // OpenPDF decodes the whole PNG to stamp it: bound it first, and refuse broken data in French.
            ImageBounds.verify(png, ImageBounds.Limits.SIGNATURE);
        }
        return database.inTransaction(tx -> {
            AssignmentService.lock(tx, assignmentId, actor);
            StoredContract latest = latest(tx, assignmentId, null)
                    .orElseThrow(() -> HttpProblem.conflict("Aucun document à signer pour cette attribution."));
            if (latest.signs() != null) {
                throw HttpProblem.conflict("Ce document est déjà signé à l'écran.");
            }
            byte[] signed = ContractPdf.sign(latest.pdf(), staffPng, beneficiaryPng,
                    "Signé à l'écran le " + Formats.dateTime(OffsetDateTime.now(clock)) + " · document d'origine SHA-256 "
                            + latest.sha256().substring(0, 16) + "…");
            long id = archive(tx, assignmentId, latest.kind(), latest.id(), signed, actor);
            AssignmentService.event(tx, assignmentId, "CONTRACT_SIGNED", actor, null, Jsonp.objectBuilder()
                    .add("method", "SCREEN").add("contractId", id).add("signs", latest.id())
                    .add("sha256", sha256(signed)).build());
            return id;
        });
    }

    /** A document about to be shown to someone: its read is logged against the beneficiary; emptied by anonymisation: 410. */
    public StoredContract open(StoredContract c, User reader) {
        if (c.pdf().length == 0) {
            throw erased();
        }
        AccessLog.contractRead(database.client().execute(), reader, c.assignmentId(), "document n° " + c.id());
        return c;
    }

    public ContractScan openScan(ContractScan s, User reader) {
        if (s.content().length == 0) {
            throw erased();
        }
        StoredContract of = byId(database.client().execute(), s.contractId(), null).orElseThrow();
        AccessLog.contractRead(database.client().execute(), reader, of.assignmentId(), "scan n° " + s.id());
        return s;
    }

    private static HttpProblem erased() {
        return new HttpProblem(Status.GONE_410, "gone",
                "Ce document a été effacé lors de l'anonymisation du bénéficiaire ; seule son empreinte est conservée.", Map.of());
    }

    /** The latest document of an assignment, if the reader's site holds it. */
    public Optional<StoredContract> latest(long assignmentId, User reader) {
        return latest(database.client().execute(), assignmentId, reader.siteScope());
    }

    private static Optional<StoredContract> latest(DbExecute exec, long assignmentId, Long siteId) {
        return exec.createNamedGet("contract-latest").addParam("assignmentId", assignmentId).addParam("siteId", siteId)
                .execute().map(ContractService::stored);
    }

    public Optional<StoredContract> byId(long id, User reader) {
        return byId(database.client().execute(), id, reader.siteScope());
    }

    private static Optional<StoredContract> byId(DbExecute exec, long id, Long siteId) {
        return exec.createNamedGet("contract-by-id").addParam("id", id).addParam("siteId", siteId).execute()
                .map(ContractService::stored);
    }

    public List<StoredContract> contracts(long assignmentId, User reader) {
        return database.client().execute().createNamedQuery("contracts-of-assignment").addParam("assignmentId", assignmentId)
                .addParam("siteId", reader.siteScope()).execute().map(r -> new StoredContract(Rows.longValue(r, "id"), assignmentId,
                        ContractDocument.Kind.valueOf(Rows.text(r, "kind")), Rows.longOrNull(r, "signs"), null,
                        Rows.text(r, "sha256"), Rows.timestamp(r, "created_at"), Rows.text(r, "created_by_name"),
                        Rows.longValue(r, "scans"))).toList();
    }

    public List<ContractScan> scans(long assignmentId, User reader) {
        return database.client().execute().createNamedQuery("contract-scans-of-assignment").addParam("assignmentId", assignmentId)
                .addParam("siteId", reader.siteScope()).execute().map(r -> new ContractScan(Rows.longValue(r, "id"), Rows.longValue(r, "contract_id"),
                        Rows.text(r, "content_type"), null, Rows.text(r, "sha256"), Rows.timestamp(r, "uploaded_at"),
                        Rows.text(r, "uploaded_by_name"))).toList();
    }

    public Optional<ContractScan> scan(long id, User reader) {
        return database.client().execute().createNamedGet("contract-scan-by-id").addParam("id", id)
                .addParam("siteId", reader.siteScope()).execute()
                .map(r -> new ContractScan(Rows.longValue(r, "id"), Rows.longValue(r, "contract_id"),
                        Rows.text(r, "content_type"), (byte[]) Rows.raw(r, "content"), Rows.text(r, "sha256"), null, null));
    }

    private static long archive(DbExecute tx, long assignmentId, ContractDocument.Kind kind, Long signs, byte[] pdf, User actor) {
        return tx.createNamedGet("contract-insert").addParam("assignmentId", assignmentId).addParam("kind", kind.name())
                .addParam("signs", signs).addParam("pdf", pdf).addParam("sha256", sha256(pdf))
                .addParam("createdBy", actor.id())
                .execute().map(r -> Rows.longValue(r, "id")).orElseThrow();
    }

    private static StoredContract stored(DbRow r) {
        return new StoredContract(Rows.longValue(r, "id"), Rows.longValue(r, "assignment_id"),
                ContractDocument.Kind.valueOf(Rows.text(r, "kind")), Rows.longOrNull(r, "signs"),
                (byte[]) Rows.raw(r, "pdf"), Rows.text(r, "sha256"), Rows.timestamp(r, "created_at"), null, 0);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
