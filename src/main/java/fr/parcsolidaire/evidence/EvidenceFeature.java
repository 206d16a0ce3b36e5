package fr.parcsolidaire.evidence;

import fr.parcsolidaire.platform.Feature;
import fr.parcsolidaire.platform.Platform;
import io.helidon.webserver.http.HttpService;

import java.util.List;

/** Erasure evidence from the tools themselves (nwipe logs and certificates, SMART reports): parsed, matched to disks by serial, archived with their SHA-256 (docs/evidence.md). Routes and pages come with the workbench. */
public final class EvidenceFeature implements Feature {

    @Override
    public List<String> statements() {
        return List.of("statements/evidence.sql");
    }

    @Override
    public void start(Platform platform) {
    }

    @Override
    public List<HttpService> routes() {
        return List.of();
    }
}
