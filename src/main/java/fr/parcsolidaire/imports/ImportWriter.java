package fr.parcsolidaire.imports;

import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.http.Jsonp;
import io.helidon.dbclient.DbExecute;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a checked plan inside the commit's transaction, a handful of statements whatever the size of the file:
 * the journal entry, the new donors, one donation per donor, date and site, fresh tags for rows without one,
 * the machines in their entry state, and one IMPORTED event each.
 */
final class ImportWriter {

    private final DbExecute tx;
    private final ImportPlanner.Plan plan;
    private final User actor;

    ImportWriter(DbExecute tx, ImportPlanner.Plan plan, User actor) {
        this.tx = tx;
        this.plan = plan;
        this.actor = actor;
    }

    ImportOutcome write(String fileName, String sha256, String source) {
        ImportReport report = plan.report();
        long importId = ImportRepository.insertImport(tx, fileName, sha256, source, mappingJson(), report.rows(),
                report.machines(), report.donorsToCreate().size(), report.donations(), actor.id());
        Map<String, Long> donorIds = donorIds();
        Map<ImportRepository.DonationKey, Long> donationIds = donations(importId, fileName, donorIds);
        List<String> tags = tags();
        JsonArrayBuilder machines = Jsonp.arrayBuilder();
        JsonArrayBuilder events = Jsonp.arrayBuilder();
        for (int i = 0; i < plan.machines().size(); i++) {
            Candidate c = plan.machines().get(i);
            long donationId = donationIds.get(donationKey(c, donorIds));
            JsonObjectBuilder machine = Jsonp.objectBuilder().add("tag", tags.get(i)).add("donation_id", donationId)
                    .add("site_id", c.site().id()).add("type", c.type().name()).add("state", c.entry().name());
            putIfPresent(machine, "brand", c.brand());
            putIfPresent(machine, "model", c.model());
            putIfPresent(machine, "serial", c.serial());
            machines.add(machine);
            JsonObjectBuilder data = Jsonp.objectBuilder().add("importId", importId).add("fileName", fileName).add("line", c.line())
                    .add("donationId", donationId);
            if (c.entry() != c.declared()) {
                data.add("declaredState", c.declared().name());
            }
            putIfPresent(data, "previousTag", c.previousTag());
            JsonObjectBuilder event = Jsonp.objectBuilder().add("tag", tags.get(i)).add("state", c.entry().name())
                    .add("data", data);
            putIfPresent(event, "note", c.entry() != c.declared() ? EntryState.HELD_BACK_NOTE : null);
            events.add(event);
        }
        long inserted = ImportRepository.insertMachines(tx, machines.build());
        long recorded = ImportRepository.insertEvents(tx, events.build(), actor.id());
        if (inserted != plan.machines().size() || recorded != inserted) {
            // Cannot happen while tags are unique; if it did, the transaction must not commit a partial import.
            throw new IllegalStateException("import wrote " + inserted + " machines and " + recorded + " events for "
                    + plan.machines().size() + " rows");
        }
        return new ImportOutcome(importId, report, List.copyOf(tags));
    }

    private Map<String, Long> donorIds() {
        JsonArrayBuilder toCreate = Jsonp.arrayBuilder();
        plan.donors().values().stream().filter(d -> d.existingId() == null)
                .forEach(d -> toCreate.add(Jsonp.objectBuilder().add("kind", d.kind().name()).add("name", d.name())));
        Map<String, Long> created = ImportRepository.insertDonors(tx, toCreate.build(), actor.id());
        Map<String, Long> ids = new HashMap<>();
        plan.donors().forEach((key, d) -> ids.put(key, d.existingId() != null ? d.existingId() : created.get(d.name())));
        return ids;
    }

    private Map<ImportRepository.DonationKey, Long> donations(long importId, String fileName, Map<String, Long> donorIds) {
        Map<ImportRepository.DonationKey, Boolean> keys = new LinkedHashMap<>();
        plan.machines().forEach(c -> keys.put(donationKey(c, donorIds), true));
        JsonArrayBuilder rows = Jsonp.arrayBuilder();
        keys.keySet().forEach(k -> rows.add(Jsonp.objectBuilder().add("donor_id", k.donorId()).add("site_id", k.siteId())
                .add("received_on", k.receivedOn().toString())));
        String note = "Import n° " + importId + " du fichier « " + fileName + " ».";
        return ImportRepository.insertDonations(tx, rows.build(), note, actor.id());
    }

    private static ImportRepository.DonationKey donationKey(Candidate c, Map<String, Long> donorIds) {
        return new ImportRepository.DonationKey(donorIds.get(ImportPlanner.donorKey(c.donorName())), c.site().id(),
                c.receivedOn());
    }

    /** Each row's tag in file order: its own when it keeps one, else the next one of its site's prefix and year. */
    private List<String> tags() {
        Map<String, List<Integer>> waiting = new LinkedHashMap<>();
        List<String> tags = new ArrayList<>(plan.machines().size());
        for (int i = 0; i < plan.machines().size(); i++) {
            Candidate c = plan.machines().get(i);
            tags.add(c.tag());
            if (c.tag() == null) {
                waiting.computeIfAbsent(c.site().tagPrefix() + "-" + c.receivedOn().getYear(), k -> new ArrayList<>()).add(i);
            }
        }
        waiting.forEach((prefixYear, rows) -> {
            String[] parts = prefixYear.split("-");
            List<String> fresh = ImportRepository.allocateTags(tx, parts[0], Integer.parseInt(parts[1]), rows.size());
            for (int j = 0; j < rows.size(); j++) {
                tags.set(rows.get(j), fresh.get(j));
            }
        });
        return tags;
    }

    private String mappingJson() {
        JsonObjectBuilder columns = Jsonp.objectBuilder();
        plan.mapping().columns().forEach((field, column) -> columns.add(field.name(), column));
        JsonObjectBuilder mapping = Jsonp.objectBuilder().add("headerLine", plan.mapping().headerLine()).add("columns", columns);
        ImportRequest r = plan.request();
        putIfPresent(mapping, "defaultSite", r.defaultSite());
        putIfPresent(mapping, "defaultReceivedOn", r.defaultReceivedOn() == null ? null : r.defaultReceivedOn().toString());
        mapping.add("newDonorKind", r.donorKindOrDefault().name());
        return mapping.build().toString();
    }

    private static void putIfPresent(JsonObjectBuilder b, String key, String value) {
        if (value != null) {
            b.add(key, value);
        }
    }
}
