package fr.parcsolidaire.imports;

import fr.parcsolidaire.platform.sql.Rows;
import fr.parcsolidaire.inventory.Site;
import fr.parcsolidaire.inventory.Tags;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Formats;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import jakarta.json.JsonArray;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The import's SQL (statements/imports.sql): lookups by whole lists, and the batched writes of a commit. */
final class ImportRepository {

    record DonationKey(long donorId, long siteId, LocalDate receivedOn) {
    }

    private ImportRepository() {
    }

    static List<Site> sites(DbExecute exec) {
        return exec.namedQuery("import-sites").map(r -> new Site(Rows.longValue(r, "id"), Rows.text(r, "code"),
                Rows.text(r, "name"), Rows.text(r, "tag_prefix"))).toList();
    }

    static void lock(DbExecute tx) {
        tx.namedGet("import-lock");
    }

    /** "le 28/11/2026 par Camille Martin (import n° 3)" when this very file was imported already. */
    static Optional<String> alreadyImported(DbExecute exec, String sha256, ZoneId zone) {
        return exec.createNamedGet("import-already-done").addParam("sha256", sha256).execute()
                .map(r -> "le " + Formats.date(Rows.timestamp(r, "created_at").atZoneSameInstant(zone).toLocalDate())
                        + " par " + Rows.text(r, "display_name") + " (import n° " + Rows.longValue(r, "id") + ")");
    }

    /** Serial key (Candidate.serialKey) → tag of the machine that already has it. */
    static Map<String, String> serialsTaken(DbExecute exec, JsonArray items) {
        Map<String, String> taken = new HashMap<>();
        if (items.isEmpty()) {
            return taken;
        }
        exec.createNamedQuery("import-serials-taken").addParam("items", items.toString()).execute().forEach(r ->
                taken.putIfAbsent(Rows.text(r, "type") + "/" + Rows.text(r, "serial").toUpperCase(java.util.Locale.ROOT),
                        Rows.text(r, "tag")));
        return taken;
    }

    static Set<String> tagsTaken(DbExecute exec, JsonArray tags) {
        Set<String> taken = new HashSet<>();
        if (!tags.isEmpty()) {
            exec.createNamedQuery("import-tags-taken").addParam("tags", tags.toString()).execute()
                    .forEach(r -> taken.add(Rows.text(r, "tag")));
        }
        return taken;
    }

    /** Name as asked → [id, name as recorded] of the oldest donor of that name. */
    static Map<String, DbRow> donorsByName(DbExecute exec, JsonArray names) {
        Map<String, DbRow> found = new HashMap<>();
        if (!names.isEmpty()) {
            exec.createNamedQuery("import-donors-by-name").addParam("names", names.toString()).execute()
                    .forEach(r -> found.put(Rows.text(r, "asked"), r));
        }
        return found;
    }

    static long insertImport(DbExecute tx, String fileName, String sha256, String source, String mapping, int rows,
                             int machines, int donorsCreated, int donations, long actorId) {
        return tx.createNamedGet("import-insert")
                .addParam("fileName", fileName).addParam("sha256", sha256).addParam("source", source)
                .addParam("mapping", mapping).addParam("rows", rows).addParam("machines", machines)
                .addParam("donorsCreated", donorsCreated).addParam("donations", donations).addParam("createdBy", actorId)
                .execute().map(r -> Rows.longValue(r, "id")).orElseThrow();
    }

    /** Name → id of each donor created. */
    static Map<String, Long> insertDonors(DbExecute tx, JsonArray donors, long actorId) {
        Map<String, Long> ids = new HashMap<>();
        if (!donors.isEmpty()) {
            tx.createNamedQuery("import-donors-insert").addParam("donors", donors.toString()).addParam("createdBy", actorId)
                    .execute().forEach(r -> ids.put(Rows.text(r, "name"), Rows.longValue(r, "id")));
        }
        return ids;
    }

    static Map<DonationKey, Long> insertDonations(DbExecute tx, JsonArray donations, String note, long actorId) {
        Map<DonationKey, Long> ids = new HashMap<>();
        tx.createNamedQuery("import-donations-insert").addParam("donations", donations.toString())
                .addParam("note", note).addParam("createdBy", actorId).execute()
                .forEach(r -> ids.put(new DonationKey(Rows.longValue(r, "donor_id"), Rows.longValue(r, "site_id"),
                        Rows.date(r, "received_on")), Rows.longValue(r, "id")));
        return ids;
    }

    static void raiseTagCounter(DbExecute tx, String prefix, int year, int value) {
        tx.createNamedInsert("import-tag-counter-raise").addParam("prefix", prefix).addParam("year", year)
                .addParam("value", value).execute();
    }

    /** Fresh tags for rows that bring none, as inventory's TagAllocator hands them out. */
    static List<String> allocateTags(DbExecute tx, String prefix, int year, int count) {
        int last = tx.createNamedGet("import-tags-allocate").addParam("prefix", prefix).addParam("year", year)
                .addParam("count", count).execute().map(r -> Rows.intOrNull(r, "last_value"))
                .orElseThrow(() -> HttpProblem.conflict("Plus assez de numéros d'inventaire libres pour "
                        + prefix + " en " + year + " : il en faudrait " + Refusals.number(count) + "."));
        List<String> tags = new ArrayList<>(count);
        for (int n = last - count + 1; n <= last; n++) {
            tags.add(Tags.format(prefix, year, n));
        }
        return tags;
    }

    static long insertMachines(DbExecute tx, JsonArray machines) {
        return tx.createNamedInsert("import-machines-insert").addParam("machines", machines.toString()).execute();
    }

    static long insertEvents(DbExecute tx, JsonArray events, long actorId) {
        return tx.createNamedInsert("import-events-insert").addParam("events", events.toString())
                .addParam("actorId", actorId).execute();
    }
}
