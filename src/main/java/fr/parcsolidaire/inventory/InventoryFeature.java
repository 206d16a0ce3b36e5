package fr.parcsolidaire.inventory;

import fr.parcsolidaire.platform.Feature;
import fr.parcsolidaire.platform.Platform;
import fr.parcsolidaire.platform.http.HomeSection;
import fr.parcsolidaire.platform.settings.Settings;
import io.helidon.webserver.http.HttpService;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Sites, donors, donations and machines through reconditioning, and the scan lookup's memory of machine records.
 * Other features reach the workshop through {@link #workshop()} and {@link #intake()}.
 */
public final class InventoryFeature implements Feature {

    private volatile MachineAssignments assignments = MachineAssignments.NONE;
    private volatile MachineProspects prospects = MachineProspects.NONE;
    private volatile MachineEvidence evidence = MachineEvidence.NONE;
    private volatile DiskHealth diskHealth = DiskHealth.NONE;
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
        int scanCacheMiB = platform.settings().section("app.scan-cache").integer("max-mib");
        records = MachineRecords.start(inventory, platform.database(), scanCacheMiB);
        // Someone who just wrote through another instance reads their write here too (platform/http/ReadYourWrites).
        platform.database().freshness().register(timeout -> {
            if (records.remembering()) {
                try {
                    records.catchUp(timeout);
                } catch (TimeoutException late) {
                    // The notices are slow (a loaded machine): forget everything kept rather than wait longer or refuse.
                    // The next reads go to PostgreSQL, which has every committed write; a read already under way when
                    // this forgetting happens is not kept (MachineRecords' count of forgettings).
                    records.forget("*");
                }
            }
        });
        intake = new IntakeService(platform.database(), inventory, platform.clock());
        workshop = new WorkshopService(platform.database(), platform.clock(), () -> diskHealth);
        SpecsCorrections specs = new SpecsCorrections(platform.database());
        queue = new WorkshopQueue(platform.database(), inventory, platform.pages());
        routes = List.of(
                new InventoryApi(platform.guard(), inventory, records, intake, workshop, specs),
                new InventoryPages(platform.guard(), platform.pages(), inventory, records, intake, workshop, specs,
                        platform.clock(), () -> assignments, () -> prospects, () -> evidence,
                        platform.database().client(), scanCacheMiB));
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

    /** The machine page shows its reservation and the best-matching waiting people from there. */
    public void showProspects(MachineProspects source) {
        this.prospects = source;
    }

    /** The machine page shows the machine's erasure evidence from there. */
    public void showEvidence(MachineEvidence source) {
        this.evidence = source;
    }

    /** The erasure gate also asks this whether a disk's health keeps the machine in the workshop. */
    public void checkDiskHealth(DiskHealth source) {
        this.diskHealth = source;
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

    /**
     * A value shared by every machine page, kept by this instance until a change announces {@code key} ("*" included;
     * never while notices cannot be heard): loans keeps the open waiting list this way (V33 announces 'waiting-list').
     * Before {@link #start} nothing is kept.
     */
    public <V> Supplier<V> keep(String key, Supplier<V> load) {
        return records.keep(key, load);
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
