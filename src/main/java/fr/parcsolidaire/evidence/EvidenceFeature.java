package fr.parcsolidaire.evidence;

import fr.parcsolidaire.inventory.DiskHealth;
import fr.parcsolidaire.inventory.MachineEvidence;
import fr.parcsolidaire.platform.Feature;
import fr.parcsolidaire.platform.Platform;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import io.helidon.dbclient.DbExecute;
import io.helidon.webserver.http.HttpService;

import java.util.List;

/**
 * Erasure evidence from the tools themselves (nwipe logs and certificates, SMART reports): parsed, matched to disks
 * by serial, archived with their SHA-256 (docs/evidence.md); the workbench script and its single-machine tokens.
 * It gives the machine page its "Preuves d'effacement" section and the erasure gate its SMART rule (Main wires both).
 */
public final class EvidenceFeature implements Feature, MachineEvidence, DiskHealth {

    private Database database;
    private EvidenceService service;
    private EvidenceSection section;
    private List<HttpService> routes;

    @Override
    public List<String> statements() {
        return List.of("statements/evidence.sql");
    }

    @Override
    public void start(Platform platform) {
        database = platform.database();
        service = new EvidenceService(platform.database(), platform.clock());
        WorkbenchTokens tokens = new WorkbenchTokens(platform.database(), platform.clock(),
                platform.settings().section("app.evidence").duration("workbench-token-lifetime"));
        platform.guard().acceptTokens(tokens);
        section = new EvidenceSection(tokens);
        routes = List.of(new EvidenceApi(platform.guard(), service),
                new EvidencePages(platform.guard(), platform.pages(), platform.urls(), service, tokens));
    }

    @Override
    public List<HttpService> routes() {
        return routes;
    }

    @Override
    public Section of(DbExecute db, long machineId) {
        return section.of(db, machineId);
    }

    @Override
    public String missing(DbExecute tx, long machineId) {
        return SmartHealth.missing(tx, machineId);
    }

    /** The demo data's evidence: an nwipe log on one machine in reconditioning, a failing SMART disk on another. */
    @Override
    public void loadDemo(User actor, String baseUrl) {
        EvidenceDemo.load(database, service, actor.id());
    }
}
