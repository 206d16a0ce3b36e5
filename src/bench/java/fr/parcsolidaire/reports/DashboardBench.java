package fr.parcsolidaire.reports;

import fr.parcsolidaire.Main;
import fr.parcsolidaire.bench.Bench;
import fr.parcsolidaire.platform.Server;
import fr.parcsolidaire.platform.security.PasswordHasher;
import fr.parcsolidaire.platform.settings.Settings;
import fr.parcsolidaire.reports.ImpactFactors;
import fr.parcsolidaire.reports.ReportPeriod;
import fr.parcsolidaire.reports.ReportService;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * The one-year dashboard on the large seeded database (./parc seed, database parc_bench or BENCH_DATABASE_URL):
 * GET /api/v1/reports/summary over HTTP and the same computation in process; then one full CSV export.
 */
public final class DashboardBench {

    private DashboardBench() {
    }

    public static void run() {
        String url = System.getenv().getOrDefault("BENCH_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/parc_bench");
        long machines = count(url, "SELECT count(*) FROM machines");
        if (machines < 1000) {
            System.out.println("dashboard: base " + url + " vide ou absente, lancez d'abord ./parc seed");
            return;
        }
        Config config = Config.builder()
                .addSource(ConfigSources.create(Map.of("server.port", "0", "server.host", "127.0.0.1",
                        "db.connection.url", url, "db.connection.username", "postgres")))
                .addSource(ConfigSources.classpath("application.yaml"))
                .disableEnvironmentVariablesSource()
                .build();
        Server.Running app = Main.start(config);
        try {
            String password = UUID.randomUUID().toString();
            exec(url, "INSERT INTO users (username, display_name, role, password_hash) VALUES ('bench-coordination', "
                    + "'Coordination (mesures)', 'COORDINATOR', '" + PasswordHasher.hash(password) + "') "
                    + "ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash");
            String base = "http://127.0.0.1:" + app.server().port();
            HttpClient client = HttpClient.newHttpClient();
            String token = send(client, HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"bench-coordination\",\"password\":\"" + password + "\"}"))
                    .build()).body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
            HttpRequest summary = HttpRequest.newBuilder(URI.create(base + "/api/v1/reports/summary"))
                    .header("Authorization", "Bearer " + token).GET().build();
            ReportService service = new ReportService(app.database(), ImpactFactors.from(Settings.of(config).section("app.impact")), Clock.systemDefaultZone());
            ReportPeriod year = service.period(Map.of());
            System.out.printf("dashboard on %,d machines, %,d events, %,d assignments, %,d beneficiaries%n", machines,
                    count(url, "SELECT count(*) FROM machine_events"), count(url, "SELECT count(*) FROM assignments"),
                    count(url, "SELECT count(*) FROM beneficiaries"));
            // The service's job rolls the closed months a few seconds after start; here, before measuring (V35).
            long rollStart = System.nanoTime();
            int rolled = new MonthlyRollup(app.database(), Clock.systemDefaultZone()).rollClosedMonths();
            System.out.printf("rollup: %d closed months rolled in %.0f ms, %d rolled in all%n", rolled,
                    (System.nanoTime() - rollStart) / 1e6, count(url, "SELECT count(*) FROM report_rolled_months"));
            for (int i = 0; i < 10; i++) {
                service.summary(year);
                send(client, summary);
            }
            long[] http = new long[50];
            for (int i = 0; i < http.length; i++) {
                long start = System.nanoTime();
                HttpResponse<String> r = send(client, summary);
                http[i] = System.nanoTime() - start;
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(r.statusCode() + " " + r.body());
                }
            }
            long[] inProcess = new long[50];
            for (int i = 0; i < inProcess.length; i++) {
                long start = System.nanoTime();
                service.summary(year);
                inProcess[i] = System.nanoTime() - start;
            }
            System.out.println("dashboard one year, GET /api/v1/reports/summary: " + Bench.summary(http));
            System.out.println("dashboard one year, ReportService.summary in process: " + Bench.summary(inProcess));
            long start = System.nanoTime();
            HttpResponse<java.io.InputStream> csv = client.send(HttpRequest.newBuilder(URI.create(base
                    + "/reports/machines.csv?from=" + java.time.LocalDate.now().minusYears(3).minusDays(1) + "&to=" + java.time.LocalDate.now())).header("Authorization", "Bearer " + token)
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            long bytes;
            try (var in = csv.body()) {
                bytes = in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            System.out.printf("export machines.csv, all machines: %.0f ms, %,d bytes%n", (System.nanoTime() - start) / 1e6, bytes);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            app.stop();
        }
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String url, String sql) {
        try (var c = DriverManager.getConnection(url, "postgres", ""); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return 0;
        }
    }

    private static void exec(String url, String sql) {
        try (var c = DriverManager.getConnection(url, "postgres", ""); var st = c.createStatement()) {
            st.execute(sql);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
