package fr.parcsolidaire.evidence;

import fr.parcsolidaire.inventory.Tags;
import fr.parcsolidaire.platform.http.Guard;
import fr.parcsolidaire.platform.http.Json;
import fr.parcsolidaire.platform.http.Upload;
import fr.parcsolidaire.platform.security.Permission;
import fr.parcsolidaire.platform.security.Principal;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tools' outputs through the API (shared/API.md): an nwipe log or certificate for one machine or for whichever
 * machines its serials name, and smartctl's JSON for one machine. The body is the file itself, as curl
 * --data-binary sends it; its name comes in the "name" query parameter. The machine page sends the same bodies with
 * fetch, and the workbench script with its token.
 */
final class EvidenceApi implements HttpService {

    private final Guard guard;
    private final EvidenceService evidence;

    EvidenceApi(Guard guard, EvidenceService evidence) {
        this.guard = guard;
        this.evidence = evidence;
    }

    @Override
    public void routing(HttpRules rules) {
        guard.on(rules)
                .post("/api/v1/machines/{tag}/erasure-logs", Permission.INVENTORY_WRITE, this::machineLog)
                .post("/api/v1/erasure-logs", Permission.INVENTORY_WRITE, this::anyMachineLog)
                .post("/api/v1/machines/{tag}/smart", Permission.INVENTORY_WRITE, this::smart);
    }

    private void machineLog(ServerRequest req, ServerResponse res, Principal who) {
        Upload file = wipeReport(req);
        EvidenceService.WipeImport done = evidence.importWipeReport(tag(req), name(req), file.bytes(), who.user().id());
        Json.send(res, done.alreadyImported() ? Status.OK_200 : Status.CREATED_201, wipeBody(done));
    }

    private void anyMachineLog(ServerRequest req, ServerResponse res, Principal who) {
        Upload file = wipeReport(req);
        EvidenceService.WipeImport done = evidence.importWipeReportAnyMachine(name(req), file.bytes(), who.user().id());
        Map<String, Object> body = wipeBody(done);
        Set<String> machines = new LinkedHashSet<>();
        done.disks().stream().filter(d -> d.machineTag() != null).forEach(d -> machines.add(d.machineTag()));
        body.put("machines", List.copyOf(machines));
        body.put("summary", summary(done, machines));
        Json.ok(res, body);
    }

    private void smart(ServerRequest req, ServerResponse res, Principal who) {
        Upload file = Upload.read(req, SmartctlParser.MAX_BYTES, Set.of(Upload.JSON));
        EvidenceService.SmartImport done = evidence.importSmart(tag(req), name(req), file.bytes(), who.user().id());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("alreadyImported", done.alreadyImported());
        body.put("file", Map.of("id", done.fileId(), "name", done.fileName(), "sha256", done.sha256()));
        body.put("machine", done.machineTag());
        body.put("serial", done.serial());
        body.put("health", done.passed() == null ? "UNKNOWN" : done.passed() ? "PASSED" : "FAILED");
        body.put("blocking", done.flagged());
        body.put("summary", done.summary());
        body.put("message", done.alreadyImported() ? done.summary() : done.flagged()
                ? "Rapport SMART importé : le disque " + done.serial() + " est en échec, il bloque la mise à disposition "
                        + "tant qu'il n'est pas remplacé et détruit."
                : "Rapport SMART importé pour le disque " + done.serial() + ".");
        Json.ok(res, body);
    }

    private static Upload wipeReport(ServerRequest req) {
        return Upload.read(req, NwipeLogParser.MAX_BYTES, Set.of(Upload.TEXT, Upload.PDF));
    }

    private static Map<String, Object> wipeBody(EvidenceService.WipeImport done) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("alreadyImported", done.alreadyImported());
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("id", done.fileId());
        file.put("name", done.fileName());
        file.put("sha256", done.sha256());
        if (done.tool() != null) {
            file.put("tool", done.tool());
        }
        body.put("file", file);
        List<Map<String, Object>> erasures = new ArrayList<>();
        List<Map<String, Object>> disks = new ArrayList<>();
        for (EvidenceService.DiskLine d : done.disks()) {
            Map<String, Object> disk = new LinkedHashMap<>();
            putIfPresent(disk, "device", d.device());
            putIfPresent(disk, "serial", d.serial());
            putIfPresent(disk, "model", d.model());
            disk.put("status", d.status());
            putIfPresent(disk, "machine", d.machineTag());
            putIfPresent(disk, "erasureId", d.erasureId());
            disk.put("outcome", d.outcome());
            disks.add(disk);
            if (d.erasureId() != null) {
                erasures.add(disk);
            }
        }
        body.put("erasures", erasures);
        body.put("unmatched", done.unmatchedSerials());
        body.put("disks", disks);
        body.put("notes", done.notes());
        body.put("message", message(done));
        return body;
    }

    /** One French sentence for the page that sent the file. */
    private static String message(EvidenceService.WipeImport done) {
        if (done.alreadyImported()) {
            return done.notes().isEmpty() ? "Ce fichier a déjà été importé : rien n'a été modifié." : done.notes().getFirst();
        }
        long erasures = done.erasureIds().size();
        return "« " + done.fileName() + " » importé : " + (erasures == 0 ? "aucun effacement enregistré"
                : erasures == 1 ? "1 effacement enregistré" : erasures + " effacements enregistrés")
                + (done.unmatchedSerials().isEmpty() ? "." : " ; non rapproché(s) : " + String.join(", ", done.unmatchedSerials()) + ".");
    }

    private static String summary(EvidenceService.WipeImport done, Set<String> machines) {
        long matched = done.disks().stream().filter(d -> d.machineTag() != null).count();
        int total = done.disks().size();
        return matched + " disque(s) rapproché(s) sur " + total
                + (machines.isEmpty() ? "." : " : " + String.join(", ", machines) + ".");
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    static String tag(ServerRequest req) {
        return Tags.normalise(req.path().pathParameters().get("tag"));
    }

    /** The file's name as the sender gave it ("name" query parameter), cleaned by the service. */
    static String name(ServerRequest req) {
        return req.query().first("name").orElse(null);
    }
}
