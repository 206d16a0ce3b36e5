package fr.parcsolidaire.bench;

import fr.parcsolidaire.bench.Seeder;
import fr.parcsolidaire.platform.security.PasswordHasher;
import fr.parcsolidaire.platform.sql.DatabaseCoordinates;
import fr.parcsolidaire.platform.sql.Statements;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Issue 7's one table: the packaged service, started as its own process on the (large) bench database,
 * measured side by side with PostgreSQL's own point-select rate on the same data and machine.
 * Run with {@code ./parc bench perf}. Knobs: BENCH_DATABASE (default parc_bench), BENCH_SECONDS (15).
 */
final class PerfBench {

    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String BENCH_USER = "bench";
    /** The workshop's own scanner: a technician's machine page shows no assignments, so it reads no database. */
    private static final String BENCH_TECHNICIAN = "bench-technicien";
    private static final String BENCH_SOCIAL_WORKER = "bench-social";
    private static final String BENCH_PASSWORD = "bench-password-1";
    private static final int CONNECTIONS = 64;
    private static final int WRITE_WARM_UP_SECONDS = 5;

    private final String database = System.getenv().getOrDefault("BENCH_DATABASE", "parc_bench");
    private final String jdbcUrl = "jdbc:postgresql://127.0.0.1:5432/" + database;
    private final int seconds = Integer.parseInt(System.getenv().getOrDefault("BENCH_SECONDS", "15"));
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, String> table = new LinkedHashMap<>();
    private LoadTools.LoadResult pointSelects;

    private PerfBench() {
    }

    static void run() {
        try {
            new PerfBench().measure();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The write rows of the table alone ({@code ./parc bench writes}): transitions from 64 clients and loans with
     * their contract, without the minutes of read measurements before them. BENCH_JAR compares another build.
     */
    static void runWrites() {
        try {
            new PerfBench().measureWrites();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void measureWrites() throws Exception {
        createDatabaseIfMissing();
        seedIfSmall();
        try (ServiceProcess service = ServiceProcess.start(jdbcUrl)) {
            ensureBenchUser();
            String token = token(service.baseUrl());
            List<String> fresh = intake(service.baseUrl(), token);
            row("transitions (écriture)", transitions(service, token, fresh));
            contracts(service.baseUrl(), token);
            // What the V34 queue changes for PostgreSQL alone: one event per transaction, with the real triggers,
            // notified at once (psql, scripts) or queued and sent by the running service, as its pool does.
            String oneEvent = "BEGIN;\nINSERT INTO machine_events (machine_id, kind, actor_id, note, data) VALUES (:id, 'REPAIR', "
                    + "(SELECT id FROM users WHERE username = '" + BENCH_USER + "'), 'banc', '{\"parts\":\"banc\"}');\nEND;";
            for (String mode : new String[] {"off", "on"}) {
                LoadTools.LoadResult r = LoadTools.pgbenchScript(database, maxMachineId(), oneEvent,
                        "-c parc.deferred_notices=" + mode, 16, seconds);
                row("PostgreSQL : un événement par transaction, annonces " + (mode.equals("on") ? "en file (V34)" : "NOTIFY"),
                        rate(r));
            }
            Thread.sleep(2 * 100);
            row("annonces restées en file 0,2 s après", count("SELECT count(*) FROM change_notices") + "");
        }
        print();
    }

    private void measure() throws Exception {
        createDatabaseIfMissing();
        seedIfSmall();
        try (ServiceProcess service = ServiceProcess.start(jdbcUrl)) {
            // The service migrated the schema; now there are tables to count and a user to add.
            ensureBenchUser();
            row("données", dataset());
            row("options de la JVM (./parc java-opts)", String.join(" ", JavaOptions.ofPackagedService()));
            row("démarrage jusqu'à /health sain", service.startupMillis() + " ms");
            row("mémoire (RSS) au repos", String.format("%.0f Mio", service.rssMiB()));
            String token = token(service.baseUrl());
            List<String> tags = sampleTags(10_000);

            // 16 clients: the service's own pool size, and about where 2 cores peak; 64 would exceed max_connections.
            LoadTools.LoadResult pg = LoadTools.pgbench(database, maxMachineId(), 16, seconds);
            pointSelects = pg;
            row("PostgreSQL : select par clé primaire", rate(pg));
            // What a lookup the service does not remember asks of PostgreSQL: the record's own query.
            LoadTools.LoadResult record = LoadTools.pgbench(database, maxMachineId(), recordQueryById(), 16, seconds);
            row("PostgreSQL : requête de la fiche complète", rate(record) + percentOf(record, pg));

            List<String> apiPaths = tags.stream().map(t -> "/api/v1/machines/" + t).toList();
            List<String> pagePaths = tags.stream().map(t -> "/m/" + t).toList();
            double[] rssUnderLoad = new double[1];
            Thread sampler = Thread.ofVirtual().start(() -> sampleRss(service, rssUnderLoad));
            // A first pass reads the 10,000 machines from PostgreSQL and lets the JIT compile the hot paths (its p99 is
            // the first 10 s of a fresh process: JIT warm-up, helped by the AOT cache's profiles, and cache misses);
            // the measured passes are the workshop's steady state.
            LoadTools.LoadResult first = LoadTools.wrk(service.baseUrl(), token, apiPaths, CONNECTIONS, 10);
            row("GET /api/v1/machines/{tag}, 10 premières s", rate(first));
            LoadTools.wrk(service.baseUrl(), token, pagePaths, CONNECTIONS, 5);
            LoadTools.LoadResult api = LoadTools.wrk(service.baseUrl(), token, apiPaths, CONNECTIONS, seconds);
            sampler.interrupt();
            row("GET /api/v1/machines/{tag}", rate(api) + percentOf(api, pg));
            LoadTools.LoadResult html = LoadTools.wrk(service.baseUrl(), token, pagePaths, CONNECTIONS, seconds);
            row("GET /m/{tag} (page HTML, administrateur)", rate(html) + percentOf(html, pg));
            LoadTools.LoadResult workshopHtml = LoadTools.wrk(service.baseUrl(), token(service.baseUrl(), BENCH_TECHNICIAN),
                    pagePaths, CONNECTIONS, seconds);
            row("GET /m/{tag} (page HTML, technicien)", rate(workshopHtml) + percentOf(workshopHtml, pg));
            LoadTools.LoadResult socialHtml = LoadTools.wrk(service.baseUrl(), token(service.baseUrl(), BENCH_SOCIAL_WORKER),
                    pagePaths, CONNECTIONS, seconds);
            row("GET /m/{tag} (page HTML, travailleur social)", rate(socialHtml) + percentOf(socialHtml, pg));
            row("mémoire (RSS) sous charge", String.format("%.0f Mio", rssUnderLoad[0]));

            // Written only now, so that the reads above run on a database that autovacuum leaves alone.
            List<String> fresh = intake(service.baseUrl(), token);
            row("transitions (écriture)", transitions(service, token, fresh));
            timedPost(service.baseUrl(), token, "planche de 1 000 étiquettes L7651", "/api/v1/labels",
                    () -> labelsBody(tags));
            contracts(service.baseUrl(), token);
            timedGet(service.baseUrl(), token, "tableau de bord sur un an", "/api/v1/reports/summary?from="
                    + LocalDate.now().minusYears(1) + "&to=" + LocalDate.now());
        }
        // The same lookups with the memory of machine records turned off: every one reads PostgreSQL.
        try (ServiceProcess bare = ServiceProcess.start(jdbcUrl, Map.of("APP_SCAN_DASH_CACHE_MAX_DASH_MIB", "0"))) {
            String token = token(bare.baseUrl());
            List<String> tags = sampleTags(10_000);
            LoadTools.LoadResult api = LoadTools.wrk(bare.baseUrl(), token,
                    tags.stream().map(t -> "/api/v1/machines/" + t).toList(), CONNECTIONS, seconds);
            row("GET /api/v1/machines/{tag} sans mémoire", rate(api) + percentOf(api, pointSelects));
        }
        print();
    }

    private static String percentOf(LoadTools.LoadResult r, LoadTools.LoadResult reference) {
        return String.format("  (%.0f %% de PostgreSQL)", 100 * r.perSecond() / reference.perSecond());
    }

    /** The service's scan-lookup statement, by primary key so that pgbench can draw a random machine. */
    private static String recordQueryById() {
        String sql = Statements.text("statements/inventory.sql", "machine-by-tag");
        String byId = sql.replace("WHERE m.tag = ANY(?)", "WHERE m.id = :id");
        if (byId.equals(sql)) {
            throw new IllegalStateException("machine-by-tag ne se termine plus par « WHERE m.tag = ANY(?) » : adaptez le banc");
        }
        return byId;
    }

    private void sampleRss(ServiceProcess service, double[] max) {
        try {
            while (true) {
                Thread.sleep(500);
                max[0] = Math.max(max[0], service.rssMiB());
            }
        } catch (InterruptedException done) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Fresh machines through the intake API (500 per donation), enough for the transitions below to run their whole
     * time at 3,000 per second without running out: each is posted once.
     */
    private List<String> intake(String base, String token) throws Exception {
        List<String> fresh = new ArrayList<>();
        int donations = Math.max(20, ((seconds + WRITE_WARM_UP_SECONDS) * 3_000 + 499) / 500);
        // A site of its own for each run: a tag prefix numbers at most 99,999 machines a year, and a run takes up to 45,000.
        String prefix = "BE" + new java.util.Random().ints(4, 'A', 'Z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
        String site = "banc-" + prefix.toLowerCase(java.util.Locale.ROOT);
        try (Connection c = connect(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO sites (code, name, tag_prefix) VALUES (?, ?, ?)")) {
            st.setString(1, site);
            st.setString(2, "Banc d'essai " + prefix);
            st.setString(3, prefix);
            st.executeUpdate();
        }
        for (int d = 0; d < donations; d++) {
            JsonArrayBuilder machines = Json.createArrayBuilder();
            for (int i = 0; i < 500; i++) {
                machines.add(Json.createObjectBuilder().add("type", "LAPTOP").add("brand", "Dell").add("model", "Latitude 5490")
                        .add("serial", "BENCH-" + UUID.randomUUID()));
            }
            JsonObject body = Json.createObjectBuilder()
                    .add("donor", Json.createObjectBuilder().add("name", "Banc d'essai").add("kind", "COMPANY"))
                    .add("receivedOn", LocalDate.now().toString()).add("site", site).add("machines", machines).build();
            HttpResponse<String> r = post(base, token, "/api/v1/donations", body.toString(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("intake: " + r.statusCode() + " " + r.body());
            }
            Json.createReader(new StringReader(r.body())).readObject().getJsonArray("machines")
                    .forEach(m -> fresh.add(m.asJsonObject().getString("tag")));
        }
        return fresh;
    }

    /**
     * Moves fresh machines RECEIVED → IN_DIAGNOSIS from 64 connections of wrk, each machine once; counts the events
     * recorded against the acknowledgements, and the service's processor time per acknowledged transition.
     */
    private String transitions(ServiceProcess service, String token, List<String> fresh) throws Exception {
        String step = "{\"to\":\"IN_DIAGNOSIS\",\"note\":\"banc d'essai\"}";
        List<String> paths = fresh.stream().map(t -> "/api/v1/machines/" + t + "/transitions").toList();
        // A first pass compiles the write path (a fresh process spends its first seconds in the JIT). The measured pass
        // takes none of its share, posted or not: every machine is posted at most once.
        int warmUp = Math.min(paths.size() / 4, WRITE_WARM_UP_SECONDS * 3_000);
        LoadTools.wrkPostOnce(service.baseUrl(), token, paths.subList(0, warmUp), step, CONNECTIONS, WRITE_WARM_UP_SECONDS);
        List<String> measured = paths.subList(warmUp, paths.size());
        long eventsBefore = count("SELECT count(*) FROM machine_events WHERE kind = 'TRANSITION'");
        double cpuBefore = service.cpuSeconds();
        LoadTools.Posts r = LoadTools.wrkPostOnce(service.baseUrl(), token, measured, step, CONNECTIONS, seconds);
        double cpu = service.cpuSeconds() - cpuBefore;
        long recorded = count("SELECT count(*) FROM machine_events WHERE kind = 'TRANSITION'") - eventsBefore;
        return rate(r.load()) + String.format("  événements=%d pour %d acquittées (%d envoyées, %d sans réponse)%s"
                        + "  processeur du service=%.0f µs par transition", recorded, r.acknowledged(), r.sent(),
                r.sent() - r.answered(), r.exhausted() ? "  NUMÉROS ÉPUISÉS : débit sous-estimé" : "",
                r.acknowledged() == 0 ? Double.NaN : cpu * 1e6 / r.acknowledged());
    }

    /**
     * One contract PDF: written when a machine is lent (assignment, contract rendered and archived in the same
     * transaction), then downloaded as the social worker prints it (archived copy, read logged for the GDPR).
     */
    private void contracts(String base, String token) throws Exception {
        JsonObject person = Json.createObjectBuilder().add("lastName", "Banc").add("firstName", "Essai")
                .add("commune", "Saint-Denis").add("postcode", "93200").add("ageBracket", "FROM_45_TO_59")
                .add("situation", "JOB_SEEKER").add("gdprNoticeOn", LocalDate.now().toString()).build();
        HttpResponse<String> created = post(base, token, "/api/v1/beneficiaries", person.toString(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            row("contrat PDF", "indisponible (bénéficiaire : " + created.statusCode() + ")");
            return;
        }
        long beneficiary = Json.createReader(new StringReader(created.body())).readObject().getJsonNumber("id").longValue();
        List<String> ready = readyMachines(23);
        if (ready.size() < 4) {
            row("prêt avec son contrat PDF", "indisponible (pas assez de machines prêtes)");
            return;
        }
        long[] nanos = new long[ready.size() - 3];
        long assignment = 0;
        for (int i = 0; i < ready.size(); i++) {
            String body = Json.createObjectBuilder().add("machineTag", ready.get(i)).add("beneficiaryId", beneficiary)
                    .add("kind", "LOAN").add("dueOn", LocalDate.now().plusMonths(3).toString())
                    .add("accessories", Json.createArrayBuilder().add("Chargeur")).build().toString();
            long t0 = System.nanoTime();
            HttpResponse<String> r = post(base, token, "/api/v1/assignments", body, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                row("prêt avec son contrat PDF", "indisponible (" + r.statusCode() + " " + r.body() + ")");
                return;
            }
            if (i >= 3) {
                nanos[i - 3] = System.nanoTime() - t0;
            }
            assignment = Json.createReader(new StringReader(r.body())).readObject().getJsonNumber("id").longValue();
        }
        row("prêt avec son contrat PDF (création)", Bench.summary(nanos));
        timedGet(base, token, "contrat PDF (téléchargement)", "/api/v1/assignments/" + assignment + "/contract.pdf");
    }

    private List<String> readyMachines(int n) throws SQLException {
        List<String> tags = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement st = c.prepareStatement(
                "SELECT tag FROM machines m WHERE state = 'READY' AND NOT EXISTS "
                        + "(SELECT 1 FROM assignments a WHERE a.machine_id = m.id AND a.status IN ('ACTIVE', 'GIVEN')) "
                        + "ORDER BY id DESC LIMIT ?")) {
            st.setInt(1, n);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    tags.add(rs.getString(1));
                }
            }
        }
        return tags;
    }

    private String labelsBody(List<String> tags) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        tags.stream().limit(1000).forEach(a::add);
        return Json.createObjectBuilder().add("layout", "L7651").add("tags", a).add("startAt", 1).build().toString();
    }

    private void timedPost(String base, String token, String label, String path, Supplier<String> body) throws Exception {
        long[] nanos = new long[10];
        for (int i = -2; i < nanos.length; i++) {
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = post(base, token, path, body.get(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                row(label, "indisponible (" + r.statusCode() + ")");
                return;
            }
            if (i >= 0) {
                nanos[i] = System.nanoTime() - t0;
            }
        }
        row(label, Bench.summary(nanos));
    }

    private void timedGet(String base, String token, String label, String path) throws Exception {
        long[] nanos = new long[20];
        for (int i = -3; i < nanos.length; i++) {
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                row(label, "indisponible (" + r.statusCode() + ")");
                return;
            }
            if (i >= 0) {
                nanos[i] = System.nanoTime() - t0;
            }
        }
        row(label, Bench.summary(nanos));
    }

    private <T> HttpResponse<T> post(String base, String token, String path, String json, HttpResponse.BodyHandler<T> handler)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(), handler);
    }

    private String token(String base) throws Exception {
        return token(base, BENCH_USER);
    }

    private String token(String base, String username) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("username", username)
                        .add("password", BENCH_PASSWORD).build().toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("jeton refusé : " + r.statusCode() + " " + r.body());
        }
        return Json.createReader(new StringReader(r.body())).readObject().getString("token");
    }

    private static String rate(LoadTools.LoadResult r) {
        return String.format("%.0f /s  p50=%.2f ms  p99=%s  erreurs=%d", r.perSecond(), r.p50(),
                Double.isNaN(r.p99()) ? "n/a" : String.format("%.2f ms", r.p99()), r.errors());
    }

    private void row(String what, String figure) {
        table.put(what, figure);
        System.out.printf("  %-40s %s%n", what, figure);
    }

    private void print() {
        System.out.println();
        System.out.println("| mesure | résultat |");
        System.out.println("|---|---|");
        table.forEach((k, v) -> System.out.println("| " + k + " | " + v + " |"));
    }

    private String dataset() throws SQLException {
        return String.format("%d machines, %d événements, %d bénéficiaires, %d attributions",
                count("SELECT count(*) FROM machines"), count("SELECT count(*) FROM machine_events"),
                count("SELECT count(*) FROM beneficiaries"), count("SELECT count(*) FROM assignments"));
    }

    private void ensureBenchUser() throws SQLException {
        try (Connection c = connect(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO users (username, display_name, role, password_hash) VALUES (?, 'Banc d''essai', ?, ?) "
                        + "ON CONFLICT (username) DO NOTHING")) {
            for (String[] user : new String[][] {{BENCH_USER, "ADMIN"}, {BENCH_TECHNICIAN, "TECHNICIAN"},
                    {BENCH_SOCIAL_WORKER, "SOCIAL_WORKER"}}) {
                st.setString(1, user[0]);
                st.setString(2, user[1]);
                st.setString(3, PasswordHasher.hash(BENCH_PASSWORD));
                st.executeUpdate();
            }
        }
    }

    private List<String> sampleTags(int n) throws SQLException {
        List<String> tags = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement st = c.prepareStatement(
                "SELECT tag FROM machines ORDER BY random() LIMIT ?")) {
            st.setInt(1, n);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    tags.add(rs.getString(1));
                }
            }
        }
        return tags;
    }

    private long maxMachineId() throws SQLException {
        return count("SELECT coalesce(max(id), 1) FROM machines");
    }

    private long count(String sql) throws SQLException {
        try (Connection c = connect(); var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", "");
    }

    /** The dataset (100k machines, 1M events, 20k beneficiaries, 50k assignments), generated once with COPY. */
    private void seedIfSmall() throws SQLException {
        long machines;
        try {
            machines = count("SELECT count(*) FROM machines");
        } catch (SQLException noSchemaYet) {
            machines = 0;
        }
        if (machines < 100_000) {
            System.out.println("Peuplement de " + database + " (100 000 machines)…");
            new Seeder().run(new DatabaseCoordinates(jdbcUrl, "postgres", "", null), 100_000);
        }
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", "")) {
            try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                st.setString(1, database);
                if (st.executeQuery().next()) {
                    return;
                }
            }
            if (!database.matches("[a-z0-9_]+")) {
                throw new IllegalArgumentException("nom de base invalide : " + database);
            }
            try (var st = c.createStatement()) {
                st.execute("CREATE DATABASE " + database);
            }
        }
    }
}
