package fr.parcsolidaire.acceptance;

import fr.parcsolidaire.acceptance.BadInputCorpusTest.Caller;
import fr.parcsolidaire.platform.http.FormLimits;
import fr.parcsolidaire.platform.http.Route;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A generated hostile corpus (issue 12): for every route that takes a body — every form behind the CSRF check and
 * the login, every JSON route, every upload — mutated forms and JSON, foreign and broken charsets, invalid UTF-8
 * (raw and percent-encoded), deep nesting, odd content types, sizes from 0 to each cap and just over it, sent
 * with and without Content-Length; and hostile query strings on the pages and API that read them.
 * <p>
 * Each request must be refused: routes with an id in their path are sent an id that does not exist, and the few
 * without one get a template with two independent faults ("anchors"), while each mutation touches one field or
 * the raw bytes, so no mutation can turn a request valid. The same seed gives the same corpus.
 */
final class HostileCorpus {

    /** One request. GET requests carry no body; the CSRF token of a browser caller is already in the body or a header. */
    record Request(String label, Caller caller, String method, String path, String contentType, byte[] body, boolean chunked,
                   String csrfHeader) {
    }

    static final String FORM = "application/x-www-form-urlencoded";
    static final String JSON = "application/json";
    static final String UNKNOWN_ID = "999999999";
    static final String UNKNOWN_TAG = "PS-0000-00000";
    static final int JSON_CAP = 2 * 1024 * 1024;
    static final int UPLOAD_CAP = 10 * 1024 * 1024;

    private static final List<byte[]> INVALID_UTF8 = List.of(bytes(0xC3, 0x28), bytes(0xFF), bytes(0xFE), bytes(0xED, 0xA0, 0x80),
            bytes(0xC0, 0xAF), bytes(0xE2, 0x82), bytes(0xF8, 0x88, 0x80, 0x80, 0x80), bytes(0xF4, 0x90, 0x80, 0x80), bytes(0x80));
    private static final List<String> ODD_TEXT = List.of("\u0000", "' OR '1'='1'; --", "<script>alert(1)</script>",
            "\uD83D\uDCBB\u202E\u0301\u200B", "=HYPERLINK(\"http://x\")", "   ", "\r\n\t", "%00", "${jndi:ldap://x}", "NaN", "-0",
            "1e999999999", "99999999999999999999999", "2026-02-30", "../../etc/passwd", "\\u0000");
    private static final List<String> CHARSETS = List.of("nope", "ISO-8859-1", "utf-16", "UTF-32", "\"\"", "utf-8x", "latin1",
            "us-ascii", "windows-1252", "x-user-defined", "\"utf-8", "utf-8;charset=latin1", "UTF-8, latin1");
    private static final List<String> CONTENT_TYPES = List.of("", "text/plain", "application/xml", "multipart/form-data; boundary=x",
            "multipart/form-data", "application/x-www-form-urlencoded;;;", "application/json;", "application/json; charset",
            "application/json; =utf-8", "*/*", "application/*", "json", "application/x-www-form-urlencoded; charset=\"", "image/png",
            "application/octet-stream", "application/JSON", "APPLICATION/X-WWW-FORM-URLENCODED", "application/problem+json",
            "a/b/c", ";", "application/json; charset=utf-8; charset=latin1");

    private final Random random;
    private final FormLimits limits;
    private final Map<Caller, String> csrf;
    private final List<Request> out = new ArrayList<>();

    HostileCorpus(long seed, FormLimits limits, Map<Caller, String> csrf) {
        this.random = new Random(seed);
        this.limits = limits;
        this.csrf = csrf;
    }

    List<Request> generate(List<Route> routes) {
        // The two anonymous routes are not registered through the Guard.
        List<Route> posts = new ArrayList<>(List.of(new Route("POST", "/login", null), new Route("POST", "/api/v1/auth/token", null)));
        routes.stream().filter(r -> r.method().equals("POST")).forEach(posts::add);
        // The charset and content-type rounds send any route either shape: a missing template fails every seed, not one.
        List<String> missing = new ArrayList<>();
        for (Route r : posts) {
            for (Runnable template : List.<Runnable>of(() -> formTemplate(r), () -> jsonTemplate(r))) {
                try {
                    if (!isUpload(r)) {
                        template.run();
                    }
                } catch (IllegalStateException e) {
                    missing.add(e.getMessage());
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(String.join("\n", missing));
        }
        for (Route route : posts) {
            boolean anonymous = route.permission() == null;
            if (isUpload(route)) {
                uploads(route);
            } else if (route.path().startsWith("/api/")) {
                json(route, anonymous ? 24 : 16);
            } else {
                forms(route, anonymous ? 30 : 14);
            }
        }
        sizes(posts);
        charsets(posts);
        contentTypes(posts);
        queries(routes.stream().filter(r -> r.method().equals("GET")).toList());
        return out;
    }

    // --- forms

    private void forms(Route route, int count) {
        for (int i = 0; i < count; i++) {
            List<String[]> fields = formTemplate(route);
            String what = mutateForm(fields);
            add("form " + route.path() + ": " + what, browser(route), route, FORM, encodeForm(route, fields, mutationBytes()), random.nextInt(4) == 0);
        }
    }

    /** Raw-byte mutations applied after encoding, or null. */
    private byte[] pendingRaw;

    private byte[] mutationBytes() {
        byte[] raw = pendingRaw;
        pendingRaw = null;
        return raw;
    }

    private String mutateForm(List<String[]> fields) {
        int kind = random.nextInt(15);
        int at = fields.isEmpty() ? 0 : random.nextInt(fields.size());
        String name = fields.isEmpty() ? "x" : fields.get(at)[0];
        switch (kind) {
            case 0 -> {
                if (!fields.isEmpty()) {
                    fields.remove(at);
                }
                return "field '" + name + "' dropped";
            }
            case 1 -> {
                if (!fields.isEmpty()) {
                    fields.get(at)[0] = name + "_" + random.nextInt(1000);
                }
                return "field '" + name + "' renamed";
            }
            case 2 -> {
                for (int d = 0; d < 1 + random.nextInt(50); d++) {
                    fields.add(random.nextInt(fields.size() + 1), new String[] {name, odd()});
                }
                return "field '" + name + "' repeated";
            }
            case 3 -> {
                if (!fields.isEmpty()) {
                    fields.get(at)[1] = odd();
                }
                return "odd value in '" + name + "'";
            }
            case 4 -> {
                if (!fields.isEmpty()) {
                    fields.get(at)[1] = "x".repeat(size((int) limits.formBytes() / 2));
                }
                return "long value in '" + name + "'";
            }
            case 5 -> {
                int n = random.nextBoolean() ? random.nextInt(200) : limits.fields() - 10 + random.nextInt(20);
                for (int f = 0; f < n; f++) {
                    fields.add(new String[] {"f" + random.nextInt(100_000), random.nextBoolean() ? "" : "v"});
                }
                return n + " extra fields";
            }
            case 6 -> {
                fields.add(new String[] {nestedName(), "v"});
                return "nested field name";
            }
            case 7 -> {
                pendingRaw = invalidUtf8(random.nextBoolean());
                return "invalid UTF-8 appended";
            }
            case 8 -> {
                pendingRaw = ("&" + name + "=" + List.of("%", "%z", "%zz", "%4", "%%", "%-1", "%+1", "%0").get(random.nextInt(8)))
                        .getBytes(StandardCharsets.US_ASCII);
                return "broken percent escape in '" + name + "'";
            }
            case 9 -> {
                pendingRaw = List.of("&&&&", "====", "++++", "&=&=&=", "=", "&", "a".repeat(size(4096)), "=".repeat(size(4096)),
                        "&".repeat(size(4096))).get(random.nextInt(9)).getBytes(StandardCharsets.US_ASCII);
                return "separators appended";
            }
            case 10 -> {
                if (!fields.isEmpty()) {
                    fields.get(at)[0] = fields.get(at)[0] + "\u0000" + (random.nextBoolean() ? "é" : "");
                }
                return "NUL in the name of '" + name + "'";
            }
            case 11 -> {
                fields.clear();
                return "no field at all";
            }
            case 12 -> {
                pendingRaw = randomBytes(size(2048));
                return "random bytes appended";
            }
            case 13 -> {
                if (!fields.isEmpty()) {
                    fields.get(at)[1] = fields.get(at)[1] + "\uD800";
                }
                return "lone surrogate in '" + name + "'";
            }
            default -> {
                String filler = "a".repeat(size((int) limits.formBytes() - 200));
                fields.clear();
                pendingRaw = filler.getBytes(StandardCharsets.US_ASCII);
                return "a body without '=' of " + filler.length() + " bytes";
            }
        }
    }

    /** The encoded form; browser callers' CSRF token goes last, so a truncation or a filler loses it. */
    private byte[] encodeForm(Route route, List<String[]> fields, byte[] raw) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String[] f : fields) {
            if (b.size() > 0) {
                b.write('&');
            }
            b.writeBytes(enc(f[0]).getBytes(StandardCharsets.US_ASCII));
            b.write('=');
            b.writeBytes(enc(f[1]).getBytes(StandardCharsets.US_ASCII));
        }
        if (raw != null) {
            b.writeBytes(raw);
        }
        String token = route.path().equals("/logout") ? "forged" : csrf.get(browser(route));
        b.writeBytes(("&_csrf=" + enc(token)).getBytes(StandardCharsets.US_ASCII));
        byte[] body = b.toByteArray();
        if (random.nextInt(12) == 0) {
            return java.util.Arrays.copyOf(body, random.nextInt(body.length + 1));
        }
        return body;
    }

    private List<String[]> formTemplate(Route route) {
        String n = String.valueOf(random.nextInt(1_000_000));
        Map<String, String> f = new LinkedHashMap<>();
        switch (key(route)) {
            case "/login", "/auth/token" -> {
                f.put("username", "corpus-nobody-" + n);
                f.put("password", "x");
                f.put("next", "/");
            }
            case "/logout" -> f.put("next", "/");
            case "/admin/users" -> {
                f.put("username", "corpus-gen-" + n);
                f.put("displayName", "Corpus");
                f.put("role", "GOD");
                f.put("password", "court");
            }
            // The API's log import, picked by the charset and content-type rounds and sent as a form: it names no disk.
            case "/erasure-logs" -> {
                f.put("log", "nwipe");
                f.put("serial", "NO-SUCH-DISK-" + n);
            }
            case "/waiting-list" -> {
                f.put("beneficiaryId", UNKNOWN_ID);
                f.put("uses", "FLYING");
                f.put("priority", "SUPREME");
                f.put("children", "MANY");
                f.put("internet", "FIBRE");
            }
            case "/reservations" -> {
                f.put("machineTag", UNKNOWN_TAG);
                f.put("beneficiaryId", UNKNOWN_ID);
                f.put("until", "2026-02-30");
            }
            case "/assignments", "/kits" -> {
                f.put("machineTag", UNKNOWN_TAG);
                f.put("beneficiaryId", UNKNOWN_ID);
                f.put("kind", "RENTAL");
                f.put("dueOn", "2026-02-30");
            }
            case "/beneficiaries" -> {
                f.put("lastName", "Corpus");
                f.put("firstName", "Généré");
                f.put("commune", "Saint-Denis");
                f.put("postcode", "ABCDE");
                f.put("ageBracket", "CENTENARIAN");
                f.put("situation", "JOB_SEEKER");
                f.put("gdprNoticeOn", "2026-02-30");
            }
            case "/courses" -> {
                f.put("name", "n".repeat(121));
                f.put("description", "d".repeat(2001));
            }
            case "/programmes" -> {
                f.put("name", "n".repeat(201));
                f.put("funder", "f".repeat(201));
                f.put("startsOn", "2026-02-30");
            }
            case "/donations" -> {
                f.put("donorId", "new");
                f.put("donor.name", "Corpus");
                f.put("donor.kind", "ALIEN");
                f.put("receivedOn", "2025-13-45");
                f.put("site", "nulle-part");
                f.put("machines[0].type", "TOASTER");
            }
            case "/labels/print", "/labels" -> {
                f.put("tags", "pas un numéro");
                f.put("layout", "NOPE");
                f.put("startAt", "-5");
                f.put("action", random.nextBoolean() ? "pdf" : "preview");
            }
            case "/reminders/run" -> {
                f.put("date", "2026-02-30");
                f.put("rule", "nope");
            }
            case "/scan/batch" -> {
                f.put("tags", UNKNOWN_TAG);
                f.put("action", "explode");
                f.put("to", "FLYING");
            }
            default -> {
                requireUnknownIdOrReadOnly(route);
                f.put("to", "FLYING");
                f.put("kind", "ALIENS");
                f.put("condition", "EXPLODED");
                f.put("dueOn", "2026-02-30");
                f.put("role", "GOD");
                f.put("status", "NOPE");
                f.put("note", "corpus");
            }
        }
        List<String[]> fields = new ArrayList<>();
        f.forEach((k, v) -> fields.add(new String[] {k, v}));
        return fields;
    }

    // --- JSON

    private void json(Route route, int count) {
        for (int i = 0; i < count; i++) {
            Map<String, String> template = jsonTemplate(route);
            StringBuilder what = new StringBuilder();
            byte[] body = mutateJson(template, what);
            add("JSON " + route.path() + ": " + what, api(route), route, JSON, body, random.nextInt(4) == 0);
        }
    }

    /** Member name → JSON text of its value. */
    private Map<String, String> jsonTemplate(Route route) {
        Map<String, String> j = new LinkedHashMap<>();
        switch (key(route)) {
            case "/auth/token", "/login" -> {
                j.put("username", q("corpus-nobody-" + random.nextInt(1_000_000)));
                j.put("password", q("x"));
            }
            case "/logout" -> j.put("next", q("/"));
            case "/admin/users" -> {
                j.put("username", q("corpus-gen-" + random.nextInt(1_000_000)));
                j.put("role", q("GOD"));
                j.put("password", q("court"));
            }
            case "/reminders/run" -> {
                j.put("date", q("2026-02-30"));
                j.put("rule", q("nope"));
            }
            case "/scan/batch" -> {
                j.put("tags", q(UNKNOWN_TAG));
                j.put("action", q("explode"));
            }
            // A JSON document is not a log (415); sent as text, it names no disk of any machine (422 or 400).
            case "/erasure-logs" -> {
                j.put("log", q("nwipe"));
                j.put("serial", q("NO-SUCH-DISK-" + random.nextInt(1_000_000)));
            }
            case "/waiting-list" -> {
                j.put("beneficiaryId", UNKNOWN_ID);
                j.put("uses", "[\"FLYING\"]");
                j.put("priority", q("SUPREME"));
                j.put("children", q("MANY"));
                j.put("internet", q("FIBRE"));
            }
            case "/reservations" -> {
                j.put("machineTag", q(UNKNOWN_TAG));
                j.put("beneficiaryId", UNKNOWN_ID);
                j.put("until", q("2026-02-30"));
            }
            case "/assignments", "/kits" -> {
                j.put("machineTag", q(UNKNOWN_TAG));
                j.put("beneficiaryId", UNKNOWN_ID);
                j.put("kind", q("RENTAL"));
                j.put("dueOn", q("2026-02-30"));
            }
            case "/beneficiaries" -> {
                j.put("lastName", q("Corpus"));
                j.put("firstName", q("Généré"));
                j.put("commune", q("Saint-Denis"));
                j.put("postcode", q("ABCDE"));
                j.put("ageBracket", q("CENTENARIAN"));
                j.put("situation", q("JOB_SEEKER"));
                j.put("gdprNoticeOn", q("2026-02-30"));
            }
            case "/courses" -> {
                j.put("name", q("n".repeat(121)));
                j.put("description", q("d".repeat(2001)));
            }
            case "/programmes" -> {
                j.put("name", q("n".repeat(201)));
                j.put("funder", q("f".repeat(201)));
                j.put("startsOn", q("2026-02-30"));
            }
            case "/donations" -> {
                j.put("donor", "{\"name\":\"Corpus\",\"kind\":\"ALIEN\"}");
                j.put("receivedOn", q("2025-13-45"));
                j.put("site", q("nulle-part"));
                j.put("machines", "[{\"type\":\"TOASTER\"}]");
            }
            case "/imports/machines" -> {
                j.put("type", q("TOASTER"));
                j.put("receivedOn", q("2026-02-30"));
            }
            case "/labels", "/labels/print" -> {
                j.put("layout", q("NOPE"));
                j.put("tags", "[\"pas un numéro\"]");
                j.put("startAt", "-5");
            }
            default -> {
                requireUnknownIdOrReadOnly(route);
                j.put("to", q("FLYING"));
                j.put("kind", q("ALIENS"));
                j.put("condition", q("EXPLODED"));
                j.put("dueOn", q("2026-02-30"));
                j.put("confirm", "true");
                j.put("beneficiaryId", UNKNOWN_ID);
                j.put("staff", q("data:image/png;base64,!!!"));
            }
        }
        return j;
    }

    private byte[] mutateJson(Map<String, String> j, StringBuilder what) {
        List<String> names = new ArrayList<>(j.keySet());
        String name = names.get(random.nextInt(names.size()));
        int kind = random.nextInt(16);
        String prefix = "";
        String suffix = "";
        switch (kind) {
            case 0 -> {
                j.remove(name);
                what.append("member '").append(name).append("' dropped");
            }
            case 1 -> {
                j.put(name, List.of("{}", "[]", "[1,2]", "{\"$ne\":null}", "true", "null", "0", "-1", "\"\"").get(random.nextInt(9)));
                what.append("wrong type for '").append(name).append("'");
            }
            case 2 -> {
                j.put(name, q(odd()));
                what.append("odd value in '").append(name).append("'");
            }
            case 3 -> {
                j.put(name, List.of("1e999999999", "-1E+999999999", "1e-999999999", "0.1e-2147483647", "123456789012345678901234567890",
                        "-0", "0." + "0".repeat(500) + "1", "9".repeat(1000), "1e308", "-1e-400").get(random.nextInt(10)));
                what.append("extreme number in '").append(name).append("'");
            }
            case 4 -> {
                int depth = size(5000);
                j.put(name, "[".repeat(depth) + "]".repeat(depth));
                what.append("'").append(name).append("' nested ").append(depth).append(" deep");
            }
            case 5 -> {
                int depth = size(5000);
                j.put(name, "{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
                what.append("'").append(name).append("' objects nested ").append(depth).append(" deep");
            }
            case 6 -> {
                StringBuilder many = new StringBuilder("{");
                int n = size(20_000);
                for (int i = 0; i < n; i++) {
                    many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
                }
                j.put(name, many.append('}').toString());
                what.append(n).append(" members in '").append(name).append("'");
            }
            case 7 -> {
                j.put(name, q("x".repeat(size(JSON_CAP / 2))));
                what.append("long string in '").append(name).append("'");
            }
            case 8 -> {
                suffix = ",\"" + name + "\":" + q(odd());
                what.append("member '").append(name).append("' twice");
            }
            case 9 -> {
                prefix = List.of("[", "\"", "1", "null", "", " ".repeat(size(10_000)), "\uFEFF\uFEFF").get(random.nextInt(7));
                what.append("top level prefixed with ").append(prefix.length()).append(" chars");
            }
            case 10 -> {
                suffix = List.of("}", "]", ",", "garbage", "{}", "\u0000").get(random.nextInt(6));
                what.append("trailing garbage");
            }
            case 11 -> {
                int which = random.nextInt(5);
                what.append("the document as a bare ").append(List.of("array", "string", "number", "null", "empty body").get(which));
                return List.of("[]", "\"x\"", "42", "null", "").get(which).getBytes(StandardCharsets.UTF_8);
            }
            case 12 -> {
                what.append("UTF-16 encoded");
                return document(j, "", "").getBytes(random.nextBoolean() ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16);
            }
            default -> {
                byte[] doc = document(j, "", "").getBytes(StandardCharsets.UTF_8);
                int at = random.nextInt(doc.length + 1);
                if (kind == 13) {
                    what.append("truncated at ").append(at);
                    return java.util.Arrays.copyOf(doc, Math.min(at, doc.length - 1));
                }
                byte[] insert = kind == 14 ? invalidUtf8(false) : randomBytes(1 + random.nextInt(8));
                what.append(kind == 14 ? "invalid UTF-8" : "random bytes").append(" at ").append(at);
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                b.write(doc, 0, at);
                b.writeBytes(insert);
                b.write(doc, at, doc.length - at);
                return b.toByteArray();
            }
        }
        return document(j, prefix, suffix).getBytes(StandardCharsets.UTF_8);
    }

    private static String document(Map<String, String> j, String prefix, String suffix) {
        StringBuilder s = new StringBuilder(prefix).append('{');
        j.forEach((k, v) -> s.append(s.length() > prefix.length() + 1 ? "," : "").append(q(k)).append(':').append(v));
        return s.append(suffix).append('}').toString();
    }

    // --- uploads

    private void uploads(Route route) {
        requireUnknownIdOrReadOnly(route);
        for (int i = 0; i < 12; i++) {
            byte[] body;
            String what;
            switch (random.nextInt(6)) {
                case 0 -> {
                    body = new byte[0];
                    what = "empty";
                }
                case 1 -> {
                    body = randomBytes(size(200_000));
                    what = "random bytes";
                }
                case 2 -> {
                    body = concat(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A), randomBytes(size(50_000)));
                    what = "PNG signature then garbage";
                }
                case 3 -> {
                    body = concat(bytes(0xFF, 0xD8, 0xFF), randomBytes(size(50_000)));
                    what = "JPEG signature then garbage";
                }
                case 4 -> {
                    body = concat("GIF89a".getBytes(StandardCharsets.US_ASCII), randomBytes(size(5_000)));
                    what = "GIF";
                }
                default -> {
                    body = ("<html><script>alert(1)</script>" + "x".repeat(size(10_000))).getBytes(StandardCharsets.UTF_8);
                    what = "HTML named as a PDF";
                }
            }
            String type = List.of("application/pdf", "image/png", "image/jpeg", "text/plain", "application/octet-stream", FORM, JSON)
                    .get(random.nextInt(7));
            add("upload " + route.path() + ": " + what + " as " + type, route.path().startsWith("/api/") ? api(route) : browser(route),
                    route, type, body, random.nextInt(3) == 0);
        }
        if (!route.path().startsWith("/api/")) {
            multipart(route);
        }
    }

    /** Issue 17: the pages' file forms are multipart (platform/http/Multipart), bounded and cut in one pass. */
    private void multipart(Route route) {
        String b = "----parc" + random.nextInt(1000);
        String part = "--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n%PDF-1.7 x\r\n";
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("no closing boundary", part);
        bodies.put("a hundred parts", part.repeat(100) + "--" + b + "--\r\n");
        bodies.put("a part's headers of 10 KB", "--" + b + "\r\nContent-Disposition: form-data; name=\"file\"\r\nX: "
                + "y".repeat(10_000) + "\r\n\r\nz\r\n--" + b + "--\r\n");
        bodies.put("a part without a name", "--" + b + "\r\nContent-Disposition: form-data\r\n\r\nz\r\n--" + b + "--\r\n");
        bodies.put("a part without headers", "--" + b + "\r\n\r\nz\r\n--" + b + "--\r\n");
        bodies.put("nothing but near-boundaries", ("\r\n--" + b.substring(0, b.length() - 1) + "#").repeat(size(20_000)));
        bodies.put("empty", "");
        for (Map.Entry<String, String> e : bodies.entrySet()) {
            add("multipart " + route.path() + ": " + e.getKey(), browser(route), route, "multipart/form-data; boundary=" + b,
                    e.getValue().getBytes(StandardCharsets.ISO_8859_1), random.nextInt(3) == 0);
        }
        add("multipart " + route.path() + ": boundary of 200 characters", browser(route), route,
                "multipart/form-data; boundary=" + "b".repeat(200), part.getBytes(StandardCharsets.ISO_8859_1), false);
        add("multipart " + route.path() + ": no boundary", browser(route), route, "multipart/form-data",
                part.getBytes(StandardCharsets.ISO_8859_1), false);
    }

    // --- sizes from 0 to each cap and just over it

    private void sizes(List<Route> posts) {
        int form = (int) limits.formBytes();
        for (int size : List.of(0, 1, 2, form / 2, form - 1, form, form + 1, 2 * form, 1_000_000)) {
            for (String path : List.of("/login", "/courses", "/m/{tag}/repair", "/assignments/{id}/extend")) {
                Route route = route(posts, path);
                for (boolean chunked : List.of(false, true)) {
                    add("form " + path + ": " + size + " bytes" + (chunked ? ", chunked" : ""), browser(route), route, FORM,
                            sizedForm(route, size), chunked);
                }
            }
        }
        int large = (int) limits.largeFormBytes();
        Route donations = route(posts, "/donations");
        for (int size : List.of(form + 1, large - 1, large + 1)) {
            add("large form /donations: " + size + " bytes", browser(donations), donations, FORM, sizedForm(donations, size), size > large);
        }
        Route sign = route(posts, "/assignments/{id}/sign");
        add("large form " + sign.path() + ": " + (large + 1) + " bytes", browser(sign), sign, FORM, sizedForm(sign, large + 1), false);
        for (int size : List.of(0, 1, 2, JSON_CAP / 2, JSON_CAP - 1, JSON_CAP, JSON_CAP + 1, 3 * JSON_CAP)) {
            for (String path : List.of("/api/v1/courses", "/api/v1/machines/{tag}/hardware", "/api/v1/auth/token")) {
                Route route = route(posts, path);
                for (boolean chunked : List.of(false, true)) {
                    add("JSON " + path + ": " + size + " bytes" + (chunked ? ", chunked" : ""), api(route), route, JSON,
                            sizedJson(route, size), chunked);
                }
            }
        }
        Route scans = route(posts, "/api/v1/assignments/{id}/scans");
        for (int size : List.of(0, 1, 5, UPLOAD_CAP - 1, UPLOAD_CAP, UPLOAD_CAP + 1)) {
            byte[] pdf = new byte[size];
            System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, pdf, 0, Math.min(size, 9));
            add("upload " + scans.path() + ": " + size + " bytes", api(scans), scans, "application/pdf", pdf, size == UPLOAD_CAP + 1);
        }
    }

    private byte[] sizedForm(Route route, int size) {
        List<String[]> fields = formTemplate(route);
        byte[] base = encodeForm(route, fields, null);
        if (size <= base.length) {
            return "a".repeat(size).getBytes(StandardCharsets.US_ASCII);
        }
        byte[] pad = ("pad=" + "p".repeat(Math.max(0, size - base.length - 5)) + "&").getBytes(StandardCharsets.US_ASCII);
        return java.util.Arrays.copyOf(concat(pad, base), size);
    }

    private byte[] sizedJson(Route route, int size) {
        Map<String, String> j = jsonTemplate(route);
        String base = document(j, "", "");
        if (size <= base.length() + 10) {
            return " ".repeat(size).getBytes(StandardCharsets.US_ASCII);
        }
        j.put("pad", q("p".repeat(size - base.length() - 9)));
        byte[] doc = document(j, "", "").getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(doc, size);
    }

    // --- charsets and content types

    private void charsets(List<Route> posts) {
        for (String charset : CHARSETS) {
            for (int i = 0; i < 3; i++) {
                Route route = posts.get(random.nextInt(posts.size()));
                boolean api = route.path().startsWith("/api/");
                String type = (api ? JSON : FORM) + "; charset=" + charset;
                byte[] body = api ? document(jsonTemplate(route), "", "").getBytes(StandardCharsets.UTF_8)
                        : isUpload(route) ? randomBytes(100) : encodeForm(route, formTemplate(route), null);
                add("charset " + charset + " on " + route.path(), api ? api(route) : browser(route), route, type, body, false);
            }
            Route login = new Route("POST", "/login", null);
            add("charset " + charset + " on /login", Caller.LOGIN_FORM, login, FORM + "; charset=" + charset,
                    encodeForm(login, formTemplate(login), null), false);
        }
    }

    private void contentTypes(List<Route> posts) {
        for (String type : CONTENT_TYPES) {
            for (int i = 0; i < 3; i++) {
                Route route = posts.get(random.nextInt(posts.size()));
                boolean api = route.path().startsWith("/api/");
                byte[] body = random.nextBoolean() ? document(jsonTemplate(route), "", "").getBytes(StandardCharsets.UTF_8)
                        : encodeForm(route, isUpload(route) ? new ArrayList<>() : formTemplate(route), null);
                add("content type '" + type + "' on " + route.path(), api ? api(route) : browser(route), route, type, body, false);
            }
        }
    }

    // --- query strings

    private void queries(List<Route> gets) {
        List<String> hostile = List.of("q=%", "q=%zz", "q=%FF", "q=%C3%28", "q=%ED%A0%80", "q=%00", "q=" + enc("<script>alert(1)</script>"),
                "q=" + enc("' OR 1=1 --"), "page=-1", "page=99999999999999999999", "from=2026-02-30&to=1999-01-01", "state=%FF",
                "a".repeat(3000), "&".repeat(3000), "=".repeat(3000), "a=1&".repeat(700), "q=" + "%41".repeat(1000),
                "tags=" + enc(UNKNOWN_TAG + ",").repeat(150), "next=" + enc("//evil.example"), "site=" + enc("\u0000"), "q=%%%%",
                "x".repeat(5000), "type=%E2%82&grade=%C0%AF", "q=+++&q=&q", "code=" + enc("http://x/" + "a".repeat(500)));
        for (Route route : gets) {
            if (route.path().contains("{") && !route.path().contains("{id}") && !route.path().contains("{tag}")) {
                continue;
            }
            for (int i = 0; i < 3; i++) {
                String query = hostile.get(random.nextInt(hostile.size()));
                String path = concretePath(route.path());
                Caller caller = path.startsWith("/api/") ? api(route) : browser(route);
                out.add(new Request("gen#" + out.size() + " GET " + route.path() + "?" + abbreviate(query), caller, "GET", path + "?" + query,
                        null, null, false, null));
            }
        }
        for (String query : hostile) {
            out.add(new Request("gen#" + out.size() + " GET /login?" + abbreviate(query), Caller.ANONYMOUS, "GET", "/login?" + query,
                    null, null, false, null));
        }
        for (String path : List.of("/m/%", "/m/%zz", "/m/%FF", "/m/%C3%28", "/api/v1/machines/%", "/api/v1/machines/%ED%A0%80",
                "/beneficiaries/%2e%2e", "/static/%2e%2e/%2e%2e/etc/passwd", "/m/" + "%41".repeat(1000), "/m/%00", "/api/v1/beneficiaries/1%2F2",
                "/assignments/%20", "/m/" + enc("<script>alert(1)</script>"), "/m/" + "a/".repeat(1000), "/%", "/?%")) {
            Caller caller = path.startsWith("/api/") ? Caller.ADMIN_API : Caller.ADMIN_BROWSER;
            out.add(new Request("gen#" + out.size() + " GET " + abbreviate(path), caller, "GET", path, null, null, false, null));
        }
    }

    // --- helpers

    /** Browsers send their CSRF token as a header when the body is not a form (never a valid one to /logout). */
    private void add(String label, Caller caller, Route route, String contentType, byte[] body, boolean chunked) {
        String header = !caller.browser() || contentType.toLowerCase(java.util.Locale.ROOT).startsWith(FORM) ? null
                : route.path().equals("/logout") ? "forged" : csrf.get(caller);
        out.add(new Request("gen#" + out.size() + " " + label, caller, "POST", concretePath(route.path()), contentType, body, chunked, header));
    }

    /** The same template serves a page and its API twin: "/api/v1/courses" and "/courses". */
    private static String key(Route route) {
        return route.path().startsWith("/api/v1/") ? route.path().substring("/api/v1".length()) : route.path();
    }

    private static String concretePath(String path) {
        return path.replace("{id}", UNKNOWN_ID).replace("{tag}", UNKNOWN_TAG);
    }

    private static boolean isUpload(Route route) {
        return route.path().endsWith("/scans") || route.path().endsWith("/scan") || route.path().equals("/scan/photo")
                || isImport(route);
    }

    /**
     * An inventory file, as the API's body or the page's upload: refused whatever the bytes, since the API is given no
     * site, donor nor date for the rows (and no type column is named), and the page's upload carries no file name
     * (the page's script always sends one).
     */
    private static boolean isImport(Route route) {
        return route.path().equals("/imports/machines") || route.path().equals("/api/v1/imports/machines");
    }

    private static void requireUnknownId(Route route) {
        if (!route.path().contains("{id}") && !route.path().contains("{tag}")) {
            throw new IllegalStateException("POST " + route.path() + " takes a body but has no hostile template in HostileCorpus: add one "
                    + "whose request is refused whatever one field holds (two independent faults)");
        }
    }

    /** The photo scan only reads: any body is harmless there. */
    private static void requireUnknownIdOrReadOnly(Route route) {
        if (!route.path().equals("/scan/photo") && !isImport(route)) {
            requireUnknownId(route);
        }
    }

    private static Route route(List<Route> routes, String path) {
        return routes.stream().filter(r -> r.path().equals(path)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no route POST " + path));
    }

    /** A browser session allowed on the route (any role that holds its permission). */
    private Caller browser(Route route) {
        if (route.path().equals("/login")) {
            return Caller.LOGIN_FORM;
        }
        List<Caller> allowed = new ArrayList<>();
        for (Caller c : List.of(Caller.ADMIN_BROWSER, Caller.TECHNICIAN_BROWSER, Caller.SOCIAL_WORKER_BROWSER, Caller.COORDINATOR_BROWSER)) {
            if (route.permission() == null || c.role().can(route.permission())) {
                allowed.add(c);
            }
        }
        return allowed.get(random.nextInt(allowed.size()));
    }

    private Caller api(Route route) {
        if (route.permission() == null) {
            return Caller.ANONYMOUS;
        }
        List<Caller> allowed = new ArrayList<>();
        for (Caller c : List.of(Caller.ADMIN_API, Caller.TECHNICIAN_API, Caller.SOCIAL_WORKER_API, Caller.COORDINATOR_API)) {
            if (c.role().can(route.permission())) {
                allowed.add(c);
            }
        }
        return allowed.get(random.nextInt(allowed.size()));
    }

    /** A size between 0 and max, small sizes as likely as large ones (log-uniform). */
    private int size(int max) {
        return (int) Math.min(max, Math.round(Math.pow(max + 1.0, random.nextDouble())) - 1);
    }

    private String odd() {
        return ODD_TEXT.get(random.nextInt(ODD_TEXT.size()));
    }

    private String nestedName() {
        int depth = 1 + size(500);
        return random.nextBoolean() ? "a.".repeat(depth) + "b" : "machines[0].".repeat(depth) + "type";
    }

    private byte[] invalidUtf8(boolean percentEncoded) {
        byte[] bad = INVALID_UTF8.get(random.nextInt(INVALID_UTF8.size()));
        if (!percentEncoded) {
            return bad;
        }
        StringBuilder s = new StringBuilder("&n=");
        for (byte b : bad) {
            s.append('%').append(String.format("%02X", b & 0xFF));
        }
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static String q(String s) {
        return jakarta.json.Json.createValue(s).toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…(" + s.length() + ")" : s;
    }
}
