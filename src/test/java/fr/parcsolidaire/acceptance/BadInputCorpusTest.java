package fr.parcsolidaire.acceptance;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.loans.LoanFixtures;
import fr.parcsolidaire.platform.http.FormLimits;
import fr.parcsolidaire.platform.security.Authenticator;
import fr.parcsolidaire.platform.security.Role;
import fr.parcsolidaire.platform.security.SessionStore;
import fr.parcsolidaire.platform.settings.Settings;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
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
import java.time.LocalDate;
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
    enum Caller {
        ANONYMOUS(null), TECHNICIAN_API(Role.TECHNICIAN), COORDINATOR_API(Role.COORDINATOR), TECHNICIAN_BROWSER(Role.TECHNICIAN),
        ADMIN_BROWSER(Role.ADMIN), SOCIAL_WORKER_API(Role.SOCIAL_WORKER), SOCIAL_WORKER_BROWSER(Role.SOCIAL_WORKER),
        COORDINATOR_BROWSER(Role.COORDINATOR), ADMIN_API(Role.ADMIN),
        /** Nobody signed in, holding the login page's CSRF cookie. */
        LOGIN_FORM(null);

        private final Role role;

        Caller(Role role) {
            this.role = role;
        }

        Role role() {
            return role;
        }

        boolean browser() {
            return name().endsWith("_BROWSER");
        }
    }

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
    static long person;
    static long loan;
    static long gift;
    static long course;
    static long session;
    static long enrolment;
    static String loanTag;

    @BeforeAll
    static void machines() {
        received = Fixtures.intake(1).getFirst();
        ready = Fixtures.readyMachine();
        technicianId = TestApp.get().count("SELECT id FROM users WHERE username = '" + TestApp.get().username(Role.TECHNICIAN) + "'");
        adminId = TestApp.get().count("SELECT id FROM users WHERE username = '" + TestApp.get().username(Role.ADMIN) + "'");
        person = LoanFixtures.beneficiary("Corpus", "Céleste");
        loanTag = Fixtures.readyMachine();
        loan = LoanFixtures.loan(loanTag, person);
        Http social = Http.api(Role.SOCIAL_WORKER);
        gift = Http.json(Fixtures.expect(201, social.postJson("/api/v1/assignments", Json.createObjectBuilder()
                .add("machineTag", Fixtures.readyMachine()).add("beneficiaryId", person).add("kind", "GIFT").build())))
                .getJsonNumber("id").longValue();
        course = Http.json(Fixtures.expect(201, social.postJson("/api/v1/courses", obj("name", "Corpus " + System.nanoTime()))))
                .getJsonNumber("id").longValue();
        session = Http.json(Fixtures.expect(201, social.postJson("/api/v1/courses/" + course + "/sessions", obj("label", "Corpus",
                "startsOn", LocalDate.now().minusDays(3).toString(), "endsOn", LocalDate.now().plusDays(30).toString()))))
                .getJsonNumber("id").longValue();
        enrolment = Http.json(Fixtures.expect(201, social.postJson("/api/v1/sessions/" + session + "/enrolments",
                "{\"beneficiaryId\":" + person + "}"))).getJsonNumber("id").longValue();
    }

    static List<Case> corpus() {
        List<Case> all = new ArrayList<>();
        all.addAll(auth());
        all.addAll(inventoryApi());
        all.addAll(inventoryPages());
        all.addAll(admin());
        all.addAll(loansApi());
        all.addAll(loansPages());
        all.addAll(gdpr());
        all.addAll(reports());
        all.addAll(outcomes());
        all.addAll(imports());
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
                form("admin: unknown site for a user", Caller.ADMIN_BROWSER, tech + "/site", Map.of("site", SQL)),
                form("admin: site change without CSRF", Caller.ADMIN_BROWSER, tech + "/site", Map.of("site", "atelier", "_csrf", "")),
                form("admin: technician creates a user", Caller.TECHNICIAN_BROWSER, "/admin/users", newUser("corpus-intrus", "ADMIN", "long-enough-pw")),
                get("admin: technician lists users", Caller.TECHNICIAN_BROWSER, "/admin/users"),
                get("admin: script in path", Caller.ADMIN_BROWSER, "/admin/users/" + enc(SCRIPT)));
    }

    /** A valid beneficiary with some fields replaced ("" removes a field). */
    static String person(String... overrides) {
        Map<String, String> f = new LinkedHashMap<>(Map.of("lastName", "Corpus", "firstName", "Test", "commune", "Saint-Denis",
                "postcode", "93200", "ageBracket", "FROM_45_TO_59", "situation", "JOB_SEEKER", "gdprNoticeOn", LocalDate.now().toString()));
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1].isEmpty()) {
                f.remove(overrides[i]);
            } else {
                f.put(overrides[i], overrides[i + 1]);
            }
        }
        return obj(f.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray(String[]::new));
    }

    static Map<String, String> personForm(String... overrides) {
        Map<String, String> f = new LinkedHashMap<>(Map.of("lastName", "Corpus", "firstName", "Test", "commune", "Saint-Denis",
                "postcode", "93200", "ageBracket", "FROM_45_TO_59", "situation", "JOB_SEEKER", "gdprNoticeOn", LocalDate.now().toString()));
        for (int i = 0; i < overrides.length; i += 2) {
            f.put(overrides[i], overrides[i + 1]);
        }
        return f;
    }

    static String loanBody(String tag, String... extra) {
        Map<String, String> f = new LinkedHashMap<>(Map.of("machineTag", tag, "beneficiaryId", String.valueOf(person), "kind", "LOAN",
                "dueOn", LocalDate.now().plusMonths(2).toString()));
        for (int i = 0; i < extra.length; i += 2) {
            f.put(extra[i], extra[i + 1]);
        }
        return obj(f.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray(String[]::new));
    }

    static List<Case> loansApi() {
        Caller sw = Caller.SOCIAL_WORKER_API;
        String b = "/api/v1/beneficiaries";
        String p = b + "/" + person;
        String a = "/api/v1/assignments";
        String l = a + "/" + loan;
        String g = a + "/" + gift;
        String today = LocalDate.now().toString();
        return List.of(
                json("beneficiary: empty object", sw, b, "{}"),
                json("beneficiary: no last name", sw, b, person("lastName", "")),
                json("beneficiary: 1 MB last name", sw, b, person("lastName", MEGABYTE)),
                json("beneficiary: NUL in first name", sw, b, person("firstName", "Jean" + NUL)),
                json("beneficiary: odd Unicode postcode", sw, b, person("postcode", ODD_UNICODE)),
                json("beneficiary: postcode in letters", sw, b, person("postcode", "ABCDE")),
                json("beneficiary: unknown age bracket", sw, b, person("ageBracket", "CENTENARIAN")),
                json("beneficiary: situation is a list", sw, b, person().replace("\"JOB_SEEKER\"", "[\"RSA\"]")),
                json("beneficiary: last name is an object", sw, b, person().replace("\"Corpus\"", "{\"$gt\":\"\"}")),
                json("beneficiary: notice on 2026-02-30", sw, b, person("gdprNoticeOn", "2026-02-30")),
                json("beneficiary: notice in 2099", sw, b, person("gdprNoticeOn", "2099-01-01")),
                json("beneficiary: notice is a number", sw, b, person().replace("\"" + today + "\"", "20260101")),
                json("beneficiary: invalid e-mail", sw, b, person("email", "pas-une-adresse")),
                json("beneficiary: phone in letters", sw, b, person("phone", "appelez-moi")),
                json("beneficiary: unknown social worker", sw, b, person("socialWorkerId", "999999999")),
                json("beneficiary: negative social worker", sw, b, person("socialWorkerId", "-1")),
                json("beneficiary: unknown site", sw, b, person("site", "nulle-part")),
                json("beneficiary: SQL as site", sw, b, person("site", SQL)),
                raw("beneficiary: text/plain", sw, "POST", b, "text/plain", "Corpus Test"),
                raw("beneficiary: form body", sw, "POST", b, FORM, "lastName=Corpus"),
                json("beneficiary: truncated JSON", sw, b, "{\"lastName\":\"Cor"),
                json("beneficiary: technician cannot create", Caller.TECHNICIAN_API, b, person()),
                json("beneficiary: coordinator cannot create", Caller.COORDINATOR_API, b, person()),
                json("beneficiary: anonymous", Caller.ANONYMOUS, b, person()),
                get("beneficiary: unknown id", sw, b + "/999999999"),
                get("beneficiary: id is text", sw, b + "/abc"),
                get("beneficiary: negative id", sw, b + "/-1"),
                get("beneficiary: id too large", sw, b + "/99999999999999999999"),
                get("beneficiary: coordinator reads a person", Caller.COORDINATOR_API, p),
                get("beneficiary: technician reads a person", Caller.TECHNICIAN_API, p),
                json("beneficiary update: unknown id", sw, b + "/999999999", person()),
                json("beneficiary update: 1 MB commune", sw, p, person("commune", MEGABYTE)),
                json("beneficiary update: 31 April", sw, p, person("gdprNoticeOn", "2026-04-31")),
                json("beneficiary update: NUL in commune", sw, p, person("commune", "Saint" + NUL)),
                json("course: empty", sw, "/api/v1/courses", "{}"),
                json("course: 1 MB name", sw, "/api/v1/courses", obj("name", MEGABYTE)),
                json("course: NUL in name", sw, "/api/v1/courses", obj("name", "Clics" + NUL)),
                json("course: 1 MB description", sw, "/api/v1/courses", obj("name", "Corpus long", "description", MEGABYTE)),
                json("session: unknown course", sw, "/api/v1/courses/999999999/sessions", obj("label", "X", "startsOn", today, "endsOn", today)),
                json("session: ends before it starts", sw, "/api/v1/courses/" + course + "/sessions", obj("label", "X",
                        "startsOn", today, "endsOn", LocalDate.now().minusDays(1).toString())),
                json("session: 2026-02-30", sw, "/api/v1/courses/" + course + "/sessions", obj("label", "X", "startsOn", "2026-02-30", "endsOn", today)),
                json("session: unknown site", sw, "/api/v1/courses/" + course + "/sessions", obj("label", "X", "startsOn", today,
                        "endsOn", today, "site", "nulle-part")),
                json("session: label is an object", sw, "/api/v1/courses/" + course + "/sessions", "{\"label\":{},\"startsOn\":\"" + today + "\"}"),
                json("enrolment: unknown session", sw, "/api/v1/sessions/999999999/enrolments", "{\"beneficiaryId\":" + person + "}"),
                json("enrolment: unknown person", sw, "/api/v1/sessions/" + session + "/enrolments", "{\"beneficiaryId\":999999999}"),
                json("enrolment: person id is text", sw, "/api/v1/sessions/" + session + "/enrolments", "{\"beneficiaryId\":\"Céleste\"}"),
                json("enrolment: already enrolled", sw, "/api/v1/sessions/" + session + "/enrolments", "{\"beneficiaryId\":" + person + "}"),
                json("enrolment status: unknown status", sw, "/api/v1/enrolments/" + enrolment + "/status", obj("status", "GRADUATED")),
                json("enrolment status: unknown enrolment", sw, "/api/v1/enrolments/999999999/status", obj("status", "COMPLETED")),
                json("session conversion: unknown session", sw, "/api/v1/sessions/999999999/convert-to-gift", "{}"),
                json("assignment: empty", sw, a, "{}"),
                json("assignment: unknown machine", sw, a, loanBody("PS-0000-00000")),
                json("assignment: machine not ready", sw, a, loanBody(received)),
                json("assignment: machine already lent", sw, a, loanBody(loanTag)),
                json("assignment: due before start", sw, a, loanBody(ready, "startsOn", LocalDate.now().plusDays(10).toString(),
                        "dueOn", LocalDate.now().plusDays(5).toString())),
                json("assignment: due on 2026-02-30", sw, a, loanBody(ready, "dueOn", "2026-02-30")),
                json("assignment: due date is a list", sw, a, "{\"machineTag\":\"" + ready + "\",\"beneficiaryId\":" + person
                        + ",\"kind\":\"LOAN\",\"dueOn\":[1]}"),
                json("assignment: unknown kind", sw, a, loanBody(ready, "kind", "RENTAL")),
                json("assignment: negative person", sw, a, loanBody(ready, "beneficiaryId", "-5")),
                json("assignment: unknown person", sw, a, loanBody(ready, "beneficiaryId", "999999999")),
                json("assignment: unknown session", sw, a, loanBody(ready, "sessionId", "999999999")),
                json("assignment: 21 different accessories", sw, a, loanBody(ready).replace("}", ",\"accessories\":["
                        + java.util.stream.IntStream.rangeClosed(1, 21).mapToObj(i -> "\"Câble " + i + "\"")
                        .collect(Collectors.joining(",")) + "]}")),
                json("assignment: 1 MB accessory", sw, a, loanBody(ready, "accessories", MEGABYTE)),
                json("assignment: NUL in note", sw, a, loanBody(ready, "note", "note" + NUL)),
                json("assignment: coordinator cannot lend", Caller.COORDINATOR_API, a, loanBody(ready)),
                json("assignment: technician cannot lend", Caller.TECHNICIAN_API, a, loanBody(ready)),
                get("assignment: unknown id", sw, a + "/999999999"),
                get("assignment: id is text", sw, a + "/abc"),
                get("assignment: technician reads", Caller.TECHNICIAN_API, l),
                get("contract: unknown assignment", sw, a + "/999999999/contract.pdf"),
                get("contract: coordinator reads the PDF", Caller.COORDINATOR_API, l + "/contract.pdf"),
                json("return: unknown condition", sw, l + "/return", obj("condition", "EXPLODED")),
                json("return: before the loan started", sw, l + "/return", obj("condition", "GOOD", "returnedOn", LocalDate.now().minusDays(1).toString())),
                json("return: on 2026-02-30", sw, l + "/return", obj("condition", "GOOD", "returnedOn", "2026-02-30")),
                json("return: a gift", sw, g + "/return", obj("condition", "GOOD")),
                json("return: unknown assignment", sw, a + "/999999999/return", obj("condition", "GOOD")),
                json("extend: before the current due date", sw, l + "/extend", obj("dueOn", LocalDate.now().plusDays(1).toString())),
                json("extend: month 13", sw, l + "/extend", obj("dueOn", "2026-13-01")),
                json("extend: no date", sw, l + "/extend", "{}"),
                json("extend: a gift", sw, g + "/extend", obj("dueOn", LocalDate.now().plusMonths(6).toString())),
                json("incident: unknown kind", sw, l + "/incidents", obj("kind", "ALIENS")),
                json("incident: in the future", sw, l + "/incidents", obj("kind", "THEFT", "occurredOn", LocalDate.now().plusDays(3).toString())),
                json("incident: 1 MB note", sw, l + "/incidents", obj("kind", "REPAIR", "note", MEGABYTE)),
                json("convert: a gift", sw, g + "/convert-to-gift", "{}"),
                json("signatures: none", sw, l + "/signatures", "{}"),
                json("signatures: not PNG", sw, l + "/signatures", obj("staff", "data:image/png;base64,SGVsbG8=", "beneficiary", "!!!")),
                raw("scan: text instead of PDF", sw, "POST", l + "/scans", "application/pdf", "Ceci n'est pas un PDF"),
                raw("scan: empty", sw, "POST", l + "/scans", "application/pdf", ""),
                raw("scan: unknown assignment", sw, "POST", a + "/999999999/scans", "application/pdf", "%PDF-1.4\n"));
    }

    static List<Case> loansPages() {
        Caller sw = Caller.SOCIAL_WORKER_BROWSER;
        String p = "/beneficiaries/" + person;
        String l = "/assignments/" + loan;
        String g = "/assignments/" + gift;
        String today = LocalDate.now().toString();
        return List.of(
                form("page: empty beneficiary", sw, "/beneficiaries", Map.of()),
                form("page: beneficiary with 1 MB name", sw, "/beneficiaries", personForm("lastName", MEGABYTE)),
                form("page: beneficiary notice 2026-02-30", sw, "/beneficiaries", personForm("gdprNoticeOn", "2026-02-30")),
                form("page: beneficiary NUL commune", sw, "/beneficiaries", personForm("commune", "Bondy" + NUL)),
                form("page: beneficiary odd Unicode postcode", sw, "/beneficiaries", personForm("postcode", ODD_UNICODE)),
                form("page: beneficiary without CSRF", sw, "/beneficiaries", personForm("_csrf", "")),
                form("page: beneficiary edit bad postcode", sw, p, personForm("postcode", "9320")),
                form("page: beneficiary edit unknown id", sw, "/beneficiaries/999999999", personForm()),
                get("page: unknown beneficiary", sw, "/beneficiaries/999999999"),
                get("page: beneficiary id is text", sw, "/beneficiaries/abc"),
                get("page: unknown beneficiary edit", sw, "/beneficiaries/999999999/edit"),
                get("page: coordinator opens a person", Caller.COORDINATOR_BROWSER, p),
                form("page: empty course", sw, "/courses", Map.of()),
                form("page: course with 1 MB name", sw, "/courses", Map.of("name", MEGABYTE)),
                form("page: session ending before it starts", sw, "/courses/" + course + "/sessions", Map.of("label", "X",
                        "startsOn", today, "endsOn", LocalDate.now().minusDays(2).toString())),
                form("page: session on 2026-02-30", sw, "/courses/" + course + "/sessions", Map.of("label", "X",
                        "startsOn", "2026-02-30", "endsOn", today)),
                form("page: session of unknown course", sw, "/courses/999999999/sessions", Map.of("label", "X", "startsOn", today, "endsOn", today)),
                get("page: unknown session", sw, "/sessions/999999999"),
                form("page: enrol a text id", sw, "/sessions/" + session + "/enrol", Map.of("beneficiaryId", "abc")),
                form("page: enrol twice", sw, "/sessions/" + session + "/enrol", Map.of("beneficiaryId", String.valueOf(person))),
                form("page: unknown enrolment status", sw, "/enrolments/" + enrolment + "/status", Map.of("status", "NOPE")),
                form("page: status of unknown enrolment", sw, "/enrolments/999999999/status", Map.of("status", "COMPLETED")),
                get("page: negative RAM filter", sw, "/assignments/new?minRam=-1"),
                get("page: storage filter is text", sw, "/assignments/new?minStorage=beaucoup"),
                get("page: unknown type filter", sw, "/assignments/new?type=TOASTER"),
                get("page: script as grade filter", sw, "/assignments/new?grade=" + enc(SCRIPT)),
                form("page: empty assignment", sw, "/assignments", Map.of()),
                form("page: loan due before start", sw, "/assignments", Map.of("machineTag", ready, "beneficiaryId", String.valueOf(person),
                        "kind", "LOAN", "startsOn", LocalDate.now().plusDays(10).toString(), "dueOn", LocalDate.now().plusDays(5).toString())),
                form("page: loan due 2026-02-30", sw, "/assignments", Map.of("machineTag", ready, "beneficiaryId", String.valueOf(person),
                        "kind", "LOAN", "dueOn", "2026-02-30")),
                form("page: loan of a machine not ready", sw, "/assignments", Map.of("machineTag", received,
                        "beneficiaryId", String.valueOf(person), "kind", "GIFT")),
                form("page: loan of an unknown machine", sw, "/assignments", Map.of("machineTag", "PS-0000-00000",
                        "beneficiaryId", String.valueOf(person), "kind", "GIFT")),
                form("page: loan without CSRF", sw, "/assignments", Map.of("machineTag", ready, "beneficiaryId", String.valueOf(person),
                        "kind", "GIFT", "_csrf", "")),
                form("page: coordinator lends", Caller.COORDINATOR_BROWSER, "/assignments", Map.of("machineTag", ready,
                        "beneficiaryId", String.valueOf(person), "kind", "GIFT")),
                get("page: unknown assignment", sw, "/assignments/999999999"),
                get("page: assignment id is text", sw, "/assignments/abc"),
                get("page: technician lists assignments", Caller.TECHNICIAN_BROWSER, "/assignments"),
                form("page: extend to 2026-02-30", sw, l + "/extend", Map.of("dueOn", "2026-02-30")),
                form("page: extend backwards", sw, l + "/extend", Map.of("dueOn", today)),
                form("page: return in unknown condition", sw, l + "/return", Map.of("condition", "NOPE")),
                form("page: return a gift", sw, g + "/return", Map.of("condition", "GOOD")),
                form("page: incident of unknown kind", sw, l + "/incident", Map.of("kind", "NOPE")),
                form("page: incident without CSRF", sw, l + "/incident", Map.of("kind", "THEFT", "_csrf", "")),
                form("page: convert a gift", sw, g + "/convert-to-gift", Map.of()),
                form("page: sign without signatures", sw, l + "/sign", Map.of("staff", "", "beneficiary", "")),
                raw("page: scan without CSRF header", sw, "POST", l + "/scan", "application/pdf", "%PDF-1.4\n"),
                get("page: unknown contract", sw, "/contracts/999999999/pdf"),
                get("page: unknown scan", sw, "/scans/999999999"),
                get("page: contract of unknown assignment", sw, "/assignments/999999999/contract.pdf"));
    }

    static List<Case> gdpr() {
        Caller sw = Caller.SOCIAL_WORKER_API;
        String p = "/api/v1/beneficiaries/" + person;
        return List.of(
                get("personal data: unknown id", sw, "/api/v1/beneficiaries/999999999/personal-data"),
                get("personal data: id is text", sw, "/api/v1/beneficiaries/abc/personal-data"),
                get("personal data: coordinator", Caller.COORDINATOR_API, p + "/personal-data"),
                get("personal data: technician", Caller.TECHNICIAN_API, p + "/personal-data"),
                get("personal data PDF: unknown id", Caller.SOCIAL_WORKER_BROWSER, "/beneficiaries/999999999/personal-data.pdf"),
                get("personal data PDF: coordinator", Caller.COORDINATOR_BROWSER, "/beneficiaries/" + person + "/personal-data.pdf"),
                json("erasure: no confirmation", sw, p + "/anonymise", "{}"),
                json("erasure: confirmation is text", sw, p + "/anonymise", obj("confirm", "peut-être")),
                json("erasure: confirmation is a list", sw, p + "/anonymise", "{\"confirm\":[true]}"),
                json("erasure: unknown id", sw, "/api/v1/beneficiaries/999999999/anonymise", "{\"confirm\":true}"),
                json("erasure: coordinator", Caller.COORDINATOR_API, p + "/anonymise", "{\"confirm\":true}"),
                raw("erasure: text/plain", sw, "POST", p + "/anonymise", "text/plain", "confirm=true"),
                form("page: erasure without confirmation", Caller.SOCIAL_WORKER_BROWSER, "/beneficiaries/" + person + "/anonymise", Map.of()),
                form("page: erasure without CSRF", Caller.SOCIAL_WORKER_BROWSER, "/beneficiaries/" + person + "/anonymise",
                        Map.of("confirm", "oui", "_csrf", "")),
                form("page: erasure of unknown id", Caller.SOCIAL_WORKER_BROWSER, "/beneficiaries/999999999/anonymise", Map.of("confirm", "oui")),
                get("audit: social worker", sw, "/api/v1/audit"),
                get("audit: beneficiary is text", Caller.ADMIN_BROWSER, "/api/v1/audit?beneficiary=abc"),
                get("audit page: beneficiary is SQL", Caller.ADMIN_BROWSER, "/admin/audit?beneficiary=" + enc(SQL)),
                get("audit page: coordinator", Caller.COORDINATOR_BROWSER, "/admin/audit"));
    }

    /** Issue 15: the questionnaire, follow-ups, programmes and the outcome report. */
    static List<Case> outcomes() {
        Caller sw = Caller.SOCIAL_WORKER_API;
        Caller admin = Caller.ADMIN_API;
        String skills = "/api/v1/enrolments/" + enrolment + "/skills";
        String followUps = "/api/v1/assignments/" + gift + "/follow-ups";
        String programmes = "/api/v1/programmes";
        String report = "/api/v1/reports/outcomes";
        return List.of(
                json("skills: empty object", sw, skills, "{}"),
                json("skills: unknown phase", sw, skills, "{\"phase\":\"MIDDLE\",\"answers\":{}}"),
                json("skills: answers as a list", sw, skills, "{\"phase\":\"ENTRY\",\"answers\":[1,2,3]}"),
                json("skills: level 5 everywhere", sw, skills, "{\"phase\":\"ENTRY\",\"answers\":{\"allumer\":5,\"clavier\":5,"
                        + "\"internet\":5,\"courriel\":5,\"piece-jointe\":5,\"demarche\":5,\"fraude\":5,\"fichiers\":5,\"capable\":5}}"),
                json("skills: level as text", sw, skills, "{\"phase\":\"ENTRY\",\"answers\":{\"allumer\":\"beaucoup\"}}"),
                json("skills: SQL as phase", sw, skills, obj("phase", SQL)),
                json("skills: 1 MB phase", sw, skills, obj("phase", MEGABYTE)),
                json("skills: unknown enrolment", sw, "/api/v1/enrolments/999999999/skills", "{\"phase\":\"ENTRY\"}"),
                json("skills: text id", sw, "/api/v1/enrolments/abc/skills", "{}"),
                json("skills: coordinator answers", Caller.COORDINATOR_API, skills, "{\"phase\":\"ENTRY\"}"),
                form("skills page: nothing answered", Caller.SOCIAL_WORKER_BROWSER, "/enrolments/" + enrolment + "/skills", Map.of("phase", "ENTRY")),
                json("follow-up: empty object", sw, followUps, "{}"),
                json("follow-up: milestone 4", sw, followUps, obj("milestone", "4", "channel", "PHONE", "answered", "false")),
                json("follow-up: by fax", sw, followUps, obj("milestone", "3", "channel", "FAX", "answered", "false")),
                json("follow-up: answered maybe", sw, followUps, obj("milestone", "3", "channel", "PHONE", "answered", "peut-être")),
                json("follow-up: answers missing", sw, followUps, obj("milestone", "3", "channel", "PHONE", "answered", "true")),
                json("follow-up: 1 MB problems", sw, followUps, obj("milestone", "3", "channel", "PHONE", "answered", "true",
                        "machineUse", "DAILY", "homeInternet", "true", "feelsCapable", "3", "problems", MEGABYTE)),
                json("follow-up: not due yet", sw, followUps, obj("milestone", "3", "channel", "PHONE", "answered", "false")),
                json("follow-up: unknown handover", sw, "/api/v1/assignments/999999999/follow-ups", obj("milestone", "3",
                        "channel", "PHONE", "answered", "false")),
                form("follow-up page: nothing chosen", Caller.SOCIAL_WORKER_BROWSER, "/assignments/" + gift + "/follow-ups", Map.of()),
                json("programme: empty object", admin, programmes, "{}"),
                json("programme: ends before it starts", admin, programmes, obj("name", "Corpus", "funder", "Corpus",
                        "startsOn", "2026-06-01", "endsOn", "2026-01-01")),
                json("programme: negative budget", admin, programmes, obj("name", "Corpus", "funder", "Corpus",
                        "startsOn", "2026-01-01", "endsOn", "2026-12-31", "budget", "-1")),
                json("programme: budget 1e999", admin, programmes, "{\"name\":\"Corpus\",\"funder\":\"Corpus\","
                        + "\"startsOn\":\"2026-01-01\",\"endsOn\":\"2026-12-31\",\"budget\":1e999}"),
                json("programme: 1 MB name", admin, programmes, obj("name", MEGABYTE, "funder", "Corpus",
                        "startsOn", "2026-01-01", "endsOn", "2026-12-31")),
                json("programme: coordinator creates", Caller.COORDINATOR_API, programmes, obj("name", "Corpus", "funder", "Corpus",
                        "startsOn", "2026-01-01", "endsOn", "2026-12-31")),
                json("programme links: nothing", admin, programmes + "/999999999/links", "{}"),
                json("programme links: texts", admin, programmes + "/999999999/links", "{\"donations\":[\"un\",\"deux\"]}"),
                json("programme links: huge number", admin, programmes + "/999999999/links", "{\"donations\":[1e30]}"),
                json("programme links: unknown programme", admin, programmes + "/999999999/links", "{\"donations\":[1]}"),
                form("programme page: empty form", Caller.ADMIN_BROWSER, "/programmes", Map.of()),
                get("outcomes: 2026-02-30", Caller.COORDINATOR_API, report + "?from=2026-02-30"),
                get("outcomes: programme is text", Caller.COORDINATOR_API, report + "?programme=abc"),
                get("outcomes: unknown programme", Caller.COORDINATOR_API, report + "?programme=999999999"),
                get("outcomes: SQL as site", Caller.COORDINATOR_API, report + "?site=" + enc(SQL)),
                get("outcomes: social worker", Caller.SOCIAL_WORKER_API, report),
                get("outcomes page: end before start", Caller.COORDINATOR_BROWSER, "/reports/outcomes?from=2026-06-01&to=2026-01-01"),
                get("outcomes PDF: unknown programme", Caller.COORDINATOR_BROWSER, "/reports/outcomes.pdf?programme=999999999"),
                get("due follow-ups: coordinator", Caller.COORDINATOR_API, "/api/v1/follow-ups/due"));
    }

    /** Importing an inventory (imports/): files that are not an inventory, parameters out of range, deposits of nobody. */
    static List<Case> imports() {
        String api = "/api/v1/imports/machines";
        String deposit = "/imports/machines/" + java.util.UUID.randomUUID();
        return List.of(
                raw("import: empty body", Caller.TECHNICIAN_API, "POST", api, "text/csv", ""),
                raw("import: one word", Caller.TECHNICIAN_API, "POST", api, "text/csv", "bonjour"),
                raw("import: a header and no machine", Caller.ADMIN_API, "POST", api, "text/csv", "Type;Marque\r\n"),
                raw("import: dryRun=maybe", Caller.TECHNICIAN_API, "POST", api + "?dryRun=maybe", "text/csv", "Type\r\nPortable\r\n"),
                raw("import: column ZZZZ", Caller.TECHNICIAN_API, "POST", api + "?dryRun=true&type=ZZZZ", "text/csv", "Type\r\nPortable\r\n"),
                raw("import: header line -1", Caller.TECHNICIAN_API, "POST", api + "?dryRun=true&headerLine=-1", "text/csv", "Type\r\nPortable\r\n"),
                raw("import: unknown donor kind", Caller.TECHNICIAN_API, "POST", api + "?dryRun=true&defaultDonorKind=GOD", "text/csv", "Type\r\nPortable\r\n"),
                raw("import: rows without site nor date", Caller.TECHNICIAN_API, "POST", api, "text/csv", "Type\r\nPortable\r\n<script>alert(1)</script>\r\n"),
                raw("import: by a coordinator", Caller.COORDINATOR_API, "POST", api, "text/csv", "Type\r\nPortable\r\n"),
                form("import page: a form instead of the file", Caller.TECHNICIAN_BROWSER, "/imports/machines", Map.of("file", "Type;Portable")),
                get("import page: a deposit that is no UUID", Caller.TECHNICIAN_BROWSER, "/imports/machines/nope"),
                get("import page: nobody's deposit", Caller.TECHNICIAN_BROWSER, deposit),
                form("import page: check nobody's deposit", Caller.TECHNICIAN_BROWSER, deposit + "/check", Map.of("type", "A")),
                form("import page: import nobody's deposit", Caller.ADMIN_BROWSER, deposit + "/import", Map.of("mapping", "chosen")),
                get("import page: import n° 0", Caller.TECHNICIAN_BROWSER, "/imports/0"),
                get("import page: import n° abc", Caller.TECHNICIAN_BROWSER, "/imports/abc"));
    }

    static List<Case> reports() {
        Caller co = Caller.COORDINATOR_API;
        Caller page = Caller.COORDINATOR_BROWSER;
        String s = "/api/v1/reports/summary";
        return List.of(
                get("summary: 2026-02-30", co, s + "?from=2026-02-30"),
                get("summary: end before start", co, s + "?from=2026-05-01&to=2026-01-01"),
                get("summary: unknown site", co, s + "?site=nulle-part"),
                get("summary: SQL as site", co, s + "?site=" + enc(SQL)),
                get("summary: date is text", co, s + "?from=hier"),
                get("summary: year 1999", co, s + "?from=1999-01-01"),
                get("summary: 1 000 years", co, s + "?from=2000-01-01&to=2999-01-01"),
                get("summary: NUL in date", co, s + "?from=2026-01-01%00"),
                get("summary: social worker", Caller.SOCIAL_WORKER_API, s),
                get("summary: technician", Caller.TECHNICIAN_API, s),
                get("page: dashboard from text", page, "/reports?from=hier"),
                get("page: machines CSV to 2026-02-30", page, "/reports/machines.csv?to=2026-02-30"),
                get("page: assignments XLSX for a script site", page, "/reports/assignments.xlsx?site=" + enc(SCRIPT)),
                get("page: activity PDF month 13", page, "/reports/activity.pdf?from=2027-13-01"),
                get("page: machines XLSX end before start", page, "/reports/machines.xlsx?from=2026-06-01&to=2026-01-01"),
                get("page: receipt of unknown donation", page, "/donations/999999999/receipt.pdf"),
                get("page: outcomes of a text id", page, "/donations/abc/outcomes.pdf"),
                get("page: erasure certificate of negative id", page, "/donations/-1/erasure-certificate.pdf"),
                get("page: technician opens a receipt", Caller.TECHNICIAN_BROWSER, "/donations/1/receipt.pdf"),
                get("page: social worker opens reports", Caller.SOCIAL_WORKER_BROWSER, "/reports"));
    }

    static Map<Caller, Http> clients() {
        Map<Caller, Http> clients = new LinkedHashMap<>();
        for (Caller caller : Caller.values()) {
            clients.put(caller, switch (caller) {
                case ANONYMOUS -> Http.anonymous();
                case LOGIN_FORM -> Http.loginForm();
                default -> caller.browser() ? Http.browser(caller.role()) : Http.api(caller.role());
            });
        }
        return clients;
    }

    @Test
    void everyMalformedRequestGetsA4xxInFrenchAndTheDatabaseIsUnchanged() throws Exception {
        Map<Caller, Http> clients = clients();
        List<Case> corpus = corpus();
        Map<String, String> before = fingerprint();
        long auditBefore = TestApp.get().count("SELECT count(*) FROM beneficiary_access_log");

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
        assertEquals(0, TestApp.get().count("SELECT count(*) FROM (SELECT * FROM beneficiary_access_log ORDER BY id OFFSET "
                + auditBefore + ") l WHERE l.action NOT IN ('READ', 'LIST', 'EXPORT')"), "only reads were audited");
    }

    /**
     * The generated hostile corpus ({@link HostileCorpus}): at least 1,000 more requests on every route that takes a body,
     * and hostile query strings on those that read one. Every POST must be refused with a 4xx in French; no GET may
     * answer 5xx; and the database is checked after each request (committed writes logged by {@link WriteLog}) as
     * well as fingerprinted before and after the whole run. The seed is printed; -Dcorpus.seed=N replays a run.
     */
    @Test
    void aGeneratedHostileCorpusIsRefusedInFrenchAndWritesNothing() throws Exception {
        long seed = Long.getLong("corpus.seed", new java.security.SecureRandom().nextLong());
        System.out.println("Generated hostile corpus: seed " + seed + " (replay with -Dcorpus.seed=" + seed + ")");
        Map<Caller, Http> clients = clients();
        Map<Caller, String> csrf = new LinkedHashMap<>();
        clients.forEach((caller, http) -> {
            if (http.csrf() != null) {
                csrf.put(caller, http.csrf());
            }
        });
        Map<Caller, String> rawAuth = rawAuthentication();
        FormLimits limits = FormLimits.from(Settings.of(Config.just(ConfigSources.classpath("application.yaml")))
                .section("app.limits"));
        List<HostileCorpus.Request> corpus = new HostileCorpus(seed, limits, csrf).generate(TestApp.get().app().guard().routes());
        Map<String, String> before = fingerprint();

        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        long started = System.nanoTime();
        try (Connection c = TestApp.get().connection(); WriteLog log = WriteLog.install(c)) {
            long last = log.last();
            for (HostileCorpus.Request q : corpus) {
                int status;
                String type;
                String body;
                try {
                    if (q.method().equals("GET")) {
                        RawHttp.Response r = RawHttp.get(TestApp.get().app().server().port(), q.path(), rawAuth.get(q.caller()));
                        status = r.status();
                        type = r.contentType();
                        body = r.body();
                    } else {
                        HttpResponse<String> r = sendRaw(clients.get(q.caller()), q);
                        status = r.statusCode();
                        type = r.headers().firstValue("Content-Type").orElse("");
                        body = r.body();
                    }
                } catch (RuntimeException e) {
                    failures.add(q.label() + ": no answer (" + e + ")");
                    continue;
                }
                statuses.merge(status, 1, Integer::sum);
                String message = frenchMessage(type, body);
                if (status >= 500 || (q.method().equals("POST") && status < 400)) {
                    failures.add(q.label() + ": " + status + " " + abbreviate(body));
                } else if (status >= 400 && (message == null || !isFrench(message))) {
                    failures.add(q.label() + ": " + status + " without a French message: " + abbreviate(body));
                } else if (body.contains(SCRIPT)) {
                    failures.add(q.label() + ": the script came back unescaped");
                }
                long now = log.last();
                if (now != last) {
                    failures.add(q.label() + ": " + status + " but wrote " + log.since(last));
                    last = now;
                }
            }
        }
        System.out.printf("Generated hostile corpus: %d requests (%d with a body, %d addresses) in %.1f s, statuses %s%n",
                corpus.size(), corpus.stream().filter(q -> q.method().equals("POST")).count(),
                corpus.stream().filter(q -> q.method().equals("GET")).count(), (System.nanoTime() - started) / 1e9, statuses);
        assertTrue(corpus.size() >= 1000, "corpus size " + corpus.size());
        assertTrue(failures.isEmpty(), "seed " + seed + ", " + failures.size() + " failures:\n" + String.join("\n", failures));
        assertEquals(before, fingerprint(), "a refused request changed the database (seed " + seed + ")");
    }

    /** Header lines for GETs written on a raw socket: a web session cookie for browsers, a bearer token for scripts. */
    private static Map<Caller, String> rawAuthentication() {
        Map<Caller, String> headers = new LinkedHashMap<>();
        for (Caller caller : Caller.values()) {
            if (caller.role() == null) {
                continue;
            }
            long userId = TestApp.get().count("SELECT id FROM users WHERE username = '" + TestApp.get().username(caller.role()) + "'");
            String token = TestApp.get().app().sessions().open(userId, caller.browser() ? SessionStore.Kind.WEB : SessionStore.Kind.API);
            headers.put(caller, caller.browser() ? "Cookie: " + Authenticator.COOKIE + "=" + token : "Authorization: Bearer " + token);
        }
        return headers;
    }

    /** A generated POST, its bytes as they are. */
    private static HttpResponse<String> sendRaw(Http http, HostileCorpus.Request q) {
        HttpRequest.Builder b = http.request(q.path()).timeout(java.time.Duration.ofSeconds(20));
        if (!q.contentType().isEmpty()) {
            b.header("Content-Type", q.contentType());
        }
        if (q.csrfHeader() != null) {
            b.header(fr.parcsolidaire.platform.http.Guard.CSRF_HEADER, q.csrfHeader());
        }
        byte[] body = q.body();
        HttpRequest.BodyPublisher publisher = q.chunked()
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        return http.send(b.POST(publisher).build());
    }

    /**
     * The content of every table (count and a digest of all its rows), except: the login throttle, which counts the failed
     * logins above on purpose; sessions, whose last-seen time moves with every request (count only); and the GDPR
     * audit log, where a form re-shown with its errors records, as it must, that the person's page was read again
     * (the test checks that only READ and LIST entries were added).
     */
    static Map<String, String> fingerprint() throws SQLException {
        Map<String, String> counts = new TreeMap<>();
        try (Connection c = TestApp.get().connection()) {
            List<String> tables = new ArrayList<>();
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
                    + " AND table_name NOT IN ('login_throttle', 'beneficiary_access_log')")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                String digest = table.equals("sessions") ? "''"
                        : "coalesce(md5(string_agg(md5(CAST(t AS text)), '' ORDER BY md5(CAST(t AS text)))), '')";
                try (var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) || ' ' || " + digest
                        + " FROM \"" + table + "\" t")) {
                    rs.next();
                    counts.put(table, rs.getString(1));
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
        return frenchMessage(r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    static String frenchMessage(String type, String body) {
        if (type.startsWith("application/json")) {
            try (var reader = Json.createReader(new java.io.StringReader(body))) {
                return reader.readObject().getString("message", null);
            } catch (RuntimeException e) {
                return null;
            }
        }
        if (!type.startsWith("text/html")) {
            return null;
        }
        Matcher m = ALERT.matcher(body);
        StringBuilder text = new StringBuilder();
        while (m.find()) {
            text.append(m.group(1) != null ? m.group(1) : m.group(2)).append(' ');
        }
        return text.isEmpty() ? null : text.toString();
    }

    static boolean isFrench(String message) {
        return FRENCH.matcher(message).find();
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
