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

    /** Issue 14: workshops, attendance and checklists are personal records; gifts are assignments. */
    @Test
    void courseRoutesAreForSocialWorkersAndAdministrators() {
        Map<String, Permission> declared = new HashMap<>();
        TestApp.get().app().guard().routes().forEach(r -> declared.put(r.method() + " " + r.path(), r.permission()));
        for (String route : List.of("POST /api/v1/sessions/{id}/workshops", "POST /api/v1/workshops/{id}/attendance",
                "POST /api/v1/enrolments/{id}/checklist", "POST /api/v1/courses/{id}/completion-rule",
                "POST /sessions/{id}/workshops", "POST /workshops/{id}/attendance", "POST /enrolments/{id}/checklist")) {
            assertEquals(Permission.BENEFICIARIES_WRITE, declared.get(route), route);
        }
        for (String route : List.of("GET /api/v1/sessions/{id}/completion", "GET /api/v1/sessions/{id}/workshops",
                "GET /api/v1/enrolments/{id}/checklist", "GET /workshops/today", "GET /workshops/{id}",
                "GET /sessions/{id}/completion", "GET /enrolments/{id}/checklist")) {
            assertEquals(Permission.BENEFICIARIES_READ, declared.get(route), route);
        }
        for (String route : List.of("POST /api/v1/sessions/{id}/convert-to-gift", "POST /api/v1/assignments/{id}/convert-to-gift",
                "POST /api/v1/assignments/{id}/cancel-gift", "POST /api/v1/assignments/{id}/plan-return",
                "GET /sessions/{id}/convert-to-gift", "POST /sessions/{id}/convert-to-gift")) {
            assertEquals(Permission.ASSIGNMENTS_WRITE, declared.get(route), route);
        }
        for (Role role : List.of(Role.COORDINATOR, Role.TECHNICIAN)) {
            assertEquals(403, CLIENTS.get(role).get("/api/v1/sessions/1/completion").statusCode());
        }
    }

    /**
     * Issue 14: the waiting list and the matches name people, so coordinators (counts only) and technicians never
     * reach them; reserving and handing over are assignments.
     */
    @Test
    void theWaitingListNamesPeopleAndReservationsAreAssignments() {
        Map<String, Permission> declared = new HashMap<>();
        TestApp.get().app().guard().routes().forEach(r -> declared.put(r.method() + " " + r.path(), r.permission()));
        for (String read : List.of("GET /api/v1/waiting-list", "GET /api/v1/waiting-list/{id}/matches",
                "GET /api/v1/machines/{tag}/matches", "GET /api/v1/reservations", "GET /waiting-list", "GET /waiting-list/{id}")) {
            assertEquals(Permission.BENEFICIARIES_READ, declared.get(read), read);
        }
        for (String write : List.of("POST /api/v1/reservations", "POST /api/v1/reservations/{id}/cancel",
                "POST /api/v1/kit-items/{id}/return", "POST /api/v1/sessions/{id}/handover", "POST /sessions/{id}/handover",
                "POST /kits")) {
            assertEquals(Permission.ASSIGNMENTS_WRITE, declared.get(write), write);
        }
        assertEquals(Permission.BENEFICIARIES_WRITE, declared.get("POST /api/v1/waiting-list"));
        assertEquals(403, CLIENTS.get(Role.COORDINATOR).get("/api/v1/waiting-list").statusCode());
        assertEquals(Permission.BENEFICIARY_COUNTS, declared.get("GET /api/v1/waiting-list/counts"));
        HttpResponse<String> counts = CLIENTS.get(Role.COORDINATOR).get("/api/v1/waiting-list/counts");
        assertEquals(200, counts.statusCode());
        assertTrue(Http.json(counts).containsKey("waiting") && !counts.body().contains("Name"), counts.body());
        assertEquals(403, CLIENTS.get(Role.TECHNICIAN).get("/api/v1/machines/" + tag + "/matches").statusCode());
    }

    /**
     * Issue 15: outcomes follow DESIGN.md's roles — the participant's questionnaire and the follow-ups are the social
     * workers' (coordinators see counts only), programmes are created by administrators and read by coordinators, the
     * outcome report is the coordinators'.
     */
    @Test
    void outcomeRoutesDeclareTheRolesOfTheDesign() {
        Map<String, Permission> declared = new HashMap<>();
        TestApp.get().app().guard().routes().forEach(r -> declared.put(r.method() + " " + r.path(), r.permission()));
        assertEquals(Permission.BENEFICIARIES_WRITE, declared.get("POST /api/v1/enrolments/{id}/skills"));
        assertEquals(Permission.BENEFICIARIES_WRITE, declared.get("GET /enrolments/{id}/skills"));
        assertEquals(Permission.BENEFICIARY_COUNTS, declared.get("GET /api/v1/sessions/{id}/skills"));
        assertEquals(Permission.BENEFICIARIES_READ, declared.get("GET /api/v1/follow-ups/due"));
        assertEquals(Permission.BENEFICIARIES_READ, declared.get("GET /follow-ups"));
        assertEquals(Permission.BENEFICIARIES_WRITE, declared.get("POST /api/v1/assignments/{id}/follow-ups"));
        assertEquals(Permission.ADMINISTRATION, declared.get("POST /api/v1/programmes"));
        assertEquals(Permission.ADMINISTRATION, declared.get("POST /api/v1/programmes/{id}/links"));
        assertEquals(Permission.REPORTS, declared.get("GET /api/v1/programmes"));
        assertEquals(Permission.REPORTS, declared.get("GET /api/v1/reports/outcomes"));
        assertEquals(Permission.REPORTS, declared.get("GET /reports/outcomes.pdf"));
        assertEquals(Permission.REPORTS, declared.get("GET /reports/outcomes.xlsx"));
        assertEquals(403, CLIENTS.get(Role.COORDINATOR).get("/api/v1/follow-ups/due").statusCode());
        assertEquals(403, CLIENTS.get(Role.SOCIAL_WORKER).get("/api/v1/reports/outcomes").statusCode());
        assertEquals(403, CLIENTS.get(Role.COORDINATOR).postJson("/api/v1/programmes", "{}").statusCode());
        assertEquals(200, CLIENTS.get(Role.COORDINATOR).get("/api/v1/reports/outcomes").statusCode());
    }

    /** Issue 17: everyone signed in has a home page; the scan field's lookup reads the inventory. */
    @Test
    void everyoneHasAHomePageAndTheLookupNeedsTheInventory() {
        Map<String, Permission> declared = new HashMap<>();
        TestApp.get().app().guard().routes().forEach(r -> declared.put(r.method() + " " + r.path(), r.permission()));
        assertEquals(Permission.SIGNED_IN, declared.get("GET /"));
        assertEquals(Permission.INVENTORY_READ, declared.get("GET /find"));
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
