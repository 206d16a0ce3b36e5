package fr.parcsolidaire.bench;

import fr.parcsolidaire.platform.settings.Settings;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.DatabaseCoordinates;
import fr.parcsolidaire.platform.sql.DatabaseLocator;
import fr.parcsolidaire.platform.sql.Statements;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code ./parc seed [--machines 100000] [--database parc_bench]}: fills a database with a realistic
 * three-year history (donors, donations, machines walking the lifecycle, erasures, beneficiaries, loans,
 * gifts, returns) through PostgreSQL COPY, for load tests of the reports. Every table streams through
 * its own connection at once; the session runs with session_replication_role = replica so that the
 * state trigger and foreign-key triggers stay quiet: the generator writes machines.state itself,
 * consistent with the events it writes. Refused when APP_MODE=production.
 */
public final class Seeder {

    private static final String[] COMMUNES = {"Lyon", "Villeurbanne", "Vénissieux", "Vaulx-en-Velin", "Bron",
        "Saint-Priest", "Caluire-et-Cuire", "Rillieux-la-Pape", "Oullins", "Décines-Charpieu", "Meyzieu",
        "Givors", "Bron", "Saint-Fons", "Villeurbanne", "Lyon", "Lyon", "Vénissieux", "Tassin-la-Demi-Lune", "Écully"};
    private static final String[] AGES = {"UNDER_26", "FROM_26_TO_44", "FROM_45_TO_59", "FROM_60_TO_74", "FROM_75"};
    private static final String[] SITUATIONS = {"JOB_SEEKER", "RSA", "RETIRED", "STUDENT", "EMPLOYED", "OTHER"};
    private static final String[] DONOR_KINDS = {"COMPANY", "COMPANY", "COMPANY", "PUBLIC_BODY", "ASSOCIATION", "RESIDENT", "RESIDENT"};
    private static final String[] TYPES = {"LAPTOP", "LAPTOP", "LAPTOP", "LAPTOP", "LAPTOP", "DESKTOP", "DESKTOP",
        "SCREEN", "SCREEN", "TABLET", "PHONE", "PRINTER", "ACCESSORY"};
    private static final String[][] SITES = {{"atelier", "Atelier Parc Solidaire", "PS"}, {"seed-nord", "Antenne Nord", "SN"},
        {"seed-sud", "Antenne Sud", "SS"}};

    private final SplittableRandom random = new SplittableRandom(20260101L);
    private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    private final Map<String, Table> tables = new LinkedHashMap<>();
    private long actorId;
    private final List<Long> siteIds = new ArrayList<>();
    private final Map<String, Long> ids = new HashMap<>();
    private long lastAssignmentId;
    // The machine walk() is writing: its events and assignments carry its type, site and intake time.
    private MachineFacts walking;

    public static void main(String[] args) throws Exception {
        int machines = 100_000;
        String database = "parc_bench";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--machines" -> machines = Integer.parseInt(args[++i]);
                case "--database" -> database = args[++i];
                default -> {
                    System.err.println("usage: ./parc seed [--machines N] [--database nom]");
                    System.exit(2);
                }
            }
        }
        if ("production".equalsIgnoreCase(System.getenv("APP_MODE"))) {
            System.err.println("Refusé : APP_MODE=production.");
            System.exit(2);
        }
        Config config = Config.builder()
                .addSource(ConfigSources.create(Map.of("db.local.name", database)))
                .addSource(ConfigSources.classpath("application.yaml"))
                .disableEnvironmentVariablesSource()
                .build();
        try (DatabaseCoordinates db = DatabaseLocator.locate(Settings.of(config).section("db"))) {
            new Seeder().run(db, machines);
        }
        System.exit(0);
    }

    public void run(DatabaseCoordinates db, int machineCount) throws SQLException {
        long started = System.nanoTime();
        System.out.println("Base : " + db.url());
        Database.migrate(db);
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password()); var st = c.createStatement()) {
            for (String[] s : SITES) {
                st.execute("INSERT INTO sites (code, name, tag_prefix) VALUES ('" + s[0] + "', '" + s[1] + "', '" + s[2]
                        + "') ON CONFLICT (code) DO NOTHING");
                try (var rs = st.executeQuery("SELECT id FROM sites WHERE code = '" + s[0] + "'")) {
                    rs.next();
                    siteIds.add(rs.getLong(1));
                }
            }
            // A robot account the seeded history is attributed to; its hash matches no password.
            st.execute("INSERT INTO users (username, display_name, role, password_hash) VALUES ('seed-robot', "
                    + "'Technicien (données générées)', 'TECHNICIAN', '!') ON CONFLICT (username) DO NOTHING");
            try (var rs = st.executeQuery("SELECT id FROM users WHERE username = 'seed-robot'")) {
                rs.next();
                actorId = rs.getLong(1);
            }
            for (String t : List.of("donors", "donations", "machines", "storage_devices", "beneficiaries", "assignments")) {
                try (var rs = st.executeQuery("SELECT COALESCE(max(id), 0) FROM " + t)) {
                    rs.next();
                    ids.put(t, rs.getLong(1));
                }
            }
        }
        open(db, "donors", "COPY donors (id, kind, name, contact_name, created_at, created_by) FROM STDIN (FORMAT csv)");
        open(db, "donations", "COPY donations (id, donor_id, site_id, received_on, created_at, created_by) FROM STDIN (FORMAT csv)");
        open(db, "machines", "COPY machines (id, tag, donation_id, site_id, type, brand, model, serial, state, grade, ram_gb,"
                + " created_at, updated_at) FROM STDIN (FORMAT csv)");
        // The machine's type, site and intake time travel with its events and assignments (V11): the trigger
        // that copies them does not fire under session_replication_role = replica, so they are written here.
        open(db, "machine_events", "COPY machine_events (machine_id, kind, from_state, to_state, actor_id, at, data,"
                + " machine_type, machine_site_id, machine_created_at) FROM STDIN (FORMAT csv)");
        open(db, "storage_devices", "COPY storage_devices (id, machine_id, kind, capacity_gb, serial, model, created_at) FROM STDIN (FORMAT csv)");
        open(db, "erasures", "COPY erasures (machine_id, storage_device_id, method, tool, passes, verified, result, performed_on,"
                + " technician_id, created_at) FROM STDIN (FORMAT csv)");
        open(db, "beneficiaries", "COPY beneficiaries (id, site_id, last_name, first_name, commune, postcode, age_bracket, situation,"
                + " gdpr_notice_on, created_at, created_by) FROM STDIN (FORMAT csv)");
        open(db, "assignments", "COPY assignments (id, machine_id, beneficiary_id, kind, status, starts_on, due_on, ended_on,"
                + " created_at, created_by, updated_at, machine_type, machine_site_id) FROM STDIN (FORMAT csv)");
        open(db, "assignment_events", "COPY assignment_events (assignment_id, kind, actor_id, at) FROM STDIN (FORMAT csv)");

        int beneficiaries = Math.max(10, machineCount / 5);
        long firstBeneficiary = ids.get("beneficiaries") + 1;
        for (int i = 0; i < beneficiaries; i++) {
            long id = firstBeneficiary + i;
            OffsetDateTime created = now.minusDays(random.nextInt(3 * 365));
            String commune = COMMUNES[random.nextInt(COMMUNES.length)];
            tables.get("beneficiaries").row(id, site(), "Personne", "Générée " + id, commune, "69" + (100 + random.nextInt(900)),
                    AGES[random.nextInt(AGES.length)], SITUATIONS[random.nextInt(SITUATIONS.length)],
                    created.toLocalDate(), created, actorId);
        }
        int donors = Math.max(1, machineCount / 20);
        long firstDonor = ids.get("donors") + 1;
        for (int i = 0; i < donors; i++) {
            String kind = DONOR_KINDS[random.nextInt(DONOR_KINDS.length)];
            tables.get("donors").row(firstDonor + i, kind, (kind.equals("RESIDENT") ? "Particulier " : "Structure ") + (firstDonor + i),
                    null, now.minusYears(3), actorId);
        }

        Map<String, Integer> tagCounters = new HashMap<>();
        long machineId = ids.get("machines");
        long donationId = ids.get("donations");
        lastAssignmentId = ids.get("assignments");
        long deviceId = ids.get("storage_devices");
        int made = 0;
        while (made < machineCount) {
            donationId++;
            int siteIndex = random.nextInt(SITES.length);
            LocalDate receivedOn = now.toLocalDate().minusDays(random.nextInt(3 * 365));
            OffsetDateTime receivedAt = receivedOn.atTime(9, 0).atOffset(ZoneOffset.UTC).plusMinutes(random.nextInt(480));
            if (receivedAt.isAfter(now)) {
                receivedAt = now.minusMinutes(1);
            }
            tables.get("donations").row(donationId, firstDonor + random.nextInt(donors), siteIds.get(siteIndex), receivedOn, receivedAt, actorId);
            int size = Math.min(machineCount - made, 1 + random.nextInt(19));
            for (int k = 0; k < size; k++) {
                machineId++;
                made++;
                String type = TYPES[random.nextInt(TYPES.length)];
                String prefix = SITES[siteIndex][2] + "-" + receivedOn.getYear();
                int seq = tagCounters.merge(prefix, 1, Integer::sum);
                String tag = prefix + "-" + String.format("%05d", seq);
                boolean storage = type.equals("LAPTOP") || type.equals("DESKTOP") || type.equals("TABLET") || type.equals("PHONE");
                Long device = storage ? ++deviceId : null;
                walking = new MachineFacts(machineId, type, siteIds.get(siteIndex), receivedAt);
                String state = walk(machineId, receivedAt, device, firstBeneficiary, beneficiaries);
                tables.get("machines").row(machineId, tag, donationId, siteIds.get(siteIndex), type, "Marque " + random.nextInt(12),
                        "Modèle " + random.nextInt(80), "SEED-" + machineId, state,
                        state.equals("RECEIVED") ? null : "ABC".charAt(random.nextInt(3)), type.equals("LAPTOP") ? 8 : null,
                        receivedAt, now);
                if (made % 10_000 == 0) {
                    System.out.printf("  %,d machines, %,d événements (%.0f s)%n", made, tables.get("machine_events").rows,
                            (System.nanoTime() - started) / 1e9);
                }
            }
        }
        for (Table t : tables.values()) {
            t.finish();
        }
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password()); var st = c.createStatement()) {
            fixCounters(st, tagCounters);
            for (String t : List.of("donors", "donations", "machines", "storage_devices", "beneficiaries", "assignments",
                    "machine_events", "erasures", "assignment_events")) {
                st.execute("SELECT setval(pg_get_serial_sequence('" + t + "', 'id'), (SELECT max(id) FROM " + t + "))");
            }
            // COPY ran with triggers off: the machines' first handovers (V14) are written here.
            st.execute(Statements.text("statements/reports.sql", "report-first-use-refresh"));
            // And V37's firsts in a period (reconditioning durations, people served).
            st.execute(Statements.text("statements/reports.sql", "report-first-in-period-refresh"));
            // Nor did it add to the months already rolled (V35): they are forgotten, the service rolls them again.
            st.execute("DELETE FROM report_rolled_months");
            // Sets the visibility map too, so that the reports' index-only scans work on the fresh data.
            st.execute("VACUUM ANALYZE");
            // COPY with triggers off announced nothing (V12): a running service forgets every machine it kept.
            st.execute("NOTIFY machine_changed, '*'");
        }
        System.out.printf("Terminé en %.1f s :%n", (System.nanoTime() - started) / 1e9);
        tables.forEach((name, t) -> System.out.printf("  %-18s %,12d lignes%n", name, t.rows));
    }


    /**
     * Walks one machine through the lifecycle as the workshop and the loans desk would, stopping at
     * today's date, and returns the state it ends in.
     */
    private String walk(long machine, OffsetDateTime t0, Long device, long firstBeneficiary, int beneficiaries) {
        event("INTAKE", null, null, actorId, t0, "{}");
        event("LABEL_PRINTED", null, null, actorId, t0.plusMinutes(5), "{}");
        OffsetDateTime t = t0.plusHours(6 + random.nextInt(24 * 10));
        if (t.isAfter(now)) {
            return "RECEIVED";
        }
        double fate = random.nextDouble();
        if (fate < 0.05) {
            event("TRANSITION", "RECEIVED", "PARTS", actorId, t, "{\"harvested\":\"RAM, disque\"}");
            return "PARTS";
        }
        event("TRANSITION", "RECEIVED", "IN_DIAGNOSIS", actorId, t, "{}");
        event("LOCATION", null, null, actorId, t.plusMinutes(2), "{\"location\":\"Étagère " + random.nextInt(20) + "\"}");
        t = t.plusHours(2 + random.nextInt(24 * 7));
        if (t.isAfter(now)) {
            return "IN_DIAGNOSIS";
        }
        if (fate < 0.17) {
            String kg = String.format(java.util.Locale.ROOT, "%.1f", 0.5 + random.nextDouble() * 9);
            event("TRANSITION", "IN_DIAGNOSIS", "SCRAPPED", actorId, t, "{\"weightKg\":" + kg + ",\"channel\":\"Ecosystem\"}");
            return "SCRAPPED";
        }
        event("TRANSITION", "IN_DIAGNOSIS", "IN_RECONDITIONING", actorId, t, "{\"grade\":\"B\"}");
        if (device != null) {
            event("HARDWARE_IMPORT", null, null, actorId, t, "{\"cpu\":\"Intel Core i5\",\"ramGb\":8}");
            event("STORAGE_ADDED", null, null, actorId, t, "{\"deviceId\":" + device + ",\"kind\":\"SSD\"}");
            tables.get("storage_devices").row(device, machine, "SSD", 256, "SEED-SSD-" + device, "Samsung PM981", t);
        }
        t = t.plusHours(1 + random.nextInt(24 * 20));
        if (t.isAfter(now)) {
            return "IN_RECONDITIONING";
        }
        if (device != null) {
            erase(machine, device, t);
        }
        event("OS_INSTALL", null, null, actorId, t.plusMinutes(30), "{\"osName\":\"Linux Mint\"}");
        if (random.nextDouble() < 0.3) {
            event("REPAIR", null, null, actorId, t.plusMinutes(40), "{\"parts\":\"Batterie\"}");
        }
        t = t.plusHours(1 + random.nextInt(24 * 10));
        if (t.isAfter(now)) {
            return "IN_RECONDITIONING";
        }
        event("TRANSITION", "IN_RECONDITIONING", "READY", actorId, t, "{\"quality\":{}}");
        event("LOCATION", null, null, actorId, t.plusMinutes(10), "{\"location\":\"Stock prêt\"}");
        for (int round = 0; round < 3; round++) {
            if (random.nextDouble() > (round == 0 ? 0.58 : 0.6)) {
                return "READY";
            }
            t = t.plusHours(24 + random.nextInt(24 * 60));
            if (t.isAfter(now)) {
                return "READY";
            }
            long a = ++lastAssignmentId;
            long beneficiary = firstBeneficiary + random.nextInt(beneficiaries);
            LocalDate start = t.toLocalDate();
            boolean gift = random.nextDouble() < 0.3;
            event("TRANSITION", "READY", "ASSIGNED", actorId, t, "{\"assignmentId\":" + a + "}");
            tables.get("assignment_events").row(a, "CREATED", actorId, t);
            if (gift) {
                tables.get("assignments").row(a, machine, beneficiary, "GIFT", "GIVEN", start, null, null, t, actorId, t,
                        walking.type(), walking.siteId());
                return "ASSIGNED";
            }
            LocalDate due = start.plusMonths(6);
            OffsetDateTime end = t.plusDays(30 + random.nextInt(200));
            double outcome = random.nextDouble();
            if (end.isAfter(now) || outcome < 0.4) {
                tables.get("assignments").row(a, machine, beneficiary, "LOAN", "ACTIVE", start, due, null, t, actorId, t,
                        walking.type(), walking.siteId());
                return "ASSIGNED";
            }
            if (outcome < 0.75) {
                tables.get("assignment_events").row(a, "CONVERTED_TO_GIFT", actorId, end);
                // A gift has no due date (V24): the converted loan's due date is not kept on the row.
                tables.get("assignments").row(a, machine, beneficiary, "GIFT", "GIVEN", start, null, null, t, actorId, end,
                        walking.type(), walking.siteId());
                return "ASSIGNED";
            }
            tables.get("assignment_events").row(a, "RETURNED", actorId, end);
            tables.get("assignments").row(a, machine, beneficiary, "LOAN", "RETURNED", start, due, end.toLocalDate(), t, actorId, end,
                    walking.type(), walking.siteId());
            event("TRANSITION", "ASSIGNED", "RETURNED", actorId, end, "{\"assignmentId\":" + a + "}");
            t = end.plusHours(2 + random.nextInt(24 * 14));
            if (t.isAfter(now)) {
                return "RETURNED";
            }
            if (device != null) {
                erase(machine, device, t.minusHours(1));
            }
            event("TRANSITION", "RETURNED", "READY", actorId, t, "{\"quality\":{}}");
        }
        return "READY";
    }

    /** One event of the machine being walked, with the facts V11 copies onto every event. */
    private void event(String kind, String from, String to, long actor, OffsetDateTime at, String data) {
        tables.get("machine_events").row(walking.id(), kind, from, to, actor, at, data, walking.type(), walking.siteId(),
                walking.createdAt());
    }

    private record MachineFacts(long id, String type, long siteId, OffsetDateTime createdAt) {
    }

    private void erase(long machine, long device, OffsetDateTime at) {
        tables.get("erasures").row(machine, device, "PURGE", "nwipe", 1, true, "PASS", at.toLocalDate(), actorId, at);
        event("ERASURE", null, null, actorId, at,
                "{\"deviceId\":" + device + ",\"method\":\"PURGE\",\"tool\":\"nwipe\",\"passes\":1,\"verified\":true,\"result\":\"PASS\"}");
    }

    private long site() {
        return siteIds.get(random.nextInt(siteIds.size()));
    }

    /** Keeps the service's tag allocator ahead of the tags handed out here. */
    private static void fixCounters(java.sql.Statement st, Map<String, Integer> counters) throws SQLException {
        for (Map.Entry<String, Integer> e : counters.entrySet()) {
            String[] parts = e.getKey().split("-");
            st.execute("INSERT INTO tag_counters (prefix, year, last_value) VALUES ('" + parts[0] + "', " + parts[1] + ", "
                    + e.getValue() + ") ON CONFLICT (prefix, year) DO UPDATE SET last_value = tag_counters.last_value + "
                    + e.getValue());
        }
    }

    private void open(DatabaseCoordinates db, String name, String copy) throws SQLException {
        tables.put(name, new Table(db, copy));
    }

    /** One table's COPY stream on a connection of its own, fed row by row in CSV. */
    private static final class Table {
        private final Connection connection;
        private final CopyIn copy;
        private final StringBuilder buffer = new StringBuilder(1 << 20);
        long rows;

        Table(DatabaseCoordinates db, String sql) throws SQLException {
            connection = DriverManager.getConnection(db.url(), db.user(), db.password());
            connection.setAutoCommit(false);
            try (var st = connection.createStatement()) {
                st.execute("SET session_replication_role = replica");
            }
            copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        }

        void row(Object... values) {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    buffer.append(',');
                }
                Object v = values[i];
                if (v == null) {
                    continue;
                }
                String s = v instanceof OffsetDateTime t ? t.truncatedTo(ChronoUnit.SECONDS).toString() : v.toString();
                if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.isEmpty()) {
                    buffer.append('"').append(s.replace("\"", "\"\"")).append('"');
                } else {
                    buffer.append(s);
                }
            }
            buffer.append('\n');
            rows++;
            if (buffer.length() > (1 << 20)) {
                flush();
            }
        }

        private void flush() {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            buffer.setLength(0);
            try {
                copy.writeToCopy(bytes, 0, bytes.length);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        void finish() throws SQLException {
            flush();
            copy.endCopy();
            connection.commit();
            connection.close();
        }
    }
}
