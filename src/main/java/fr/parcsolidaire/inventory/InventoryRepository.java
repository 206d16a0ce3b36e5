package fr.parcsolidaire.inventory;

import fr.parcsolidaire.platform.http.Jsonp;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads of donors, donations and machines. Writes live in the services that own the rules. */
public final class InventoryRepository {

    private final Database database;

    public InventoryRepository(Database database) {
        this.database = database;
    }

    /** A site declared in the settings (app.sites): created when missing, left as it is otherwise. */
    void ensureSite(String code, String name, String tagPrefix, String address) {
        database.client().execute().createNamedDmlStatement("site-insert")
                .addParam("code", code).addParam("name", name).addParam("tagPrefix", tagPrefix)
                .addParam("address", address).execute();
    }

    public List<Site> sites() {
        return database.client().execute().namedQuery("sites-all").map(InventoryRepository::site).toList();
    }

    public Optional<Site> site(String code) {
        return database.client().execute().createNamedGet("site-by-code").addParam("code", code).execute().map(InventoryRepository::site);
    }

    public List<Donor> donors() {
        return database.client().execute().namedQuery("donors-all").map(InventoryRepository::donor).toList();
    }

    public Optional<Donor> donor(long id) {
        return database.client().execute().createNamedGet("donor-by-id").addParam("id", id).execute().map(InventoryRepository::donor);
    }

    public List<Donation> recentDonations(int limit, int offset) {
        return database.client().execute().createNamedQuery("donations-recent")
                .addParam("limit", limit).addParam("offset", offset).execute()
                .map(InventoryRepository::donation).toList();
    }

    public Optional<Donation> donation(long id) {
        return database.client().execute().createNamedGet("donation-by-id").addParam("id", id).execute().map(InventoryRepository::donation);
    }

    public MachinePage machines(MachineFilter f) {
        List<DbRow> rows = database.client().execute().createNamedQuery("machines-page")
                .addParam("state", f.state() == null ? null : f.state().name())
                .addParam("type", f.type() == null ? null : f.type().name())
                .addParam("site", f.site())
                .addParam("grade", f.grade() == null ? null : f.grade().name())
                .addParam("donation", f.donation())
                .addParam("q", f.q())
                .addParam("pattern", f.pattern())
                .addParam("limit", MachineFilter.PAGE_SIZE)
                .addParam("offset", (f.page() - 1) * MachineFilter.PAGE_SIZE)
                .execute().toList();
        long total = rows.isEmpty() ? 0 : Rows.longValue(rows.getFirst(), "total");
        List<MachineRow> items = rows.stream().map(r -> new MachineRow(Rows.text(r, "tag"),
                MachineType.valueOf(Rows.text(r, "type")), Rows.text(r, "brand"), Rows.text(r, "model"),
                Rows.text(r, "serial"), MachineState.valueOf(Rows.text(r, "state")), grade(r),
                Rows.decimal(r, "ram_gb"), Rows.text(r, "site_code"), Rows.longValue(r, "donation_id"))).toList();
        return new MachinePage(items, f.page(), MachineFilter.PAGE_SIZE, total);
    }

    public Optional<Machine> machine(String tag) {
        return machine(database.client().execute(), tag);
    }

    /** Reads within a transaction too, so a write can answer with what it wrote. */
    public static Optional<Machine> machine(DbExecute exec, String tag) {
        return Optional.ofNullable(machineRows(exec, List.of(tag)).get(tag)).map(InventoryRepository::machine);
    }

    /**
     * The records of these machines in one statement, as rows by tag (unknown tags are absent). Mapped to a
     * {@link Machine} by each caller ({@link #machine(DbRow)}): the scan lookup's batch (MachineLoader) reads the rows,
     * and every waiting request maps its own on its own thread.
     */
    Map<String, DbRow> machineRows(Collection<String> tags) {
        return machineRows(database.client().execute(), tags);
    }

    private static Map<String, DbRow> machineRows(DbExecute exec, Collection<String> tags) {
        Map<String, DbRow> rows = new HashMap<>();
        exec.createNamedQuery("machine-by-tag").addParam(tags.toArray(String[]::new)).execute()
                .forEach(r -> rows.put(Rows.text(r, "tag"), r));
        return rows;
    }

    static Machine machine(DbRow r) {
        long id = Rows.longValue(r, "id");
        List<MachineEvent> events = events(Rows.text(r, "events"));
        return new Machine(id, Rows.text(r, "tag"), MachineType.valueOf(Rows.text(r, "type")),
                Rows.text(r, "brand"), Rows.text(r, "model"), Rows.text(r, "serial"),
                MachineState.valueOf(Rows.text(r, "state")), grade(r), Rows.text(r, "cpu"),
                Rows.decimal(r, "ram_gb"), Rows.decimal(r, "screen_inches"), Rows.intOrNull(r, "battery_health"),
                Rows.bool(r, "webcam"),
                Rows.text(r, "os_name"), Rows.text(r, "os_version"), Rows.text(r, "os_licence"),
                new Site(Rows.longValue(r, "site_id"), Rows.text(r, "site_code"), Rows.text(r, "site_name"),
                        Rows.text(r, "tag_prefix")), Rows.text(r, "location"),
                Rows.longValue(r, "donation_id"), Rows.text(r, "donor_name"), Rows.date(r, "received_on"),
                storage(Rows.text(r, "storage")), events, NoStorageStatement.inForce(events));
    }

    public Map<MachineState, Long> countsByState() {
        Map<MachineState, Long> counts = new EnumMap<>(MachineState.class);
        for (MachineState s : MachineState.values()) {
            counts.put(s, 0L);
        }
        database.client().execute().namedQuery("machine-counts-by-state")
                .forEach(r -> counts.put(MachineState.valueOf(Rows.text(r, "state")), Rows.longValue(r, "n")));
        return counts;
    }

    private static List<StorageDevice> storage(String json) {
        return array(json).stream().map(JsonValue::asJsonObject).map(o -> {
            Erasure last = text(o, "method") == null ? null : new Erasure(
                    ErasureMethod.valueOf(text(o, "method")), text(o, "tool"), o.getInt("passes"),
                    o.getBoolean("verified"), text(o, "result"), LocalDate.parse(text(o, "performedOn")),
                    text(o, "technician"));
            return new StorageDevice(o.getJsonNumber("id").longValue(), StorageKind.valueOf(text(o, "kind")),
                    o.isNull("capacityGb") ? null : o.getJsonNumber("capacityGb").bigDecimalValue(),
                    text(o, "serial"), text(o, "model"), last);
        }).toList();
    }

    private static List<MachineEvent> events(String json) {
        return array(json).stream().map(JsonValue::asJsonObject).map(o -> new MachineEvent(o.getJsonNumber("id").longValue(),
                MachineEventKind.valueOf(text(o, "kind")), state(text(o, "from")), state(text(o, "to")), text(o, "actor"),
                epochMicros(o.getJsonNumber("at").longValue()), text(o, "note"), o.getJsonObject("data"))).toList();
    }

    private static OffsetDateTime epochMicros(long micros) {
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000),
                Math.floorMod(micros, 1_000_000) * 1000L), ZoneOffset.UTC);
    }

    private static JsonArray array(String json) {
        try (var reader = Jsonp.reader(new StringReader(json))) {
            return reader.readArray();
        }
    }

    private static String text(JsonObject o, String key) {
        return o.isNull(key) ? null : o.getString(key);
    }

    private static MachineState state(String s) {
        return s == null ? null : MachineState.valueOf(s);
    }

    private static Grade grade(DbRow r) {
        String g = Rows.text(r, "grade");
        return g == null ? null : Grade.valueOf(g);
    }

    static Site site(DbRow r) {
        return new Site(Rows.longValue(r, "id"), Rows.text(r, "code"), Rows.text(r, "name"), Rows.text(r, "tag_prefix"));
    }

    private static Donor donor(DbRow r) {
        return new Donor(Rows.longValue(r, "id"), DonorKind.valueOf(Rows.text(r, "kind")), Rows.text(r, "name"),
                Rows.text(r, "contact_name"), Rows.text(r, "email"), Rows.text(r, "phone"),
                Rows.longValue(r, "donations"), Rows.longValue(r, "machines"));
    }

    private static Donation donation(DbRow r) {
        return new Donation(Rows.longValue(r, "id"), Rows.longValue(r, "donor_id"), Rows.text(r, "donor_name"),
                Rows.text(r, "site_code"), Rows.text(r, "site_name"), Rows.date(r, "received_on"), Rows.text(r, "note"),
                Rows.longValue(r, "machine_count"));
    }
}
