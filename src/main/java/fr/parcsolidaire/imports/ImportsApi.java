package fr.parcsolidaire.imports;

import fr.parcsolidaire.platform.http.Guard;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Json;
import fr.parcsolidaire.platform.http.Query;
import fr.parcsolidaire.platform.security.Permission;
import fr.parcsolidaire.platform.security.Principal;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code POST /api/v1/imports/machines}: the file as the body, the mapping as query parameters (see
 * {@link MappingForm}); {@code dryRun=true} answers the report and writes nothing, otherwise all or nothing.
 */
final class ImportsApi implements HttpService {

    private final Guard guard;
    private final MachineImportService imports;
    private final ImportLimits limits;

    ImportsApi(Guard guard, MachineImportService imports, ImportLimits limits) {
        this.guard = guard;
        this.imports = imports;
        this.limits = limits;
    }

    @Override
    public void routing(HttpRules rules) {
        guard.on(rules).post("/api/v1/imports/machines", Permission.INVENTORY_WRITE, this::importMachines);
    }

    private void importMachines(ServerRequest req, ServerResponse res, Principal who) {
        Map<String, String> query = Query.first(req);
        boolean dryRun = dryRun(query.get("dryRun"));
        byte[] file = ImportUploads.read(req, imports, limits);
        if (file.length == 0) {
            throw Refusals.unreadable("Le fichier est vide : envoyez le fichier lui-même comme corps de la requête "
                    + "(curl --data-binary @stock.csv).");
        }
        String name = ImportUploads.fileName(req, query.get("fileName"));
        ImportRequest request = MappingForm.parse(query, () -> imports.preview(name, file).guessed());
        if (dryRun) {
            send(res, Status.OK_200, ImportJson.report(imports.dryRun(name, file, request, who.user())));
            return;
        }
        try {
            send(res, Status.CREATED_201, ImportJson.created(imports.commit(name, file, request, who.user())));
        } catch (ImportRejected e) {
            send(res, e.status(), ImportJson.rejected(e));
        }
    }

    /**
     * The report quotes the file's cells ("Type de matériel « … » inconnu"): its angle brackets are written as JSON
     * escapes, the same text for a JSON reader, and no markup for anything that would sniff the answer as HTML.
     */
    private static void send(ServerResponse res, Status status, Object body) {
        String json = new String(Json.bytes(body), StandardCharsets.UTF_8).replace("<", "\\u003c").replace(">", "\\u003e");
        res.status(status);
        res.headers().contentType(MediaTypes.APPLICATION_JSON);
        res.send(json.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean dryRun(String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.isEmpty() || value.equals("true")) {
            return true;
        }
        throw new HttpProblem(Status.BAD_REQUEST_400, "invalid", "Paramètre dryRun : true ou false.",
                Map.of("dryRun", "true ou false."));
    }
}
