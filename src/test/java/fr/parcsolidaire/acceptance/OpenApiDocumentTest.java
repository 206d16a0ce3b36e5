package fr.parcsolidaire.acceptance;

import fr.parcsolidaire.ApiContract;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import fr.parcsolidaire.platform.http.Route;
import fr.parcsolidaire.platform.http.SecurityHeaders;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The OpenAPI document (src/main/resources/META-INF/openapi.yaml) against the service: every {@code /api/v1} route
 * registered is documented and nothing else is, each operation names the permission its route declares and the
 * roles that hold it, documents the errors every route can answer, and the document is served to anyone at /openapi.
 * The answers themselves are checked against its schemas in every API test (ApiContract, through Http).
 */
class OpenApiDocumentTest {

    /** Routes registered directly on Helidon's rules rather than through the Guard, which lists only its own. */
    private static final Set<String> OUTSIDE_GUARD = Set.of("POST /api/v1/auth/token");
    private static final Pattern API_LITERAL = Pattern.compile("\"(/api/v1/[^\"]*)\"");
    private static final ApiContract CONTRACT = ApiContract.get();

    private static Set<String> registered() {
        Set<String> routes = new TreeSet<>(OUTSIDE_GUARD);
        for (Route r : TestApp.get().app().guard().routes()) {
            if (r.path().startsWith("/api/v1/")) {
                routes.add(r.method() + " " + ApiContract.normalise(r.path()));
            }
        }
        return routes;
    }

    private static Set<String> documented() {
        return CONTRACT.operations().stream().map(ApiContract.Operation::key).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyRegisteredApiRouteIsDocumentedAndNothingElse() {
        Set<String> missing = new TreeSet<>(registered());
        missing.removeAll(documented());
        Set<String> extra = new TreeSet<>(documented());
        extra.removeAll(registered());
        assertTrue(missing.isEmpty() && extra.isEmpty(), "registered but not in " + ApiContract.DOCUMENT + ": " + missing
                + "\nin " + ApiContract.DOCUMENT + " but not registered: " + extra);
    }

    /**
     * A route registered outside the Guard is invisible to its list: every "/api/v1/…" written in the main sources
     * must be a documented path (or a prefix ending in "/"), so such a route cannot slip past the check above.
     */
    @Test
    void everyApiPathWrittenInTheSourcesIsDocumented() throws IOException {
        Set<String> paths = CONTRACT.operations().stream().map(ApiContract.Operation::normalisedPath).collect(Collectors.toSet());
        Set<String> unknown = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = API_LITERAL.matcher(Files.readString(file));
                while (m.find()) {
                    String literal = m.group(1);
                    if (!literal.endsWith("/") && !paths.contains(ApiContract.normalise(literal))) {
                        unknown.add(literal + " (" + file.getFileName() + ")");
                    }
                }
            }
        }
        assertTrue(unknown.isEmpty(), "API paths in the code but not in " + ApiContract.DOCUMENT + ": " + unknown);
    }

    /** Each operation's x-permission is its route's, and its "Roles:" line names exactly the roles granted it. */
    @Test
    void eachOperationNamesItsPermissionAndTheRolesThatHoldIt() {
        Map<String, Route> routes = TestApp.get().app().guard().routes().stream()
                .collect(Collectors.toMap(r -> r.method() + " " + ApiContract.normalise(r.path()), r -> r, (a, b) -> a));
        List<String> problems = new ArrayList<>();
        for (ApiContract.Operation op : CONTRACT.operations()) {
            String roles = rolesLine(op.node());
            Route route = routes.get(op.key());
            if (route == null) {
                if (!op.node().path("security").isArray() || !op.node().path("security").isEmpty()
                        || !roles.startsWith("anyone")) {
                    problems.add(op.key() + ": a route open to anyone says `security: []` and `Roles: anyone`");
                }
                continue;
            }
            String permission = op.node().path("x-permission").asString("");
            if (!permission.equals(route.permission().name())) {
                problems.add(op.key() + ": x-permission " + permission + ", the route declares " + route.permission());
            }
            Set<String> expected = Arrays.stream(Role.values()).filter(r -> r.can(route.permission()))
                    .map(OpenApiDocumentTest::roleName).collect(Collectors.toCollection(TreeSet::new));
            Set<String> named = Arrays.stream(roles.replaceAll("\\.$", "").split(","))
                    .map(String::strip).collect(Collectors.toCollection(TreeSet::new));
            if (!named.equals(expected)) {
                problems.add(op.key() + ": Roles " + named + ", the permission is held by " + expected);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** "Roles: admin, technician." from the first line of the description. */
    private static String rolesLine(JsonNode operation) {
        String description = operation.path("description").asString("");
        String first = description.lines().findFirst().orElse("");
        return first.startsWith("Roles: ") ? first.substring("Roles: ".length()).strip() : "(no Roles: line)";
    }

    /** The word the document uses for a role: ADMIN is "admin", SOCIAL_WORKER is "social worker". */
    private static String roleName(Role role) {
        return role.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    /**
     * The errors every route can give are documented: a bad query string (400) and an unreachable database (503)
     * anywhere, 401 and 403 behind the Guard, 404 with an id or tag in the path, 414 with a query (a search can be
     * too long), 413 and 415 with a JSON body.
     */
    @Test
    void eachOperationDocumentsTheErrorsItsKindOfRouteCanGive() {
        List<String> problems = new ArrayList<>();
        for (ApiContract.Operation op : CONTRACT.operations()) {
            JsonNode responses = op.node().path("responses");
            List<String> required = new ArrayList<>(List.of("400", "503"));
            if (op.node().has("x-permission")) {
                required.addAll(List.of("401", "403"));
            }
            if (op.path().contains("{")) {
                required.add("404");
            }
            if (takesQuery(op.node())) {
                required.add("414");
            }
            if (op.node().path("requestBody").path("content").has("application/json")) {
                required.addAll(List.of("413", "415"));
            }
            for (String status : required) {
                if (!responses.has(status)) {
                    problems.add(op.key() + " does not document " + status);
                }
            }
            if (responses.propertyNames().stream().noneMatch(s -> s.startsWith("2"))) {
                problems.add(op.key() + " documents no success");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static boolean takesQuery(JsonNode operation) {
        for (JsonNode parameter : operation.path("parameters")) {
            JsonNode p = parameter.has("$ref") ? CONTRACT.document().at(parameter.get("$ref").asString().substring(1)) : parameter;
            if (p.path("in").asString("").equals("query")) {
                return true;
            }
        }
        return false;
    }

    /** Every $ref points at something, and every JSON answer's schema loads, so a typo cannot hide until a test calls it. */
    @Test
    void everyReferenceResolvesAndEverySchemaLoads() {
        List<String> problems = new ArrayList<>();
        walk(CONTRACT.document(), "", problems);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        int schemas = 0;
        for (ApiContract.Operation op : CONTRACT.operations()) {
            for (String status : op.node().path("responses").propertyNames()) {
                JsonNode response = op.node().path("responses").path(status);
                String pointer = response.has("$ref") ? response.get("$ref").asString().substring(1)
                        : "/paths/" + ApiContract.escape(op.path()) + "/" + op.method().toLowerCase(java.util.Locale.ROOT)
                        + "/responses/" + status;
                if (CONTRACT.document().at(pointer).path("content").has("application/json")) {
                    CONTRACT.schema(pointer + "/content/application~1json/schema");
                    schemas++;
                }
            }
        }
        assertTrue(schemas > 100, "the answers' schemas were loaded: " + schemas);
    }

    private static void walk(JsonNode node, String at, List<String> problems) {
        if (node.isObject()) {
            if (node.has("$ref")) {
                String ref = node.get("$ref").asString();
                if (!ref.startsWith("#/") || CONTRACT.document().at(ref.substring(1)).isMissingNode()) {
                    problems.add(at + ": $ref " + ref + " leads nowhere");
                }
            }
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                walk(e.getValue(), at + "/" + e.getKey(), problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), at + "/" + i, problems);
            }
        }
    }

    /** Anyone reads the document at /openapi, as kept in the repository, YAML or JSON, with the security headers. */
    @Test
    void theDocumentIsServedToAnyoneAtOpenapi() throws IOException {
        JsonNode file = YAMLMapper.builder().build().readTree(Files.readString(Path.of("src/main/resources", ApiContract.DOCUMENT)));

        HttpResponse<String> yaml = Http.anonymous().get("/openapi");
        assertEquals(200, yaml.statusCode());
        assertEquals(file, YAMLMapper.builder().build().readTree(yaml.body()));
        assertEquals(SecurityHeaders.CONTENT_SECURITY_POLICY, yaml.headers().firstValue("Content-Security-Policy").orElse(""));
        assertEquals("nosniff", yaml.headers().firstValue("X-Content-Type-Options").orElse(""));

        Http anonymous = Http.anonymous();
        HttpResponse<String> json = anonymous.send(anonymous.request("/openapi").header("Accept", "application/json").GET().build());
        assertEquals(200, json.statusCode());
        assertTrue(json.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), json.headers().map().toString());
        assertEquals(file, JsonMapper.builder().build().readTree(json.body()));
        assertEquals(SecurityHeaders.CONTENT_SECURITY_POLICY, json.headers().firstValue("Content-Security-Policy").orElse(""));
    }

    @Test
    void theDocumentIsOpenApi31AndListsEveryOperationOnce() {
        assertEquals("3.1.0", CONTRACT.document().path("openapi").asString());
        List<String> keys = CONTRACT.operations().stream().map(ApiContract.Operation::key).toList();
        assertEquals(keys.size(), new TreeSet<>(keys).size(), "two paths of the document are the same route: " + keys);
        Set<String> ids = new TreeSet<>();
        for (ApiContract.Operation op : CONTRACT.operations()) {
            String id = op.node().path("operationId").asString("");
            if (id.isEmpty() || !ids.add(id)) {
                fail(op.key() + ": operationId missing or used twice");
            }
        }
    }
}
