package fr.parcsolidaire.inventory;

import fr.parcsolidaire.platform.Feature;
import fr.parcsolidaire.platform.Platform;
import fr.parcsolidaire.platform.http.HomeSection;
import fr.parcsolidaire.platform.settings.Settings;
import io.helidon.webserver.http.HttpService;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Sites, donors, donations and machines through reconditioning, and the scan lookup's memory of machine records.
 * Other features reach the workshop through {@link #workshop()} and {@link #intake()}.
 */
public final class InventoryFeature implements Feature {

    private volatile MachineAssignments assignments = MachineAssignments.NONE;
    private InventoryRepository inventory;
    private MachineRecords records;
    private IntakeService intake;
    private WorkshopService workshop;
    private List<HttpService> routes;
    private WorkshopQueue queue;

    @Override
    public List<String> statements() {
        return List.of("statements/inventory.sql");
    }

    @Override
    public void start(Platform platform) {
        inventory = new InventoryRepository(platform.database());
        for (Settings site : platform.settings().list("app.sites")) {
            inventory.ensureSite(site.text("code"), site.text("name"), site.text("tag-prefix"),
                    site.optionalText("address").orElse(null));
        }
        records = MachineRecords.start(inventory, platform.database(),
                platform.settings().section("app.scan-cache").integer("max-mib"));
        intake = new IntakeService(platform.database(), inventory, platform.clock());
        workshop = new WorkshopService(platform.database(), platform.clock());
        queue = new WorkshopQueue(platform.database(), inventory, platform.pages());
        routes = List.of(
                new InventoryApi(platform.guard(), inventory, records, intake, workshop),
                new InventoryPages(platform.guard(), platform.pages(), inventory, records, intake, workshop,
                        platform.clock(), () -> assignments));
    }

    @Override
    public List<HttpService> routes() {
        return routes;
    }

    @Override
    public List<HomeSection> homeSections() {
        return List.of(queue);
    }

    @Override
    public void stop() {
        records.close();
    }

    /** The machine page lists the machine's assignments from there. */
    public void showAssignments(MachineAssignments source) {
        this.assignments = source;
    }

    public WorkshopService workshop() {
        return workshop;
    }

    public IntakeService intake() {
        return intake;
    }

    public List<Site> sites() {
        return inventory.sites();
    }

    /** Returns once every change committed before the call is forgotten by the scan lookup's memory. */
    public void catchUp(Duration timeout) throws TimeoutException {
        records.catchUp(timeout);
    }

    /** Whether the scan lookup keeps records (it does not while PostgreSQL's notices cannot be heard). */
    public boolean remembering() {
        return records.remembering();
    }
}
