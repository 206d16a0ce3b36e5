package fr.parcsolidaire.trust;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.auth.Role;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed requests on every route: each must get a 4xx with a French message (JSON "message", or an
 * alert / field error on the page) and leave every table exactly as it was. Add a section per capability
 * (loans, labels...) to {@link #corpus()}.
 */
class BadInputCorpusTest {

    /** Who sends the request: a script with a bearer token, a browser session (forms get a valid CSRF token), or nobody. */
    enum Caller { ANONYMOUS, TECHNICIAN_API, COORDINATOR_API, TECHNICIAN_BROWSER, ADMIN_BROWSER }

    /** One malformed request. A form body is a map; a raw body goes with its content type. */
    record Case(String label, Caller caller, String method, String path, String contentType, String body) {
    }

    static final String MEGABYTE = "x".repeat(1_000_000);
    static final String NUL = "\u0000";
    static final String ODD_UNICODE = "\uD800 \uFFFF \u202E\u0301 \uD83D\uDCBB \u200B";
    static final String SQL = "' OR '1'='1'; DROP TABLE machines; --";
    static final String SCRIPT = "<script>alert(1)</script>";
    static final String JSON = "application/json";
    static final String FORM = "application/x-www-form-urlencoded";

    private static final Pattern FRENCH = Pattern.compile(
            "(?i)\\b(le|la|les|de|du|des|un|une|est|pas|ce|cette|ici|champ|vérifiez|requête|introuvable|obligatoire|invalide|"
                    + "trop|doit|aucune?|impossible|identifiant|formulaire|rôle|votre|vous|valeur|inconnue|choisissez|parmi|saisissez|nombre|entre)\\b|[éèêàùç]");
    private static final Pattern ALERT = Pattern.compile("role=\"alert\">([^<]+)<|class=\"field-error\"[^>]*>([^<]+)<");

    static String received;
    static String ready;
    static long technicianId;
    static long adminId;

    @BeforeAll
    static void machines() {
        received = Fixtures.intake(1).getFirst();
        ready = Fixtures.readyMachine();
        technicianId = TestApp.get().count("SELECT id FROM users WHERE username = '" + TestApp.get().username(Role.TECHNICIAN) + "'");
        adminId = TestApp.get().count("SELECT id FROM users WHERE username = '" + TestApp.get().username(Role.ADMIN) + "'");
    }

    static List<Case> corpus() {
        List<Case> all = new ArrayList<>();
        all.addAll(auth());
        all.addAll(inventoryApi());
        all.addAll(inventoryPages());
        all.addAll(admin());
        return all;
    }

    static List<Case> auth() {
        String token = "/api/v1/auth/token";
        return List.of(
                json("token: empty body", Caller.ANONYMOUS, token, ""),
                raw("token: text/plain", Caller.ANONYMOUS, "POST", token, "text/plain", "username=a&password=b"),
                raw("token: form instead of JSON", Caller.ANONYMOUS, "POST", token, FORM, "username=a&password=b"),
                json("token: truncated JSON", Caller.ANONYMOUS, token, "{\"username\":"),
                json("token: array", Caller.ANONYMOUS, token, "[]"),
                json("token: bare string", Caller.ANONYMOUS, token, "\"admin\""),
                json("token: missing username", Caller.ANONYMOUS, token, "{\"password\":\"whatever-1\"}"),
                json("token: missing password", Caller.ANONYMOUS, token, obj("username", "t-admin")),
                json("token: username is an object", Caller.ANONYMOUS, token, "{\"username\":{\"$ne\":null},\"password\":\"x\"}"),
                json("token: 1 MB username", Caller.ANONYMOUS, token, obj("username", MEGABYTE, "password", "x")),
                json("token: NUL in username", Caller.ANONYMOUS, token, obj("username", "nul" + NUL + "user", "password", "x")),
                json("token: SQL in username", Caller.ANONYMOUS, token, obj("username", SQL, "password", SQL)),
                json("token: 1 MB password", Caller.ANONYMOUS, token, obj("username", "corpus-nobody", "password", MEGABYTE)),
                json("token: 3 MB body", Caller.ANONYMOUS, token, obj("username", "corpus-nobody", "password", MEGABYTE.repeat(3))),
                json("token: odd Unicode", Caller.ANONYMOUS, token, obj("username", ODD_UNICODE, "password", ODD_UNICODE)),
                raw("login: no CSRF cookie", Caller.ANONYMOUS, "POST", "/login", FORM, "username=t-admin&password=x&_csrf=forged"),
                raw("login: JSON body", Caller.ANONYMOUS, "POST", "/login", JSON, "{\"username\":\"t-admin\"}"),
                raw("token: GET instead of POST", Caller.ANONYMOUS, "GET", token, null, null));
    }

    static List<Case> inventoryApi() {
        String donations = "/api/v1/donations";
        String machine = "/api/v1/machines/" + received;
        String t = machine + "/transitions";
        JsonObject donor = Json.createObjectBuilder().add("name", "Corpus").add("kind", "COMPANY").build();
        String laptop = "{\"type\":\"LAPTOP\",\"brand\":\"Dell\",\"model\":\"E7470\"}";
        List<Case> c = new ArrayList<>(List.of(
                json("donation: empty object", Caller.TECHNICIAN_API, donations, "{}"),
                json("donation: no donor", Caller.TECHNICIAN_API, donations, "{\"receivedOn\":\"2025-01-10\",\"site\":\"atelier\",\"machines\":[" + laptop + "]}"),
                json("donation: 30 February", Caller.TECHNICIAN_API, donations, donation(donor, "2025-02-30", "atelier", "[" + laptop + "]")),
                json("donation: French date format", Caller.TECHNICIAN_API, donations, donation(donor, "31/12/2025", "atelier", "[" + laptop + "]")),
                json("donation: date is a number", Caller.TECHNICIAN_API, donations, donation(donor, "20250110", "atelier", "[" + laptop + "]")),
                json("donation: machines is a string", Caller.TECHNICIAN_API, donations, donation(donor, "2025-01-10", "atelier", "\"abc\"")),
                json("donation: no machine", Caller.TECHNICIAN_API, donations, donation(donor, "2025-01-10", "atelier", "[]")),
                json("donation: 501 machines", Caller.TECHNICIAN_API, donations, donation(donor, "2025-01-10", "atelier",
                        "[" + String.join(",", java.util.Collections.nCopies(501, laptop)) + "]")),
                json("donation: unknown machine type", Caller.TECHNICIAN_API, donations, donation(donor, "2025-01-10", "atelier",
                        "[{\"type\":\"TOASTER\"}]")),
                json("donation: machine is a number", Caller.TECHNICIAN_API, donations, donation(donor, "2025-01-10", "atelier", "[42]")),
                json("donation: unknown donor kind", Caller.TECHNICIAN_API, donations, donation(
                        Json.createObjectBuilder().add("name", "X").add("kind", "ALIEN").build(), "2025-01-10", "atelier", "[" + laptop + "]")),
                json("donation: 1 MB donor name", Caller.TECHNICIAN_API, donations, donation(
                        Json.createObjectBuilder().add("name", MEGABYTE).add("kind", "COMPANY").build(), "2025-01-10", "atelier", "[" + laptop + "]")),
                json("donation: unknown site", Caller.TECHNICIAN_API, donations, donation(donor, "2025-01-10", "nowhere", "[" + laptop + "]")),
                json("donation: SQL as site", Caller.TECHNICIAN_API, donations, donation(donor, "2025-01-10", SQL, "[" + laptop + "]")),
                json("donation: NUL in serial", Caller.TECHNICIAN_API, donations, donation(donor, "2025-01-10", "atelier",
                        "[" + Json.createObjectBuilder().add("type", "LAPTOP").add("serial", "AB" + NUL + "CD").build() + "]")),
                json("donation: unknown donor id", Caller.TECHNICIAN_API, donations, "{\"donorId\":999999999,\"receivedOn\":\"2025-01-10\",\"site\":\"atelier\",\"machines\":[" + laptop + "]}"),
                json("donation: negative donor id", Caller.TECHNICIAN_API, donations, "{\"donorId\":-4,\"receivedOn\":\"2025-01-10\",\"site\":\"atelier\",\"machines\":[" + laptop + "]}"),
                json("donation: donor id is text", Caller.TECHNICIAN_API, donations, "{\"donorId\":\"abc\",\"receivedOn\":\"2025-01-10\",\"site\":\"atelier\",\"machines\":[" + laptop + "]}"),
                json("donation: 100 000 nested arrays", Caller.TECHNICIAN_API, donations, "[".repeat(100_000)),
                raw("donation: text/plain", Caller.TECHNICIAN_API, "POST", donations, "text/plain", "hello"),
                raw("donation: invalid UTF-8", Caller.TECHNICIAN_API, "POST", donations, JSON, "{\"site\":\"\u00ff\u00fe\"}"),
                json("donation: anonymous", Caller.ANONYMOUS, donations, "{}"),
                json("donation: coordinator cannot write", Caller.COORDINATOR_API, donations, "{}"),
                get("machine: unknown tag", Caller.TECHNICIAN_API, "/api/v1/machines/PS-0000-00000"),
                get("machine: SQL as tag", Caller.TECHNICIAN_API, "/api/v1/machines/" + enc(SQL)),
                get("machine: script as tag", Caller.TECHNICIAN_API, "/api/v1/machines/" + enc(SCRIPT)),
                get("machine: NUL tag", Caller.TECHNICIAN_API, "/api/v1/machines/%00"),
                get("machines: unknown state", Caller.TECHNICIAN_API, "/api/v1/machines?state=BROKEN"),
                get("machines: SQL as state", Caller.TECHNICIAN_API, "/api/v1/machines?state=" + enc(SQL)),
                get("machines: negative page", Caller.TECHNICIAN_API, "/api/v1/machines?page=-1"),
                get("machines: page is text", Caller.TECHNICIAN_API, "/api/v1/machines?page=abc"),
                get("machines: donation 0", Caller.TECHNICIAN_API, "/api/v1/machines?donation=0"),
                get("machines: huge donation id", Caller.TECHNICIAN_API, "/api/v1/machines?donation=99999999999999999999"),
                get("machines: 5 000-character search", Caller.TECHNICIAN_API, "/api/v1/machines?q=" + "a".repeat(5000)),
                get("machines: unknown grade", Caller.TECHNICIAN_API, "/api/v1/machines?grade=Z"),
                get("machines: unknown type", Caller.TECHNICIAN_API, "/api/v1/machines?type=" + enc(SCRIPT)),
                get("donation: id is text", Caller.TECHNICIAN_API, "/api/v1/donations/abc"),
                get("donation: negative id", Caller.TECHNICIAN_API, "/api/v1/donations/-5"),
                get("donation: unknown id", Caller.TECHNICIAN_API, "/api/v1/donations/999999999"),
                get("donation: id too large", Caller.TECHNICIAN_API, "/api/v1/donations/99999999999999999999999"),
                json("transition: no target", Caller.TECHNICIAN_API, t, "{}"),
                json("transition: unknown target", Caller.TECHNICIAN_API, t, obj("to", "FLYING")),
                json("transition: assignment from workshop", Caller.TECHNICIAN_API, t, obj("to", "ASSIGNED")),
                json("transition: READY without erasure", Caller.TECHNICIAN_API, t, obj("to", "READY")),
                json("transition: unknown machine", Caller.TECHNICIAN_API, "/api/v1/machines/PS-0000-00000/transitions", obj("to", "IN_DIAGNOSIS")),
                json("transition: negative scrap weight", Caller.TECHNICIAN_API, t, "{\"to\":\"SCRAPPED\",\"weightKg\":-5,\"channel\":\"DEEE\"}"),
                json("transition: weight is text", Caller.TECHNICIAN_API, t, "{\"to\":\"SCRAPPED\",\"weightKg\":\"lourd\",\"channel\":\"DEEE\"}"),
                json("transition: weight 1e308", Caller.TECHNICIAN_API, t, "{\"to\":\"SCRAPPED\",\"weightKg\":1e308,\"channel\":\"DEEE\"}"),
                json("transition: 1 MB note", Caller.TECHNICIAN_API, t, obj("to", "IN_DIAGNOSIS", "note", MEGABYTE)),
                json("transition: target is a list", Caller.TECHNICIAN_API, t, "{\"to\":[\"READY\"]}"),
                raw("transition: form body", Caller.TECHNICIAN_API, "POST", t, FORM, "to=IN_DIAGNOSIS"),
                json("transition: coordinator cannot write", Caller.COORDINATOR_API, t, obj("to", "IN_DIAGNOSIS")),
                json("transition: anonymous", Caller.ANONYMOUS, t, obj("to", "IN_DIAGNOSIS")),
                json("storage: empty", Caller.TECHNICIAN_API, machine + "/storage", "{}"),
                json("storage: unknown kind", Caller.TECHNICIAN_API, machine + "/storage", "{\"kind\":\"FLOPPY\",\"capacityGb\":1}"),
                json("storage: negative capacity", Caller.TECHNICIAN_API, machine + "/storage", "{\"kind\":\"SSD\",\"capacityGb\":-1}"),
                json("storage: capacity NaN", Caller.TECHNICIAN_API, machine + "/storage", "{\"kind\":\"SSD\",\"capacityGb\":\"NaN\"}"),
                json("erasure: unknown device", Caller.TECHNICIAN_API, machine + "/erasures",
                        "{\"device\":\"NOPE\",\"method\":\"PURGE\",\"tool\":\"nwipe\",\"passes\":1,\"verified\":true,\"result\":\"PASS\"}"),
                json("erasure: unknown method", Caller.TECHNICIAN_API, machine + "/erasures",
                        "{\"device\":\"NOPE\",\"method\":\"WIPE\",\"tool\":\"nwipe\",\"passes\":1,\"verified\":true,\"result\":\"PASS\"}"),
                json("erasure: 1000 passes", Caller.TECHNICIAN_API, machine + "/erasures",
                        "{\"device\":\"NOPE\",\"method\":\"PURGE\",\"tool\":\"nwipe\",\"passes\":1000,\"verified\":true,\"result\":\"PASS\"}"),
                json("erasure: negative passes", Caller.TECHNICIAN_API, machine + "/erasures",
                        "{\"device\":\"NOPE\",\"method\":\"PURGE\",\"tool\":\"nwipe\",\"passes\":-1,\"verified\":true,\"result\":\"PASS\"}"),
                json("erasure: verified maybe", Caller.TECHNICIAN_API, machine + "/erasures",
                        "{\"device\":\"NOPE\",\"method\":\"PURGE\",\"tool\":\"nwipe\",\"passes\":1,\"verified\":\"peut-être\",\"result\":\"PASS\"}"),
                json("erasure: impossible date", Caller.TECHNICIAN_API, machine + "/erasures",
                        "{\"device\":\"NOPE\",\"method\":\"PURGE\",\"tool\":\"nwipe\",\"passes\":1,\"verified\":true,\"result\":\"PASS\",\"performedOn\":\"2025-04-31\"}"),
                json("repair: no parts", Caller.TECHNICIAN_API, machine + "/repairs", "{}"),
                json("repair: 1 MB parts", Caller.TECHNICIAN_API, machine + "/repairs", obj("parts", MEGABYTE)),
                json("repair: machine not in the workshop", Caller.TECHNICIAN_API, "/api/v1/machines/" + ready + "/repairs", obj("parts", "Clavier")),
                json("os: empty", Caller.TECHNICIAN_API, machine + "/os", "{}"),
                json("os: 1 MB name", Caller.TECHNICIAN_API, machine + "/os", obj("name", MEGABYTE, "osName", MEGABYTE)),
                raw("hardware: not JSON", Caller.TECHNICIAN_API, "POST", machine + "/hardware", JSON, "lshw says hello"),
                raw("hardware: JSON of the wrong shape", Caller.TECHNICIAN_API, "POST", machine + "/hardware", JSON, "{\"x\":1}"),
                raw("hardware: 3 MB", Caller.TECHNICIAN_API, "POST", machine + "/hardware", JSON, "[\"" + MEGABYTE.repeat(3) + "\"]"),
                raw("hardware: unknown machine", Caller.TECHNICIAN_API, "POST", "/api/v1/machines/PS-0000-00000/hardware", JSON, "{}")));
        return c;
    }

    static List<Case> inventoryPages() {
        String m = "/m/" + received;
        return List.of(
                get("page: unknown machine", Caller.TECHNICIAN_BROWSER, "/m/PS-0000-00000"),
                get("page: script as tag", Caller.TECHNICIAN_BROWSER, "/m/" + enc(SCRIPT)),
                get("page: unknown state filter", Caller.TECHNICIAN_BROWSER, "/machines?state=NOPE"),
                get("page: page 0", Caller.TECHNICIAN_BROWSER, "/machines?page=0"),
                get("page: SQL in donation filter", Caller.TECHNICIAN_BROWSER, "/machines?donation=" + enc("1 OR 1=1")),
                get("page: donation id is text", Caller.TECHNICIAN_BROWSER, "/donations/abc"),
                get("page: unknown donation", Caller.TECHNICIAN_BROWSER, "/donations/999999999"),
                get("page: unknown path", Caller.TECHNICIAN_BROWSER, "/nulle/part"),
                form("page: unknown transition", Caller.TECHNICIAN_BROWSER, m + "/transition", Map.of("to", "NOPE")),
                form("page: transition without target", Caller.TECHNICIAN_BROWSER, m + "/transition", Map.of()),
                form("page: forbidden transition", Caller.TECHNICIAN_BROWSER, m + "/transition", Map.of("to", "READY")),
                form("page: transition without CSRF", Caller.TECHNICIAN_BROWSER, m + "/transition", Map.of("to", "IN_DIAGNOSIS", "_csrf", "")),
                form("page: repair without parts", Caller.TECHNICIAN_BROWSER, m + "/repair", Map.of("parts", "")),
                form("page: negative erasure passes", Caller.TECHNICIAN_BROWSER, m + "/erasure",
                        Map.of("device", "X", "method", "PURGE", "tool", "nwipe", "passes", "-3", "result", "PASS")),
                form("page: storage capacity is text", Caller.TECHNICIAN_BROWSER, m + "/storage", Map.of("kind", "SSD", "capacityGb", "beaucoup")),
                form("page: OS with 1 MB name", Caller.TECHNICIAN_BROWSER, m + "/os", Map.of("osName", MEGABYTE, "name", MEGABYTE)),
                form("page: empty donation", Caller.TECHNICIAN_BROWSER, "/donations", Map.of()),
                form("page: donation on 45/13", Caller.TECHNICIAN_BROWSER, "/donations", Map.of("donorId", "new", "donor.name", "X",
                        "donor.kind", "COMPANY", "receivedOn", "2025-13-45", "site", "atelier", "machines[0].type", "LAPTOP")),
                form("page: donation with 1 MB donor", Caller.TECHNICIAN_BROWSER, "/donations", Map.of("donorId", "new", "donor.name", MEGABYTE,
                        "donor.kind", "COMPANY", "receivedOn", "2025-01-10", "site", "atelier", "machines[0].type", "LAPTOP")),
                form("page: donation with script as type", Caller.TECHNICIAN_BROWSER, "/donations", Map.of("donorId", "new", "donor.name", "X",
                        "donor.kind", "COMPANY", "receivedOn", "2025-01-10", "site", "atelier", "machines[0].type", SCRIPT)),
                form("page: donation with NUL in model", Caller.TECHNICIAN_BROWSER, "/donations", Map.of("donorId", "999999999",
                        "receivedOn", "2025-01-10", "site", "atelier", "machines[0].type", "LAPTOP", "machines[0].model", "A" + NUL)),
                raw("page: donation as JSON without CSRF header", Caller.TECHNICIAN_BROWSER, "POST", "/donations", JSON, "{}"),
                raw("page: donation as text", Caller.TECHNICIAN_BROWSER, "POST", "/donations", "text/plain", "bonjour"));
    }

    static List<Case> admin() {
        String tech = "/admin/users/" + technicianId;
        return List.of(
                form("admin: empty new user", Caller.ADMIN_BROWSER, "/admin/users", Map.of()),
                form("admin: username with spaces", Caller.ADMIN_BROWSER, "/admin/users", newUser("Bad Name!", "ADMIN", "long-enough-pw")),
                form("admin: unknown role", Caller.ADMIN_BROWSER, "/admin/users", newUser("corpus-god", "GOD", "long-enough-pw")),
                form("admin: short password", Caller.ADMIN_BROWSER, "/admin/users", newUser("corpus-short", "ADMIN", "short")),
                form("admin: taken username", Caller.ADMIN_BROWSER, "/admin/users", newUser(TestApp.get().username(Role.ADMIN), "ADMIN", "long-enough-pw")),
                form("admin: SQL username", Caller.ADMIN_BROWSER, "/admin/users", newUser(SQL, "ADMIN", "long-enough-pw")),
                form("admin: NUL in username", Caller.ADMIN_BROWSER, "/admin/users", newUser("corpus" + NUL, "TECHNICIAN", "long-enough-pw")),
                form("admin: 1 MB display name", Caller.ADMIN_BROWSER, "/admin/users", Map.of("username", "corpus-big", "displayName", MEGABYTE,
                        "role", "TECHNICIAN", "password", "long-enough-pw")),
                form("admin: 1 MB password", Caller.ADMIN_BROWSER, "/admin/users", newUser("corpus-bigpw", "TECHNICIAN", MEGABYTE)),
                get("admin: user id is text", Caller.ADMIN_BROWSER, "/admin/users/abc"),
                get("admin: unknown user", Caller.ADMIN_BROWSER, "/admin/users/999999999"),
                get("admin: negative user id", Caller.ADMIN_BROWSER, "/admin/users/-1"),
                form("admin: role of unknown user", Caller.ADMIN_BROWSER, "/admin/users/999999999/role", Map.of("role", "ADMIN")),
                form("admin: unknown role change", Caller.ADMIN_BROWSER, tech + "/role", Map.of("role", "ROOT")),
                form("admin: short password reset", Caller.ADMIN_BROWSER, tech + "/password", Map.of("password", "court")),
                form("admin: deactivate oneself", Caller.ADMIN_BROWSER, "/admin/users/" + adminId + "/active", Map.of("active", "false")),
                form("admin: demote oneself", Caller.ADMIN_BROWSER, "/admin/users/" + adminId + "/role", Map.of("role", "TECHNICIAN")),
                form("admin: role change without CSRF", Caller.ADMIN_BROWSER, tech + "/role", Map.of("role", "ADMIN", "_csrf", "x")),
                form("admin: technician creates a user", Caller.TECHNICIAN_BROWSER, "/admin/users", newUser("corpus-intrus", "ADMIN", "long-enough-pw")),
                get("admin: technician lists users", Caller.TECHNICIAN_BROWSER, "/admin/users"),
                get("admin: script in path", Caller.ADMIN_BROWSER, "/admin/users/" + enc(SCRIPT)));
    }

    @Test
    void everyMalformedRequestGetsA4xxInFrenchAndTheDatabaseIsUnchanged() throws Exception {
        Map<Caller, Http> clients = new LinkedHashMap<>();
        clients.put(Caller.ANONYMOUS, Http.anonymous());
        clients.put(Caller.TECHNICIAN_API, Http.api(Role.TECHNICIAN));
        clients.put(Caller.COORDINATOR_API, Http.api(Role.COORDINATOR));
        clients.put(Caller.TECHNICIAN_BROWSER, Http.browser(Role.TECHNICIAN));
        clients.put(Caller.ADMIN_BROWSER, Http.browser(Role.ADMIN));
        List<Case> corpus = corpus();
        Map<String, Long> before = fingerprint();

        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (Case c : corpus) {
            HttpResponse<String> r = send(clients.get(c.caller()), c);
            statuses.merge(r.statusCode(), 1, Integer::sum);
            String message = frenchMessage(r);
            if (r.statusCode() < 400 || r.statusCode() >= 500) {
                failures.add(c.label() + ": " + r.statusCode() + " " + abbreviate(r.body()));
            } else if (message == null || !FRENCH.matcher(message).find()) {
                failures.add(c.label() + ": " + r.statusCode() + " without a French message: " + abbreviate(r.body()));
            } else if (r.body().contains(SCRIPT)) {
                failures.add(c.label() + ": the script came back unescaped");
            }
        }
        System.out.println("Bad-input corpus: " + corpus.size() + " requests, statuses " + statuses);
        assertTrue(corpus.size() >= 100, "corpus size " + corpus.size());
        assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures));
        assertEquals(before, fingerprint(), "a refused request changed the database");
    }

    /** Row counts of every table, except the login throttle, which counts the failed logins above on purpose. */
    static Map<String, Long> fingerprint() throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = TestApp.get().connection()) {
            List<String> tables = new ArrayList<>();
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'login_throttle'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    static HttpResponse<String> send(Http http, Case c) {
        if (c.method().equals("GET")) {
            return http.get(c.path());
        }
        String body = c.body().replace("_csrf=" + enc("{csrf}"), "_csrf=" + enc(http.csrf() == null ? "" : http.csrf()));
        return http.send(http.request(c.path()).header("Content-Type", c.contentType())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The message shown to the person: the API's "message", or the page's alert and field errors. */
    static String frenchMessage(HttpResponse<String> r) {
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (type.startsWith("application/json")) {
            try {
                return Http.json(r).getString("message", null);
            } catch (RuntimeException e) {
                return null;
            }
        }
        if (!type.startsWith("text/html")) {
            return null;
        }
        Matcher m = ALERT.matcher(r.body());
        StringBuilder text = new StringBuilder();
        while (m.find()) {
            text.append(m.group(1) != null ? m.group(1) : m.group(2)).append(' ');
        }
        return text.isEmpty() ? null : text.toString();
    }

    static Case get(String label, Caller caller, String path) {
        return new Case(label, caller, "GET", path, null, null);
    }

    static Case json(String label, Caller caller, String path, String body) {
        return new Case(label, caller, "POST", path, JSON, body);
    }

    static Case raw(String label, Caller caller, String method, String path, String contentType, String body) {
        return new Case(label, caller, method, path, contentType, body);
    }

    /** A browser form; the session's CSRF token is added unless the case sets its own "_csrf". */
    static Case form(String label, Caller caller, String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.putIfAbsent("_csrf", "{csrf}");
        String body = all.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return new Case(label, caller, "POST", path, FORM, body);
    }

    static Map<String, String> newUser(String username, String role, String password) {
        return Map.of("username", username, "displayName", "Corpus", "role", role, "password", password);
    }

    static String obj(String... pairs) {
        var b = Json.createObjectBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            b.add(pairs[i], pairs[i + 1]);
        }
        return b.build().toString();
    }

    static String donation(JsonObject donor, String receivedOn, String site, String machines) {
        return "{\"donor\":" + donor + ",\"receivedOn\":" + Json.createValue(receivedOn) + ",\"site\":" + Json.createValue(site)
                + ",\"machines\":" + machines + "}";
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String abbreviate(String s) {
        int main = s.indexOf("<main");
        if (main >= 0) {
            s = s.substring(main);
        }
        return s.length() > 600 ? s.substring(0, 600) + "…" : s;
    }
}
