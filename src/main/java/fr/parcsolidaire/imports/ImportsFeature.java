package fr.parcsolidaire.imports;

import fr.parcsolidaire.platform.Feature;
import fr.parcsolidaire.platform.Platform;
import io.helidon.webserver.http.HttpService;

import java.util.List;

/** Importing an existing inventory from a spreadsheet (docs/imports.md). Routes and pages come next. */
public final class ImportsFeature implements Feature {

    @Override
    public List<String> statements() {
        return List.of("statements/imports.sql");
    }

    @Override
    public void start(Platform platform) {
    }

    @Override
    public List<HttpService> routes() {
        return List.of();
    }
}
