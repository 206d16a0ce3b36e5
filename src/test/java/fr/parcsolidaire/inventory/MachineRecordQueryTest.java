package fr.parcsolidaire.inventory;

import fr.parcsolidaire.SeededDatabase;
import fr.parcsolidaire.platform.http.Jsonp;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import fr.parcsolidaire.platform.sql.Statements;
import io.helidon.dbclient.DbRow;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The machine record statement (machine-by-tag) gives, for every machine of a seeded database, what the statement it
 * replaced gave (kept here as the reference): every column the same text, the events the same JSON once read (the
 * new one writes each event as a row, without json_build_object's spaces), and the same {@link Machine} once mapped.
 */
class MachineRecordQueryTest {


    /** machine-by-tag as it was before the events were written as rows. */
    private static final String BEFORE = """
            SELECT m.id, m.tag, m.type, m.brand, m.model, m.serial, m.state, m.grade, m.cpu, m.ram_gb, m.screen_inches,
                   m.battery_health, m.webcam, m.os_name, m.os_version, m.os_licence, m.donation_id, n.received_on,
                   d.name AS donor_name, s.id AS site_id, s.code AS site_code, s.name AS site_name, s.tag_prefix, m.location,
                   (SELECT CAST(coalesce(json_agg(json_build_object(
                               'id', sd.id, 'kind', sd.kind, 'capacityGb', sd.capacity_gb, 'serial', sd.serial, 'model', sd.model,
                               'method', e.method, 'tool', e.tool, 'passes', e.passes, 'verified', e.verified, 'result', e.result,
                               'performedOn', e.performed_on, 'technician', u.username) ORDER BY sd.id), '[]') AS text)
                      FROM storage_devices sd
                      LEFT JOIN LATERAL (SELECT * FROM erasures x WHERE x.storage_device_id = sd.id ORDER BY x.id DESC LIMIT 1) e ON true
                      LEFT JOIN users u ON u.id = e.technician_id
                     WHERE sd.machine_id = m.id) AS storage,
                   (SELECT CAST(coalesce(json_agg(json_build_object(
                               'id', ev.id, 'kind', ev.kind, 'from', ev.from_state, 'to', ev.to_state, 'actor', u.username,
                               'at', CAST(extract(epoch FROM ev.at) * 1000000 AS bigint), 'note', ev.note, 'data', ev.data)
                               ORDER BY ev.id), '[]') AS text)
                      FROM machine_events ev
                      JOIN users u ON u.id = ev.actor_id
                     WHERE ev.machine_id = m.id) AS events
              FROM machines m
              JOIN sites s ON s.id = m.site_id
              JOIN donations n ON n.id = m.donation_id
              JOIN donors d ON d.id = n.donor_id
             WHERE m.tag = ANY(?)
            """;

    private static SeededDatabase seeded;
    private static String url;
    private static Database database;

    @BeforeAll
    static void seed() throws Exception {
        seeded = SeededDatabase.create("parc_record", 2000, "statements/inventory.sql");
        url = seeded.url();
        database = seeded.database();
    }

    @AfterAll
    static void drop() {
        if (seeded != null) {
            seeded.close();
        }
    }

    @Test
    void everySeededMachineReadsAsBefore() throws Exception {
        String after = Statements.text("statements/inventory.sql", "machine-by-tag");
        List<String> tags = new ArrayList<>();
        int events = 0;
        int erased = 0;
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT tag FROM machines ORDER BY id")) {
                while (rs.next()) {
                    tags.add(rs.getString(1));
                }
            }
            Map<String, List<String>> before = rows(c, BEFORE, tags);
            Map<String, List<String>> now = rows(c, after, tags);
            assertEquals(tags.size(), before.size());
            assertEquals(before.keySet(), now.keySet());
            for (String tag : tags) {
                List<String> old = before.get(tag);
                List<String> fresh = now.get(tag);
                int last = old.size() - 1;
                assertEquals(old.subList(0, last), fresh.subList(0, last), tag);
                assertEquals(json(old.get(last)), json(fresh.get(last)), tag + " events");
                events += json(fresh.get(last)).asJsonArray().size();
                erased += old.get(last - 1).contains("\"method\" : \"") ? 1 : 0;
            }
        }
        // The seeded history is long and varied enough for the comparison to mean something.
        assertTrue(events > 10 * tags.size() / 2, "events: " + events);
        assertTrue(erased > 100, "machines with an erasure: " + erased);

        InventoryRepository inventory = new InventoryRepository(database);
        for (int from = 0; from < tags.size(); from += 500) {
            List<String> batch = tags.subList(from, Math.min(tags.size(), from + 500));
            Map<String, DbRow> old = new HashMap<>();
            database.client().execute().createQuery(BEFORE).addParam(batch.toArray(String[]::new)).execute()
                    .forEach(r -> old.put(Rows.text(r, "tag"), r));
            Map<String, DbRow> fresh = inventory.machineRows(batch);
            for (String tag : batch) {
                assertEquals(InventoryRepository.machine(old.get(tag)), InventoryRepository.machine(fresh.get(tag)), tag);
            }
        }
    }

    /** Each machine's columns as text, by tag, the events last. */
    private static Map<String, List<String>> rows(Connection c, String sql, List<String> tags) throws SQLException {
        Map<String, List<String>> rows = new HashMap<>();
        try (var st = c.prepareStatement(sql)) {
            st.setArray(1, c.createArrayOf("text", tags.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                assertEquals("events", rs.getMetaData().getColumnLabel(columns));
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getMetaData().getColumnLabel(i) + "=" + rs.getString(i));
                    }
                    rows.put(rs.getString("tag"), row);
                }
            }
        }
        return rows;
    }

    private static JsonValue json(String column) {
        try (var reader = Jsonp.reader(new StringReader(column.substring("events=".length())))) {
            return reader.readValue();
        }
    }
}
