package fr.parcsolidaire.acceptance;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.http.Route;
import fr.parcsolidaire.platform.security.Permission;
import fr.parcsolidaire.platform.security.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Walks every route the service registered, for every role and for an anonymous caller, and checks
 * that the answer is "allowed" exactly when the role grants the route's permission.
 */
class RoleMatrixTest {

    private static final Map<Role, Http> CLIENTS = new EnumMap<>(Role.class);
    private static String tag;
    private static String donationId;

    @BeforeAll
    static void setUp() {
        for (Role role : Role.values()) {
            CLIENTS.put(role, Http.api(role));
        }
        tag = Fixtures.intake(1).getFirst();
        donationId = String.valueOf(TestApp.get().count("SELECT donation_id FROM machines WHERE tag = '" + tag + "'"));
    }

    @Test
    void everyRouteAnswersEachRoleAsItsPermissionSays() {
        List<Route> routes = TestApp.get().app().guard().routes();
        assertTrue(routes.size() > 20, "the catalogue lists the service's routes");
        List<String> failures = new ArrayList<>();
        for (Route route : routes) {
            String path = concrete(route.path());
            for (Role role : Role.values()) {
                int status = call(CLIENTS.get(role), route.method(), path).statusCode();
                boolean allowed = role.can(route.permission());
                boolean refused = status == 403 || status == 401;
                if (allowed == refused) {
                    failures.add(role + " " + route.method() + " " + path + " -> " + status + " (expected "
                            + (allowed ? "allowed" : "403") + ")");
                }
            }
            int anonymous = call(Http.anonymous(), route.method(), path).statusCode();
            int expected = path.startsWith("/api/") ? 401 : 303;
            if (anonymous != expected) {
                failures.add("anonymous " + route.method() + " " + path + " -> " + anonymous + " (expected " + expected + ")");
            }
        }
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

    /**
     * Issue 12, item 4: the walk above checks each route against the permission it declares; this pins the
     * declarations of the report exports, so a per-person export cannot drift back to coordinators.
     */
    @Test
    void perPersonExportsNeedAdministrationAndTheCoordinatorsExportsNeedReports() {
        Map<String, Permission> declared = new HashMap<>();
        TestApp.get().app().guard().routes().forEach(r -> declared.put(r.method() + " " + r.path(), r.permission()));
        assertEquals(Permission.ADMINISTRATION, declared.get("GET /reports/assignments.csv"));
        assertEquals(Permission.ADMINISTRATION, declared.get("GET /reports/assignments.xlsx"));
        assertEquals(Permission.REPORTS, declared.get("GET /reports/figures.csv"));
        assertEquals(Permission.REPORTS, declared.get("GET /reports/figures.xlsx"));
        assertEquals(Permission.REPORTS, declared.get("GET /reports/machines.csv"));
        assertEquals(403, CLIENTS.get(Role.COORDINATOR).get("/reports/assignments.csv").statusCode());
        assertEquals(200, CLIENTS.get(Role.COORDINATOR).get("/reports/figures.csv").statusCode());
        assertEquals(200, CLIENTS.get(Role.ADMIN).get("/reports/assignments.csv").statusCode());
    }

    /**
     * Issue 16, section 5: importing an inventory creates machines, so its pages and its API need the inventory's write
     * permission (technicians and administrators); the walk above then checks each role against it.
     */
    @Test
    void importingAnInventoryNeedsInventoryWrite() {
        List<Route> imports = TestApp.get().app().guard().routes().stream()
                .filter(r -> r.path().startsWith("/imports") || r.path().startsWith("/api/v1/imports")).toList();
        assertEquals(8, imports.size(), imports.toString());
        imports.forEach(r -> assertEquals(Permission.INVENTORY_WRITE, r.permission(), r.toString()));
        assertEquals(403, CLIENTS.get(Role.COORDINATOR).get("/imports/machines").statusCode());
        assertEquals(403, CLIENTS.get(Role.SOCIAL_WORKER).postJson("/api/v1/imports/machines?dryRun=true", "Type").statusCode());
        assertEquals(200, CLIENTS.get(Role.TECHNICIAN).get("/imports/machines").statusCode());
    }

    @Test
    void loginAndTokenAndHealthAreOpenToAnonymous() {
        Http anon = Http.anonymous();
        assertEquals(200, anon.get("/login").statusCode());
        assertEquals(200, anon.get("/health").statusCode());
        assertEquals(400, anon.postJson("/api/v1/auth/token", "{}").statusCode());
    }

    private static String concrete(String pattern) {
        return pattern.replace("{tag}", tag).replace("{id}", donationId);
    }

    /** Allowed calls get an empty body: they may be refused as invalid (4xx), never as forbidden. */
    private static HttpResponse<String> call(Http client, String method, String path) {
        HttpRequest.Builder b = client.request(path);
        if (method.equals("GET")) {
            return client.send(b.GET().build());
        }
        String type = path.startsWith("/api/") ? "application/json" : "application/x-www-form-urlencoded";
        String body = path.startsWith("/api/") ? "{}" : "";
        return client.send(b.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
