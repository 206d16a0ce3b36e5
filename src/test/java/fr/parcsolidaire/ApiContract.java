package fr.parcsolidaire;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The API's OpenAPI document (src/main/resources/META-INF/openapi.yaml) as a contract: every answer of an
 * {@code /api/} call made through {@link Http} is checked against it, so a renamed or missing field, an
 * undocumented status or content type, or an error outside the French error shape fails the test that made the call.
 */
public final class ApiContract {

    public static final String DOCUMENT = "META-INF/openapi.yaml";
    private static final Pattern PARAMETER = Pattern.compile("\\{[^}/]+}");
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Map<String, Pattern> REGEXES = new ConcurrentHashMap<>();
    private static ApiContract instance;

    /** One documented operation: its method (upper case), its path template and where it lies in the document. */
    public record Operation(String method, String path, JsonNode node) {

        /** The path with its parameters unnamed, so that Helidon's "{tag}" and the document's "{tag}" compare as paths. */
        public String normalisedPath() {
            return normalise(path);
        }

        public String key() {
            return method + " " + normalisedPath();
        }

        boolean matches(String rawPath) {
            return REGEXES.computeIfAbsent(path, t -> regex()).matcher(rawPath).matches();
        }

        private Pattern regex() {
            StringBuilder re = new StringBuilder();
            Matcher m = PARAMETER.matcher(path);
            int last = 0;
            while (m.find()) {
                re.append(Pattern.quote(path.substring(last, m.start()))).append("[^/]+");
                last = m.end();
            }
            return Pattern.compile(re.append(Pattern.quote(path.substring(last))).toString());
        }

        /** Fewer parameters first: "/assignments/overdue" is tried before "/assignments/{id}", as the service routes it. */
        int parameters() {
            return (int) PARAMETER.matcher(path).results().count();
        }
    }

    private final JsonNode document;
    private final List<Operation> operations;
    private final SchemaRegistry registry = SchemaRegistry.withDialect(Dialects.getOpenApi31(),
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    private final AtomicLong validated = new AtomicLong();

    private ApiContract(JsonNode document) {
        this.document = document;
        List<Operation> ops = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (String method : METHODS) {
                if (path.getValue().has(method)) {
                    ops.add(new Operation(method.toUpperCase(Locale.ROOT), path.getKey(), path.getValue().get(method)));
                }
            }
        }
        ops.sort(Comparator.comparingInt(Operation::parameters));
        this.operations = List.copyOf(ops);
    }

    public static synchronized ApiContract get() {
        if (instance == null) {
            try (InputStream in = ApiContract.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
                if (in == null) {
                    throw new IllegalStateException(DOCUMENT + " is not on the classpath");
                }
                instance = new ApiContract(YAMLMapper.builder().build().readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    public JsonNode document() {
        return document;
    }

    public List<Operation> operations() {
        return operations;
    }

    /** How many JSON answers were checked against a schema: the proof that the hook runs. */
    long validated() {
        return validated.get();
    }

    /** "/api/v1/machines/{tag}" and "/api/v1/machines/{x}" are the same route. */
    public static String normalise(String path) {
        String p = PARAMETER.matcher(path).replaceAll("{}");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /** Checks an answer seen by {@link Http}; a body that is neither text nor bytes is only checked for its status and type. */
    public static void check(HttpRequest request, HttpResponse<?> response) {
        String path = request.uri().getRawPath();
        if (path == null || !path.startsWith("/api/")) {
            return;
        }
        Object body = response.body();
        String text = body instanceof String s ? s : body instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : null;
        get().check(request.method(), path, response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), text);
    }

    /**
     * Throws an AssertionError naming the call when the answer is not one the document describes: an operation
     * that is not documented (unless the answer is an error, as for an unknown address), a status the operation
     * does not list, a content type it does not list, or a JSON body its schema refuses. A null body is not read.
     */
    void check(String method, String rawPath, int status, String contentType, String body) {
        String call = method + " " + rawPath + " -> " + status;
        Optional<Operation> operation = operations.stream()
                .filter(o -> o.method().equals(method) && o.matches(rawPath)).findFirst();
        if (operation.isEmpty()) {
            if (status < 400) {
                throw new AssertionError(call + ": this operation is not in " + DOCUMENT);
            }
            checkJson(call, "/components/schemas/Error", contentType, body);
            return;
        }
        Operation op = operation.get();
        String responsePointer = "/paths/" + escape(op.path()) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/" + status;
        JsonNode response = document.at(responsePointer);
        if (response.isMissingNode()) {
            throw new AssertionError(call + ": status " + status + " is not documented for " + op.method() + " " + op.path()
                    + " in " + DOCUMENT + (body == null ? "" : "; body: " + abbreviate(body)));
        }
        if (response.has("$ref")) {
            responsePointer = response.get("$ref").asString().substring(1);
            response = document.at(responsePointer);
        }
        JsonNode content = response.path("content");
        String media = contentType == null ? null : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (content.isMissingNode() || content.isEmpty()) {
            if (body != null && !body.isEmpty()) {
                throw new AssertionError(call + ": the document says this answer has no body; got " + media);
            }
            return;
        }
        if (media == null || !content.has(media)) {
            throw new AssertionError(call + ": content type " + media + " is not among " + content.propertyNames()
                    + " documented for " + op.method() + " " + op.path());
        }
        if (media.equals("application/json")) {
            checkJson(call, responsePointer + "/content/application~1json/schema", contentType, body);
        }
    }

    private void checkJson(String call, String schemaPointer, String contentType, String body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new AssertionError(call + ": a JSON answer was expected, got " + contentType);
        }
        if (body == null) {
            return;
        }
        List<Error> errors = schema(schemaPointer).validate(body, InputFormat.JSON);
        validated.incrementAndGet();
        if (!errors.isEmpty()) {
            throw new AssertionError(call + ": the answer does not match " + DOCUMENT + "#" + schemaPointer + ":\n  "
                    + errors.stream().map(Error::toString).collect(Collectors.joining("\n  ")) + "\nbody: " + abbreviate(body));
        }
    }

    /** The schema at a JSON pointer of the document, its $refs resolved against the whole document. */
    public Schema schema(String pointer) {
        return schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of("classpath:" + DOCUMENT + "#"
                + p.replace("{", "%7B").replace("}", "%7D"))));
    }

    /** A path as a JSON pointer token: "/" is written "~1" and "~" is written "~0". */
    public static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String abbreviate(String body) {
        return body.length() > 2000 ? body.substring(0, 2000) + "…" : body;
    }
}
