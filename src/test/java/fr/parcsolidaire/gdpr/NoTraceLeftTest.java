package fr.parcsolidaire.gdpr;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import fr.parcsolidaire.platform.http.ImageBombs;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, item 10: anonymisation (the retention sweep and the right to erasure alike) used to leave free text
 * behind: notes of loans, returns, incidents and enrolments can name the person. Here a person's first name, last
 * name, phone and e-mail are written into every text and JSON column of every row that belongs to them — found
 * from the database's own catalogue, not from a list kept by hand — then the person is anonymised, and every
 * text, JSON and binary column of every table of the database is searched for those words.
 */
class NoTraceLeftTest {

    /** Kept on purpose for the aggregated statistics: the town, not the person. */
    private static final Set<String> KEPT = Set.of("beneficiaries.commune");
    /**
     * Written only by the program, with codes: no path from what a person types leads there (a CHECK constraint
     * already keeps free text out of every other coded column, and the test finds those by itself).
     */
    private static final Set<String> CODES = Set.of(
            "enrolment_events.from_status", "enrolment_events.to_status",
            "assignments.machine_type", "machine_events.machine_type", "machine_first_use.machine_type",
            "machine_events.from_state", "machine_events.to_state",
            // The outbox's own codes: a reminder's key (rule, loan id, date), the worker's host and process, the id
            // the mail server or SMS gateway gave, and the states of its journal.
            "outbox.dedup_key", "outbox.claimed_by", "outbox.reference", "outbox_events.from_state",
            "outbox_events.to_state", "outbox_events.worker");
    /** Columns that must have taken the words, so that the test cannot pass by writing nowhere. */
    private static final Set<String> MUST_HOLD_TEXT = Set.of("beneficiaries.last_name", "beneficiaries.first_name",
            "beneficiaries.phone", "beneficiaries.email", "beneficiaries.referring_structure", "assignments.accessories",
            "assignment_events.note", "assignment_events.data", "incidents.note", "enrolment_events.note",
            "beneficiary_events.data", "beneficiary_access_log.detail", "machine_events.note", "machine_events.data",
            "outbox.recipient", "outbox.subject", "outbox.body", "outbox.last_error", "outbox_events.detail",
            "postal_addresses.street",
            "waiting_list_entries.priority_reason", "waiting_list_events.note", "waiting_list_events.data",
            "reservations.note", "reservation_events.note", "reservation_events.data",
            "assignment_item_events.note", "assignment_item_events.data");

    private final TestApp app = TestApp.get();

    /** The words that identify one person, random so that no other test writes them. */
    record Person(String firstName, String lastName, String phone, String email) {
        static Person random() {
            SecureRandom r = new SecureRandom();
            StringBuilder token = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                token.append((char) ('a' + r.nextInt(26)));
            }
            String phone = String.format("06 %02d %02d %02d %02d", r.nextInt(100), r.nextInt(100), r.nextInt(100), r.nextInt(100));
            return new Person("Ysaline" + token, "Kervadec" + token, phone, "ysaline.kervadec." + token + "@exemple.fr");
        }

        List<String> words() {
            return List.of(firstName, lastName, phone, phone.replace(" ", ""), email);
        }

        String sentence() {
            return "Rappeler " + firstName + " " + lastName + " au " + phone + " ou " + email;
        }
    }

    @Test
    void theRetentionSweepLeavesNoneOfThePersonsWordsInAnyTable() throws Exception {
        Person p = Person.random();
        History h = history(p);
        Map<String, Long> statistics = statistics(h.beneficiary());
        age(h.beneficiary());

        app.app().feature(GdprFeature.class).anonymiser().sweep(24);

        assertNoTrace(p, h, statistics, "RETENTION");
    }

    @Test
    void theRightToErasureLeavesNoneOfThePersonsWordsInAnyTable() throws Exception {
        Person p = Person.random();
        History h = history(p);
        Map<String, Long> statistics = statistics(h.beneficiary());

        Fixtures.expect(200, Http.api(Role.SOCIAL_WORKER).postJson("/api/v1/beneficiaries/" + h.beneficiary() + "/anonymise",
                "{\"confirm\":true}"));

        assertNoTrace(p, h, statistics, "REQUEST");
    }

    private void assertNoTrace(Person p, History h, Map<String, Long> statistics, String reason) throws Exception {
        assertEquals(List.of(), traces(p), "every word of the person is gone from every table");
        assertEquals(statistics, statistics(h.beneficiary()), "the statistics keep their inputs and no row was deleted");
        JsonObject event = Json.createReader(new java.io.StringReader(text("SELECT data::text FROM beneficiary_events "
                + "WHERE kind = 'ANONYMISED' AND beneficiary_id = " + h.beneficiary()))).readObject();
        assertEquals(reason, event.getString("reason"));
        // One row at least in each of the seven tables that hold the person's free text.
        assertTrue(event.getJsonNumber("textsCleared").longValue() >= 7, event.toString());
        // The machine's record is served from memory: it must have forgotten the words too.
        String record = Http.api(Role.ADMIN).get("/api/v1/machines/" + h.tag()).body();
        for (String word : p.words()) {
            assertFalse(record.contains(word), word + " still in " + record);
        }
        String page = Http.browser(Role.SOCIAL_WORKER).get("/assignments/" + h.assignment()).body();
        for (String word : p.words()) {
            assertFalse(page.contains(word), word + " still on the assignment page");
        }
    }

    record History(long beneficiary, long assignment, String tag) {
    }

    /**
     * The person's whole path through the service, made through the API as a social worker would, with their
     * words typed in every free field; then written by SQL into every text and JSON column of their rows.
     */
    private History history(Person p) throws Exception {
        Http social = Http.api(Role.SOCIAL_WORKER);
        long beneficiary = Http.json(Fixtures.expect(201, social.postJson("/api/v1/beneficiaries", Json.createObjectBuilder()
                .add("lastName", p.lastName()).add("firstName", p.firstName()).add("phone", p.phone()).add("email", p.email())
                .add("referringStructure", "CCAS, suivi par " + p.firstName()).add("commune", "Montreuil").add("postcode", "93100")
                .add("ageBracket", "FROM_45_TO_59").add("situation", "RSA").add("gdprNoticeOn", LocalDate.now().toString())
                .build()))).getJsonNumber("id").longValue();
        Fixtures.expect(200, social.postJson("/api/v1/beneficiaries/" + beneficiary, Json.createObjectBuilder()
                .add("lastName", p.lastName()).add("firstName", p.firstName()).add("phone", p.phone()).add("email", p.email())
                .add("referringStructure", "Mission locale").add("commune", "Montreuil").add("postcode", "93100")
                .add("ageBracket", "FROM_45_TO_59").add("situation", "RSA").add("gdprNoticeOn", LocalDate.now().toString())
                .build()));

        // Reminders: consents by e-mail and letter (with the street line), and a message waiting with an error.
        Fixtures.expect(200, social.postJson("/api/v1/beneficiaries/" + beneficiary + "/consents",
                Json.createObjectBuilder().add("channel", "EMAIL").add("given", true).build()));
        Fixtures.expect(200, social.postJson("/api/v1/beneficiaries/" + beneficiary + "/consents",
                Json.createObjectBuilder().add("channel", "LETTER").add("given", true).add("street", "3 rue " + p.lastName()).build()));
        app.sql("INSERT INTO outbox (beneficiary_id, site_id, channel, template, recipient, subject, body, last_error) "
                + "SELECT id, site_id, 'EMAIL', 'loan-due-soon', email, 'Rappel', 'Bonjour', 'Nouvel essai prévu.' "
                + "FROM beneficiaries WHERE id = " + beneficiary);

        long course = Http.json(Fixtures.expect(201, social.postJson("/api/v1/courses", Json.createObjectBuilder()
                .add("name", "Parcours " + java.util.UUID.randomUUID()).build()))).getJsonNumber("id").longValue();
        long session = Http.json(Fixtures.expect(201, social.postJson("/api/v1/courses/" + course + "/sessions",
                Json.createObjectBuilder().add("label", "Session").add("startsOn", LocalDate.now().toString())
                        .add("endsOn", LocalDate.now().plusMonths(2).toString()).build()))).getJsonNumber("id").longValue();
        long enrolment = Http.json(Fixtures.expect(201, social.postJson("/api/v1/sessions/" + session + "/enrolments",
                Json.createObjectBuilder().add("beneficiaryId", beneficiary).build()))).getJsonNumber("id").longValue();
        Fixtures.expect(200, social.postJson("/api/v1/enrolments/" + enrolment + "/status", Json.createObjectBuilder()
                .add("status", "DROPPED_OUT").add("note", p.sentence()).build()));

        // Issue 14: the waiting list, a reservation and a kit, with the person's words in each free field.
        Fixtures.expect(201, social.postJson("/api/v1/waiting-list", Json.createObjectBuilder().add("beneficiaryId", beneficiary)
                .add("uses", Json.createArrayBuilder().add("JOB_SEARCH")).add("priority", "HIGH")
                .add("priorityReason", p.sentence()).add("children", "ONE").add("internet", "NONE").add("note", p.sentence())
                .build()));
        String tag = Fixtures.readyMachine();
        String kitItem = Fixtures.readyMachine();
        Fixtures.expect(201, social.postJson("/api/v1/reservations", Json.createObjectBuilder().add("machineTag", tag)
                .add("beneficiaryId", beneficiary).add("until", LocalDate.now().plusDays(5).toString()).add("note", p.sentence())
                .build()));
        long assignment = Http.json(Fixtures.expect(201, social.postJson("/api/v1/assignments", Json.createObjectBuilder()
                .add("machineTag", tag).add("beneficiaryId", beneficiary).add("kind", "LOAN")
                .add("dueOn", LocalDate.now().plusMonths(1).toString()).add("note", p.sentence())
                .add("accessories", Json.createArrayBuilder().add("Chargeur").add("Sacoche de " + p.firstName()))
                .add("items", Json.createArrayBuilder().add(Json.createObjectBuilder().add("tag", kitItem))
                        .add(Json.createObjectBuilder().add("name", "Clé 4G de " + p.firstName())))
                .build()))).getJsonNumber("id").longValue();
        long item = app.count("SELECT min(id) FROM assignment_items WHERE assignment_id = " + assignment);
        Fixtures.expect(200, social.postJson("/api/v1/kit-items/" + item + "/return", Json.createObjectBuilder()
                .add("condition", "WORN").add("note", p.sentence()).build()));
        Fixtures.expect(200, social.postJson("/api/v1/assignments/" + assignment + "/extend", Json.createObjectBuilder()
                .add("dueOn", LocalDate.now().plusMonths(2).toString()).add("note", p.sentence()).build()));
        Fixtures.expect(201, social.postJson("/api/v1/assignments/" + assignment + "/incidents", Json.createObjectBuilder()
                .add("kind", "BREAKAGE").add("note", p.sentence()).build()));
        Fixtures.expect(201, social.send(social.request("/api/v1/assignments/" + assignment + "/scans")
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(pngWithText(p.sentence()))).build()));
        Fixtures.expect(200, social.postJson("/api/v1/assignments/" + assignment + "/return", Json.createObjectBuilder()
                .add("condition", "DAMAGED").add("note", p.sentence())
                .add("missingAccessories", Json.createArrayBuilder().add("Sacoche de " + p.firstName())).build()));
        assertEquals(200, social.get("/api/v1/beneficiaries/" + beneficiary).statusCode());

        List<String> written = writeEverywhere(beneficiary, p);
        assertTrue(written.containsAll(MUST_HOLD_TEXT), "the words went into " + written);
        // The service hears of the direct writes, then its memory of the machine holds the words, as it would have.
        app.sql("SELECT announce_machine_changes(ARRAY['" + tag + "'])");
        assertTrue(Http.api(Role.ADMIN).get("/api/v1/machines/" + tag).body().contains(p.lastName()));
        assertFalse(traces(p).isEmpty());
        return new History(beneficiary, assignment, tag);
    }

    /** A real PNG whose tEXt chunk (a photo's caption) carries the sentence. */
    private static byte[] pngWithText(String sentence) throws IOException {
        byte[] png = ImageBombs.png(200, 100, 8, ImageBombs.RGB);
        byte[] data = ("Comment\0" + sentence).getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(chunk);
        d.writeInt(data.length);
        byte[] type = "tEXt".getBytes(StandardCharsets.US_ASCII);
        d.write(type);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(type);
        crc.update(data);
        d.writeInt((int) crc.getValue());
        int ihdrEnd = 8 + 4 + 4 + 13 + 4;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, ihdrEnd);
        out.write(chunk.toByteArray());
        out.write(png, ihdrEnd, png.length - ihdrEnd);
        return out.toByteArray();
    }

    /**
     * The rows of the person: the beneficiary, then every table that references one of their rows, found by
     * following foreign keys from beneficiaries (assignments, their events, incidents, contracts, scans,
     * enrolments, their events, journals); plus the machine events of their loans, which name the loan in their
     * data rather than by a foreign key. Table → SQL condition selecting the person's rows.
     */
    private Map<String, String> rowsOfThePerson(Connection c, long beneficiary) throws SQLException {
        Map<String, String> where = new LinkedHashMap<>();
        where.put("beneficiaries", "id = " + beneficiary);
        List<String[]> keys = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, pa.attname
                  FROM pg_constraint c
                  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                  JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
                 WHERE c.contype = 'f' AND cardinality(c.conkey) = 1
                   AND c.connamespace = 'public'::regnamespace""")) {
            while (rs.next()) {
                keys.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (String[] k : keys) {
                if (where.containsKey(k[2]) && !where.containsKey(k[0])) {
                    where.put(k[0], k[1] + " IN (SELECT " + k[3] + " FROM " + k[2] + " WHERE " + where.get(k[2]) + ")");
                    grew = true;
                }
            }
        }
        where.put("machine_events", "data->>'assignmentId' IN (SELECT id::text FROM assignments WHERE " + where.get("assignments") + ")");
        return where;
    }

    /** Writes the words into every text and JSON column of the person's rows (triggers off); returns where they went. */
    private List<String> writeEverywhere(long beneficiary, Person p) throws SQLException {
        List<String> written = new ArrayList<>();
        try (Connection c = app.connection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                // Append-only tables forbid changes: this test plays a writer that went around the service.
                st.execute("SET LOCAL session_replication_role = replica");
            }
            Map<String, String> rows = rowsOfThePerson(c, beneficiary);
            for (Map.Entry<String, String> table : rows.entrySet()) {
                for (String[] column : textColumns(c, table.getKey())) {
                    String name = table.getKey() + "." + column[0];
                    if (KEPT.contains(name) || CODES.contains(name)) {
                        continue;
                    }
                    boolean json = column[1].startsWith("json");
                    String set = json
                            ? column[0] + " = CASE jsonb_typeof(" + column[0] + "::jsonb) WHEN 'array' THEN " + column[0]
                              + "::jsonb || to_jsonb(CAST(? AS text)) ELSE coalesce(" + column[0]
                              + "::jsonb, '{}') || jsonb_build_object('note', CAST(? AS text)) END"
                            : column[0] + " = ?";
                    boolean done = false;
                    for (String words : List.of(p.sentence(), p.firstName(), p.phone())) {
                        Savepoint sp = c.setSavepoint();
                        try (PreparedStatement st = c.prepareStatement("UPDATE " + table.getKey() + " SET " + set
                                + " WHERE " + table.getValue())) {
                            st.setString(1, words);
                            if (json) {
                                st.setString(2, words);
                            }
                            done = st.executeUpdate() > 0;
                            c.releaseSavepoint(sp);
                            break;
                        } catch (SQLException e) {
                            // A CHECK constraint keeps this column to codes or a short length: try shorter words.
                            c.rollback(sp);
                        }
                    }
                    if (done) {
                        written.add(name);
                    }
                }
            }
            c.commit();
        }
        return written;
    }

    private static List<String[]> textColumns(Connection c, String table) throws SQLException {
        List<String[]> columns = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT column_name, data_type FROM information_schema.columns "
                + "WHERE table_schema = 'public' AND table_name = ? AND data_type IN ('text', 'character varying', "
                + "'character', 'json', 'jsonb') ORDER BY ordinal_position")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    columns.add(new String[]{rs.getString(1), rs.getString(2)});
                }
            }
        }
        return columns;
    }

    /** Every column of every table of the database that still holds one of the person's words: "table.column". */
    private List<String> traces(Person p) throws SQLException {
        Set<String> found = new TreeSet<>();
        try (Connection c = app.connection()) {
            List<String[]> columns = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                    SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
                      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                     WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
                       AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY')""")) {
                while (rs.next()) {
                    columns.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            assertTrue(columns.size() > 40, "the whole schema is searched: " + columns.size() + " columns");
            for (String[] col : columns) {
                String value = col[2].equals("bytea") ? "\"" + col[1] + "\"" : "\"" + col[1] + "\"::text";
                for (String word : p.words()) {
                    String needle = col[2].equals("bytea") ? "convert_to(?, 'UTF8')" : "?";
                    try (PreparedStatement st = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM \"" + col[0] + "\" WHERE position("
                            + needle + " IN " + value + ") > 0)")) {
                        st.setString(1, word);
                        try (ResultSet rs = st.executeQuery()) {
                            rs.next();
                            if (rs.getBoolean(1)) {
                                found.add(col[0] + "." + col[1]);
                            }
                        }
                    }
                }
            }
        }
        return List.copyOf(found);
    }

    /** What the aggregated statistics read about the person, and how many rows of their history exist. */
    private Map<String, Long> statistics(long beneficiary) {
        Map<String, Long> s = new LinkedHashMap<>();
        String b = "beneficiary_id = " + beneficiary;
        s.put("same bracket, situation, town", app.count("SELECT count(*) FROM beneficiaries WHERE id = " + beneficiary
                + " AND age_bracket = 'FROM_45_TO_59' AND situation = 'RSA' AND commune = 'Montreuil' AND postcode = '93100'"));
        s.put("assignments", app.count("SELECT count(*) FROM assignments WHERE " + b + " AND kind = 'LOAN' AND status = 'RETURNED'"));
        s.put("accessories", app.count("SELECT sum(jsonb_array_length(accessories)) FROM assignments WHERE " + b));
        s.put("assignment events", app.count("SELECT count(*) FROM assignment_events WHERE assignment_id IN "
                + "(SELECT id FROM assignments WHERE " + b + ")"));
        s.put("incidents", app.count("SELECT count(*) FROM incidents WHERE kind = 'BREAKAGE' AND assignment_id IN "
                + "(SELECT id FROM assignments WHERE " + b + ")"));
        s.put("enrolment events", app.count("SELECT count(*) FROM enrolment_events WHERE to_status = 'DROPPED_OUT' AND "
                + "enrolment_id IN (SELECT id FROM enrolments WHERE " + b + ")"));
        s.put("machine events", app.count("SELECT count(*) FROM machine_events WHERE machine_id IN "
                + "(SELECT machine_id FROM assignments WHERE " + b + ")"));
        return s;
    }

    /** Moves the person's dates three years back, so that the 24-month retention has passed. */
    private void age(long beneficiary) {
        app.sql("UPDATE beneficiaries SET created_at = created_at - interval '3 years' WHERE id = " + beneficiary);
        app.sql("UPDATE assignments SET starts_on = starts_on - interval '3 years', due_on = due_on - interval '3 years', "
                + "ended_on = ended_on - interval '3 years', updated_at = updated_at - interval '3 years' "
                + "WHERE beneficiary_id = " + beneficiary);
    }

    private String text(String sql) throws SQLException {
        try (Connection c = app.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
