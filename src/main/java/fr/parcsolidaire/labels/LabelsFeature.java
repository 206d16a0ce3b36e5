package fr.parcsolidaire.labels;

import fr.parcsolidaire.inventory.InventoryFeature;
import fr.parcsolidaire.platform.Feature;
import fr.parcsolidaire.platform.Platform;
import fr.parcsolidaire.platform.settings.Settings;
import io.helidon.webserver.http.HttpService;

import java.nio.file.Path;
import java.util.List;

/** QR label sheets (layouts from the labels/ folder) and the scan station. */
public final class LabelsFeature implements Feature {

    private final InventoryFeature inventory;
    private List<HttpService> routes;

    public LabelsFeature(InventoryFeature inventory) {
        this.inventory = inventory;
    }

    @Override
    public List<String> statements() {
        return List.of("statements/labels.sql");
    }

    @Override
    public void start(Platform platform) {
        Settings settings = platform.settings().section("app.labels");
        LabelService labels = new LabelService(platform.database(), LabelLayouts.load(Path.of(settings.text("directory"))),
                settings.optionalText("owner").orElse(null));
        routes = List.of(
                new LabelApi(platform.guard(), labels, platform.urls()),
                new LabelPages(platform.guard(), platform.pages(), labels, platform.urls()),
                new ScanPages(platform.guard(), platform.pages(), platform.database(), inventory.workshop()));
    }

    @Override
    public List<HttpService> routes() {
        return routes;
    }
}
