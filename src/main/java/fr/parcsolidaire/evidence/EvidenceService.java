package fr.parcsolidaire.evidence;

import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import fr.parcsolidaire.platform.http.Formats;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Jsonp;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import jakarta.json.JsonObjectBuilder;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Imports the tools' own outputs as erasure evidence ("Preuve d'effacement"): an nwipe or ShredOS log or an nwipe
 * PDF certificate for one machine or across all machines by serial, and smartctl's JSON for one machine.
 * <p>
 * Each import archives the file with its SHA-256, which is also its key: importing the same bytes again changes
 * nothing and answers what the first import did. A wipe report's disks are paired with storage devices by serial;
 * each paired disk with a final status gets an erasure record (PASS when nwipe says Erased, FAIL when it failed or
 * was aborted) citing the file, an ERASURE event in the machine's history, and a line in evidence_devices.
 * A report whose disks pair with nothing is refused in French, listing the serials found and known, and nothing is
 * kept. Parsing happens before the transaction; everything written is written in one transaction.
 */
public final class EvidenceService {

    private static final Set<String> WORKSHOP = Set.of("IN_DIAGNOSIS", "IN_RECONDITIONING", "RETURNED");
    private static final int MAX_FILE_NAME = 255;

    private final Database database;
    private final Clock clock;

    public EvidenceService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** One disk of an imported wipe report and what became of it, in French for the page and the API. */
    public record DiskLine(String device, String serial, String model, String status, String machineTag,
                           Long erasureId, String outcome) {
    }

    /** What an import of a wipe report did (or, when alreadyImported, what the first import of these bytes did). */
    public record WipeImport(boolean alreadyImported, long fileId, String fileName, String sha256, String tool,
                             List<DiskLine> disks, List<String> notes) {

        /** The erasure records this file created (shared/API.md's "erasures"). */
        public List<Long> erasureIds() {
            return disks.stream().map(DiskLine::erasureId).filter(java.util.Objects::nonNull).toList();
        }

        /** The serials of the disks no storage device matched (shared/API.md's "unmatched"). */
        public List<String> unmatchedSerials() {
            return disks.stream().filter(d -> d.machineTag() == null && d.serial() != null).map(DiskLine::serial).toList();
        }
    }

    /** What an import of a SMART report did. */
    public record SmartImport(boolean alreadyImported, long fileId, String fileName, String sha256, String machineTag,
                              String serial, Boolean passed, boolean flagged, String summary) {
    }

    /** An archived file as its machine page and the donor's certificate cite it. */
    public record EvidenceFile(long id, String kind, String fileName, String sha256, int sizeBytes, String tool,
                               OffsetDateTime importedAt) {
    }

    /** An archived file's bytes, for its download, with the media type it was received as. */
    public record StoredFile(String fileName, String mediaType, String sha256, byte[] content) {
    }

    /** The files behind a machine's imported erasures and SMART reports, oldest first. */
    public List<EvidenceFile> filesOf(String tag) {
        return database.inTransaction(tx -> {
            long machineId = tx.createNamedGet("evidence-machine-id").addParam("tag", tag).execute()
                    .map(r -> Rows.longValue(r, "id"))
                    .orElseThrow(() -> HttpProblem.notFound("Aucune machine ne porte le numéro « " + tag + " »."));
            return tx.createNamedQuery("evidence-files-of-machine").addParam("machineId", machineId).execute()
                    .map(r -> new EvidenceFile(Rows.longValue(r, "id"), Rows.text(r, "kind"), Rows.text(r, "file_name"),
                            Rows.text(r, "sha256"), Rows.intOrNull(r, "size_bytes"), Rows.text(r, "tool"),
                            Rows.timestamp(r, "imported_at")))
                    .toList();
        });
    }

    /** One archived file, byte for byte. */
    public StoredFile file(long id) {
        return database.inTransaction(tx -> tx.createNamedGet("evidence-file-content").addParam("id", id).execute()
                .map(r -> new StoredFile(Rows.text(r, "file_name"), switch (Rows.text(r, "kind")) {
                    case "NWIPE_PDF" -> "application/pdf";
                    case "SMARTCTL_JSON" -> "application/json";
                    default -> "text/plain; charset=UTF-8";
                }, Rows.text(r, "sha256"), r.column("content").get(byte[].class)))
                .orElseThrow(() -> HttpProblem.notFound("Aucun fichier de preuve n° " + id + ".")));
    }

    /** An nwipe/ShredOS log or an nwipe PDF certificate for the machine with this tag. */
    public WipeImport importWipeReport(String tag, String fileName, byte[] content, long actorId) {
        String name = fileName(fileName);
        Parsed parsed = parseWipe(content);
        String sha = sha256(content);
        return database.inTransaction(tx -> {
            Optional<WipeImport> earlier = earlierWipe(tx, sha);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            Machine m = machine(tx.createNamedGet("evidence-machine-lock").addParam("tag", tag).execute()
                    .orElseThrow(() -> HttpProblem.notFound("Aucune machine ne porte le numéro « " + tag + " ».")));
            requireWorkshop(m);
            List<SerialMatch.Known> known = tx.createNamedQuery("evidence-machine-devices").addParam("machineId", m.id())
                    .execute().map(r -> new SerialMatch.Known(Rows.longValue(r, "id"), Rows.text(r, "serial"),
                            Rows.text(r, "model"))).toList();
            List<SerialMatch.Known> pairs = SerialMatch.pair(parsed.report().devices(), known);
            if (pairs.stream().allMatch(p -> p == null)) {
                throw Unreadable.noMatch(SerialMatch.noneOnMachine(m.tag(), serials(parsed.report()), known));
            }
            List<Target> targets = new ArrayList<>();
            for (SerialMatch.Known p : pairs) {
                targets.add(p == null ? null : new Target(m, p.id(), p.serial()));
            }
            return record(tx, parsed, name, sha, content, actorId, targets, List.of());
        });
    }

    /**
     * A wipe report from a ShredOS stick's folder, whose machine nobody said: each disk is paired across all
     * machines in the workshop by serial alone. A serial on several machines, or on a machine out of the workshop,
     * is left unpaired with the reason; the report is refused only when no disk pairs at all.
     */
    public WipeImport importWipeReportAnyMachine(String fileName, byte[] content, long actorId) {
        String name = fileName(fileName);
        Parsed parsed = parseWipe(content);
        String sha = sha256(content);
        return database.inTransaction(tx -> {
            Optional<WipeImport> earlier = earlierWipe(tx, sha);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            List<String> notes = new ArrayList<>();
            List<Candidate> candidates = new ArrayList<>();
            for (WipedDevice d : parsed.report().devices()) {
                candidates.add(candidate(tx, d, notes));
            }
            if (candidates.stream().allMatch(c -> c == null)) {
                throw Unreadable.noMatch(SerialMatch.noneAnywhere(serials(parsed.report())));
            }
            // Lock in id order, so two bulk imports touching the same machines cannot deadlock.
            Map<Long, Machine> locked = new TreeMap<>();
            candidates.stream().filter(c -> c != null).map(Candidate::machineId).sorted().distinct().forEach(id ->
                    locked.put(id, machine(tx.createNamedGet("evidence-machine-lock-by-id").addParam("id", id)
                            .execute().orElseThrow())));
            List<Target> targets = new ArrayList<>();
            for (Candidate c : candidates) {
                Machine m = c == null ? null : locked.get(c.machineId());
                if (m != null && !WORKSHOP.contains(m.state())) {
                    notes.add("Le disque " + c.serial() + " est sur la machine " + m.tag()
                            + ", qui n'est ni en diagnostic ni en reconditionnement : il n'a pas été rapproché.");
                    m = null;
                }
                targets.add(m == null ? null : new Target(m, c.deviceId(), c.serial()));
            }
            if (targets.stream().allMatch(t -> t == null)) {
                throw Unreadable.noMatch(SerialMatch.noneAnywhere(serials(parsed.report())) + " " + String.join(" ", notes));
            }
            return record(tx, parsed, name, sha, content, actorId, targets, notes);
        });
    }

    /** smartctl -j -a of one disk of the machine with this tag. */
    public SmartImport importSmart(String tag, String fileName, byte[] content, long actorId) {
        String name = fileName(fileName);
        SmartReport report = SmartctlParser.parse(content);
        String sha = sha256(content);
        return database.inTransaction(tx -> {
            Optional<DbRow> earlier = tx.createNamedGet("evidence-file-by-hash").addParam("sha256", HexFormat.of().parseHex(sha)).execute();
            if (earlier.isPresent()) {
                return earlierSmart(tx, earlier.get(), sha);
            }
            Machine m = machine(tx.createNamedGet("evidence-machine-lock").addParam("tag", tag).execute()
                    .orElseThrow(() -> HttpProblem.notFound("Aucune machine ne porte le numéro « " + tag + " ».")));
            if (!WORKSHOP.contains(m.state()) && !"RECEIVED".equals(m.state())) {
                throw HttpProblem.conflict("La machine " + m.tag() + " n'est pas en atelier : son rapport SMART ne peut plus être importé.");
            }
            List<SerialMatch.Known> known = tx.createNamedQuery("evidence-machine-devices").addParam("machineId", m.id())
                    .execute().map(r -> new SerialMatch.Known(Rows.longValue(r, "id"), Rows.text(r, "serial"),
                            Rows.text(r, "model"))).toList();
            WipedDevice asDisk = new WipedDevice(report.deviceName(), null, report.model(), null, report.serial(), false,
                    WipeStatus.UNKNOWN, null, null, null, 0, null, false, null, null, null);
            SerialMatch.Known device = SerialMatch.pair(List.of(asDisk), known).getFirst();
            if (device == null) {
                throw Unreadable.noMatch(SerialMatch.noneOnMachine(m.tag(), List.of(report.serial()), known));
            }
            Long fileId = insertFile(tx, "SMARTCTL_JSON", name, sha, content,
                    report.smartctlVersion() == null ? "smartctl" : "smartctl " + report.smartctlVersion(), actorId);
            if (fileId == null) {
                return earlierSmart(tx, tx.createNamedGet("evidence-file-by-hash")
                        .addParam("sha256", HexFormat.of().parseHex(sha)).execute().orElseThrow(), sha);
            }
            tx.createNamedGet("smart-report-insert")
                    .addParam("fileId", fileId).addParam("machineId", m.id()).addParam("deviceId", device.id())
                    .addParam("protocol", report.protocol()).addParam("model", report.model())
                    .addParam("serial", report.serial()).addParam("capacityBytes", report.capacityBytes())
                    .addParam("powerOnHours", report.powerOnHours()).addParam("reallocated", report.reallocatedSectors())
                    .addParam("pending", report.pendingSectors()).addParam("mediaErrors", report.mediaErrors())
                    .addParam("criticalWarning", report.criticalWarning()).addParam("passed", report.passed())
                    .addParam("smartctlVersion", report.smartctlVersion()).addParam("importedBy", actorId)
                    .execute();
            JsonObjectBuilder data = Jsonp.objectBuilder().add("deviceId", device.id()).add("serial", report.serial())
                    .add("smart", report.passed() == null ? "UNKNOWN" : report.passed() ? "PASSED" : "FAILED")
                    .add("evidence", name).add("sha256", sha);
            putIfPresent(data, "powerOnHours", report.powerOnHours());
            putIfPresent(data, "reallocatedSectors", report.reallocatedSectors());
            putIfPresent(data, "pendingSectors", report.pendingSectors());
            // DIAGNOSIS: a SMART report is diagnosis evidence, and the kind exists in the events' check constraint.
            event(tx, m.id(), "DIAGNOSIS", actorId, report.summary(), data);
            return new SmartImport(false, fileId, name, sha, m.tag(), report.serial(), report.passed(), report.failing(),
                    report.summary());
        });
    }

    private record Parsed(WipeReport report, String kind) {
    }

    private record Machine(long id, String tag, String state) {
    }

    private record Target(Machine machine, long deviceId, String serial) {
    }

    private record Candidate(long machineId, long deviceId, String serial) {
    }

    /** A PDF certificate or a text log, told apart by the PDF header. */
    static Parsed parseWipe(byte[] content) {
        if (content == null || content.length == 0) {
            throw Unreadable.file("Le fichier est vide.");
        }
        if (content.length >= 5 && content[0] == '%' && content[1] == 'P' && content[2] == 'D' && content[3] == 'F') {
            return new Parsed(NwipeCertificateParser.parse(content), "NWIPE_PDF");
        }
        return new Parsed(NwipeLogParser.parse(content), "NWIPE_LOG");
    }

    private static Machine machine(DbRow r) {
        return new Machine(Rows.longValue(r, "id"), Rows.text(r, "tag"), Rows.text(r, "state"));
    }

    private static void requireWorkshop(Machine m) {
        if ("RECEIVED".equals(m.state())) {
            throw HttpProblem.conflict("Commencez le diagnostic de la machine " + m.tag()
                    + " (déclarez ses disques) avant d'importer ses preuves d'effacement.");
        }
        if (!WORKSHOP.contains(m.state())) {
            throw HttpProblem.conflict("La machine " + m.tag() + " n'est pas en atelier : ses preuves d'effacement "
                    + "s'importent pendant le reconditionnement.");
        }
    }

    /** The storage device with this disk's serial on exactly one machine, or null with a note saying why not. */
    private static Candidate candidate(DbExecute tx, WipedDevice d, List<String> notes) {
        String key = Serials.key(d.serial());
        if (key == null) {
            return null;
        }
        List<DbRow> rows = tx.createNamedQuery("evidence-devices-by-serial-key").addParam("serialKey", key).execute().toList();
        if (rows.isEmpty()) {
            return null;
        }
        List<String> tags = rows.stream().map(r -> Rows.text(r, "tag")).distinct().toList();
        if (rows.size() > 1) {
            notes.add("Le n° de série " + d.serial() + " est enregistré sur plusieurs machines (" + String.join(", ", tags)
                    + ") : importez ce fichier depuis la page de la bonne machine.");
            return null;
        }
        DbRow r = rows.getFirst();
        return new Candidate(Rows.longValue(r, "machine_id"), Rows.longValue(r, "id"), Rows.text(r, "serial"));
    }

    private WipeImport record(DbExecute tx, Parsed parsed, String name, String sha, byte[] content, long actorId,
                              List<Target> targets, List<String> extraNotes) {
        WipeReport report = parsed.report();
        Long fileId = insertFile(tx, parsed.kind(), name, sha, content, report.tool(), actorId);
        if (fileId == null) {
            return earlierWipe(tx, sha).orElseThrow();
        }
        List<DiskLine> lines = new ArrayList<>();
        List<WipedDevice> devices = report.devices();
        for (int i = 0; i < devices.size(); i++) {
            WipedDevice d = devices.get(i);
            Target t = targets.get(i);
            Long erasureId = null;
            String outcome;
            if (t == null) {
                outcome = d.serial() == null ? "Non rapproché : pas de n° de série." : "Non rapproché : aucun support de ce n° de série.";
            } else if (d.status() == WipeStatus.UNKNOWN) {
                outcome = "Rapproché, mais sans statut final dans le fichier : aucun effacement enregistré.";
            } else if (report.method() == null || report.method().level() == null) {
                outcome = report.method() == null ? "Rapproché, mais la méthode est inconnue : aucun effacement enregistré."
                        : "Rapproché : méthode de vérification seule, qui n'efface rien ; aucun effacement enregistré.";
            } else {
                erasureId = erasure(tx, report, d, t, fileId, name, sha, actorId);
                outcome = outcome(report, d);
            }
            tx.createNamedInsert("evidence-device-insert")
                    .addParam("fileId", fileId).addParam("position", i).addParam("deviceName", cut(d.device(), 64))
                    .addParam("serial", cut(d.serial(), 80)).addParam("model", cut(d.model(), 120))
                    .addParam("status", d.status().name()).addParam("method", cut(report.methodName(), 80))
                    .addParam("nistLevel", report.method() == null || report.method().level() == null ? null
                            : report.method().level().name())
                    .addParam("rounds", small(report.rounds())).addParam("passes", passes(report, d))
                    .addParam("verify", report.verify() == null ? null : report.verify().name())
                    .addParam("blanked", d.blanked()).addParam("passErrors", d.passErrors())
                    .addParam("verifyErrors", d.verifyErrors()).addParam("syncErrors", d.syncErrors())
                    .addParam("startedAt", d.startedAt()).addParam("endedAt", d.endedAt())
                    .addParam("machineId", t == null ? null : t.machine().id())
                    .addParam("storageDeviceId", t == null ? null : t.deviceId()).addParam("erasureId", erasureId)
                    .execute();
            lines.add(new DiskLine(d.device(), d.serial(), d.model(), d.status().label(),
                    t == null ? null : t.machine().tag(), erasureId, outcome));
        }
        List<String> notes = new ArrayList<>(report.notes());
        notes.addAll(extraNotes);
        return new WipeImport(false, fileId, name, sha, report.tool(), lines, notes);
    }

    private long erasure(DbExecute tx, WipeReport report, WipedDevice d, Target t, long fileId, String name,
                         String sha, long actorId) {
        boolean passed = d.status() == WipeStatus.ERASED;
        boolean verified = passed && report.verify() != null && report.verify() != VerifyMode.OFF;
        int passes = passes(report, d);
        LocalDate on = performedOn(report, d);
        String tool = cut(report.tool(), 80);
        String method = report.method().level().name();
        long erasureId = tx.createNamedGet("evidence-erasure-insert")
                .addParam("machineId", t.machine().id()).addParam("deviceId", t.deviceId()).addParam("method", method)
                .addParam("tool", tool).addParam("passes", passes).addParam("verified", verified)
                .addParam("result", passed ? "PASS" : "FAIL").addParam("performedOn", on)
                .addParam("technicianId", actorId).addParam("fileId", fileId)
                .execute().map(r -> Rows.longValue(r, "id")).orElseThrow();
        JsonObjectBuilder data = Jsonp.objectBuilder().add("deviceId", t.deviceId()).add("method", method)
                .add("tool", tool).add("passes", passes).add("verified", verified).add("result", passed ? "PASS" : "FAIL")
                .add("performedOn", on.toString()).add("serial", t.serial()).add("evidence", name).add("sha256", sha)
                .add("status", d.status().name());
        event(tx, t.machine().id(), "ERASURE", actorId, "Importé de « " + name + " » (SHA-256 " + sha.substring(0, 16)
                + "…) : " + d.status().label() + ", " + report.methodName() + ".", data);
        return erasureId;
    }

    private static String outcome(WipeReport report, WipedDevice d) {
        String level = report.method().level().name();
        return switch (d.status()) {
            case ERASED -> report.verify() == VerifyMode.OFF || report.verify() == null
                    ? "Effacement enregistré (" + level + "), sans vérification : il ne suffit pas pour déclarer la machine prête."
                    : "Effacement vérifié enregistré (" + level + ").";
            case FAILED -> "Échec enregistré : le disque doit être effacé à nouveau ou détruit.";
            case ABORTED -> "Effacement interrompu, enregistré comme échec : le disque doit être effacé à nouveau ou détruit.";
            case UNKNOWN -> "Aucun effacement enregistré.";
        };
    }

    /** Passes done: the log counts them; a certificate gives completed rounds. The final blanking pass counts too. */
    private static int passes(WipeReport report, WipedDevice d) {
        int n = d.passesCompleted() + (d.blanked() ? 1 : 0);
        if (n == 0 && d.status() == WipeStatus.ERASED && report.plannedPasses() != null) {
            n = report.plannedPasses();
        }
        return Math.min(n, 99);
    }

    private LocalDate performedOn(WipeReport report, WipedDevice d) {
        for (LocalDateTime t : new LocalDateTime[] {d.endedAt(), d.startedAt(), report.endedAt()}) {
            if (t != null) {
                LocalDate date = t.toLocalDate();
                LocalDate today = LocalDate.now(clock);
                // A wiping machine with a wrong clock must not date an erasure in the future.
                return date.isAfter(today) ? today : date;
            }
        }
        return LocalDate.now(clock);
    }

    private static Long insertFile(DbExecute tx, String kind, String name, String sha, byte[] content, String tool,
                                   long actorId) {
        return tx.createNamedGet("evidence-file-insert")
                .addParam("kind", kind).addParam("fileName", name).addParam("sha256", HexFormat.of().parseHex(sha))
                .addParam("sizeBytes", content.length).addParam("content", content).addParam("tool", cut(tool, 120))
                .addParam("importedBy", actorId)
                .execute().map(r -> Rows.longValue(r, "id")).orElse(null);
    }

    private static Optional<WipeImport> earlierWipe(DbExecute tx, String sha) {
        return tx.createNamedGet("evidence-file-by-hash").addParam("sha256", HexFormat.of().parseHex(sha)).execute()
                .map(f -> {
                    long fileId = Rows.longValue(f, "id");
                    if ("SMARTCTL_JSON".equals(Rows.text(f, "kind"))) {
                        throw HttpProblem.conflict("Ce fichier a déjà été importé comme rapport SMART.");
                    }
                    List<DiskLine> lines = tx.createNamedQuery("evidence-devices-of-file").addParam("fileId", fileId)
                            .execute().map(r -> new DiskLine(Rows.text(r, "device_name"), Rows.text(r, "serial"),
                                    Rows.text(r, "model"), WipeStatus.valueOf(Rows.text(r, "status")).label(),
                                    Rows.text(r, "tag"), Rows.longOrNull(r, "erasure_id"),
                                    Rows.longOrNull(r, "erasure_id") != null ? "Effacement déjà enregistré."
                                            : "Aucun effacement enregistré.")).toList();
                    return new WipeImport(true, fileId, Rows.text(f, "file_name"), sha, Rows.text(f, "tool"), lines,
                            List.of(already(f)));
                });
    }

    private static SmartImport earlierSmart(DbExecute tx, DbRow f, String sha) {
        long fileId = Rows.longValue(f, "id");
        DbRow r = tx.createNamedGet("smart-report-of-file").addParam("fileId", fileId).execute()
                .orElseThrow(() -> HttpProblem.conflict("Ce fichier a déjà été importé comme journal d'effacement."));
        Boolean passed = Rows.bool(r, "passed");
        return new SmartImport(true, fileId, Rows.text(f, "file_name"), sha, Rows.text(r, "tag"), Rows.text(r, "serial"),
                passed, Boolean.FALSE.equals(passed), already(f));
    }

    private static String already(DbRow f) {
        return "Ce fichier a déjà été importé le " + Formats.dateTime(Rows.timestamp(f, "imported_at"))
                + " par " + Rows.text(f, "username") + " : rien n'a été modifié.";
    }

    private static void event(DbExecute tx, long machineId, String kind, long actorId, String note, JsonObjectBuilder data) {
        tx.createNamedInsert("evidence-event-insert").addParam("machineId", machineId).addParam("kind", kind)
                .addParam("actorId", actorId).addParam("note", cut(note, 2000)).addParam("data", data.build().toString())
                .execute();
    }

    private static List<String> serials(WipeReport report) {
        List<String> s = new ArrayList<>();
        report.devices().forEach(d -> s.add(d.serial()));
        return s;
    }

    /** The name as sent, without any folder part, control characters or excess length. */
    static String fileName(String raw) {
        String n = raw == null ? "" : raw;
        n = n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\')) + 1);
        StringBuilder b = new StringBuilder();
        n.codePoints().filter(c -> !Character.isISOControl(c)).forEach(b::appendCodePoint);
        String clean = b.toString().strip();
        if (clean.isEmpty()) {
            clean = "fichier";
        }
        return clean.length() > MAX_FILE_NAME ? clean.substring(0, MAX_FILE_NAME) : clean;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void putIfPresent(JsonObjectBuilder b, String key, Long value) {
        if (value != null) {
            b.add(key, value);
        }
    }

    private static Integer small(Integer n) {
        return n == null ? null : Math.min(n, Short.MAX_VALUE);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
