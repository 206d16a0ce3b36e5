package fr.parcsolidaire.platform.http;

import fr.parcsolidaire.Http;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Json;
import fr.parcsolidaire.platform.http.UrlEncoded;
import fr.parcsolidaire.platform.security.Role;
import io.helidon.common.GenericType;
import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.http.WritableHeaders;
import io.helidon.http.media.MediaContext;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * What a body costs as it grows, per family of routes that take one (issue 12): the same hostile shape at sizes
 * ten times apart, up to each cap. A linear parser shows ratios near ×10 (less while fixed costs dominate);
 * Helidon 4.1.2's form reader, measured on smaller sizes four times apart, shows ×16: the square of the size.
 * In process first (the parsers alone), then over HTTP through the real routes (reading, parsing, refusal).
 */
public final class ParsersBench {

    private static final String FORM = "application/x-www-form-urlencoded";

    private ParsersBench() {
    }

    public static void run() {
        System.out.println("parsers: median per size; (×r) = time / time of the size before");
        inProcess("form without '=' (UrlEncoded)", List.of(6_400, 64_000, 640_000, 6_400_000), n -> ascii("a".repeat(n)),
                body -> UrlEncoded.parse(body, 5000));
        inProcess("form of 'a=1&' fields, 5,000 at most (UrlEncoded)", List.of(200, 2_000, 20_000), n -> ascii("a=1&".repeat(n / 4)),
                body -> UrlEncoded.parse(body, 5000));
        inProcess("form of one percent-encoded UTF-8 value (UrlEncoded)", List.of(6_400, 64_000, 640_000, 6_400_000),
                n -> ascii("v=" + "%C3%A9".repeat(n / 6)), body -> UrlEncoded.parse(body, 5000));
        inProcess("JSON, one long string (Json.parse)", List.of(2_000, 20_000, 200_000, 2_000_000),
                n -> ascii("{\"s\":\"" + "x".repeat(n - 8) + "\"}"), body -> Json.parse(body, "malformed"));
        inProcess("JSON, many members (Json.parse)", List.of(2_000, 20_000, 200_000, 2_000_000), ParsersBench::manyMembers,
                body -> Json.parse(body, "malformed"));
        inProcess("JSON nested 1,000 deep then garbage (Json.parse)", List.of(2_000, 20_000, 200_000, 2_000_000),
                n -> ascii("[".repeat(1000) + "x".repeat(n - 1000)), body -> refused(() -> Json.parse(body, "malformed")));
        helidonFormReader();

        Http browser = Http.browser(Role.TECHNICIAN);
        Http api = Http.api(Role.ADMIN);
        Http anonymous = Http.loginForm();
        overHttp("POST /login, form without '=' (64 KiB cap)", List.of(640, 6_400, 64_000),
                n -> post(anonymous, "/login", FORM, ascii("a".repeat(n)), 403));
        overHttp("POST /donations, large form without '=' (8 MiB cap)", List.of(8_000, 80_000, 800_000, 8_000_000),
                n -> post(browser, "/donations", FORM, ascii("a".repeat(n)), 403));
        overHttp("POST /api/v1/courses/{unknown}/sessions, JSON many members (2 MiB cap)", List.of(2_000, 20_000, 200_000, 2_000_000),
                n -> post(api, "/api/v1/courses/999999999/sessions", "application/json", manyMembers(n), 404));
        overHttp("POST /api/v1/assignments/{unknown}/scans, upload (10 MiB cap)", List.of(10_000, 100_000, 1_000_000, 10_000_000),
                n -> post(api, "/api/v1/assignments/999999999/scans", "application/pdf", pdf(n), 404));
        overHttp("GET /login?next=… (4 KiB request line)", List.of(39, 390, 3_900),
                n -> get(anonymous, "/login?next=" + "%41".repeat(n / 3)));
        overHttp("over each cap, refused before reading: POST /login 1 MB, no '='", List.of(1_000_000),
                n -> post(anonymous, "/login", FORM, ascii("a".repeat(n)), 413));
    }

    /** Helidon 4.1.2's own form reader, which the service no longer uses: small sizes only, it is quadratic. */
    private static void helidonFormReader() {
        MediaContext media = MediaContext.create();
        WritableHeaders<?> headers = WritableHeaders.create();
        headers.set(HeaderNames.CONTENT_TYPE, FORM);
        GenericType<Parameters> type = GenericType.create(Parameters.class);
        inProcess("form without '=' (Helidon 4.1.2 reader, before)", List.of(1_000, 4_000, 16_000), n -> ascii("a".repeat(n)),
                body -> media.reader(type, headers).read(type, new ByteArrayInputStream(body), headers));
    }

    private interface Parse {
        void parse(byte[] body);
    }

    private static void inProcess(String name, List<Integer> sizes, IntFunction<byte[]> body, Parse parse) {
        List<String> cells = new ArrayList<>();
        double previous = 0;
        for (int size : sizes) {
            byte[] b = body.apply(size);
            double median = median(timeFor(300, 1500, () -> parse.parse(b)));
            cells.add(cell(b.length, median, previous));
            previous = median;
        }
        System.out.println("parsers: in process, " + name + ": " + String.join(" · ", cells));
    }

    private static void overHttp(String name, List<Integer> sizes, IntFunction<Runnable> request) {
        List<String> cells = new ArrayList<>();
        double previous = 0;
        for (int size : sizes) {
            double median = median(timeFor(500, 2000, request.apply(size)));
            cells.add(cell(size, median, previous));
            previous = median;
        }
        System.out.println("parsers: HTTP, " + name + ": " + String.join(" · ", cells));
    }

    private static Runnable post(Http who, String path, String type, byte[] body, int expected) {
        return () -> {
            HttpRequest.Builder b = who.request(path).header("Content-Type", type);
            if (who.csrf() != null && !type.equals(FORM)) {
                b.header("X-CSRF-Token", who.csrf());
            }
            HttpResponse<String> r = who.send(b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
            if (r.statusCode() != expected) {
                throw new IllegalStateException(path + ": " + r.statusCode() + " instead of " + expected);
            }
        };
    }

    private static Runnable get(Http who, String path) {
        return () -> {
            int status = who.get(path).statusCode();
            if (status != 200) {
                throw new IllegalStateException(path + ": " + status);
            }
        };
    }

    private static void refused(Runnable parse) {
        try {
            parse.run();
            throw new IllegalStateException("accepted");
        } catch (HttpProblem expected) {
            // the refusal is what is measured
        }
    }

    private static byte[] manyMembers(int size) {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; s.length() < size - 20; i++) {
            s.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        return ascii(s.append('}').toString());
    }

    private static byte[] pdf(int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) ' ');
        System.arraycopy(ascii("%PDF-1.7\n"), 0, b, 0, 9);
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Runs the work for warmUpMillis, then measures it for measureMillis (at least 5 and at most 10,000 runs). */
    private static long[] timeFor(long warmUpMillis, long measureMillis, Runnable work) {
        long end = System.nanoTime() + warmUpMillis * 1_000_000;
        do {
            work.run();
        } while (System.nanoTime() < end);
        List<Long> nanos = new ArrayList<>();
        end = System.nanoTime() + measureMillis * 1_000_000;
        while (nanos.size() < 5 || System.nanoTime() < end && nanos.size() < 10_000) {
            long start = System.nanoTime();
            work.run();
            nanos.add(System.nanoTime() - start);
        }
        return nanos.stream().mapToLong(Long::longValue).toArray();
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }

    private static String cell(int bytes, double millis, double previous) {
        String size = bytes >= 1_000_000 ? String.format("%.1f MB", bytes / 1e6) : bytes >= 1000 ? String.format("%.1f KB", bytes / 1e3)
                : bytes + " B";
        return String.format("%s %.3f ms%s", size, millis, previous > 0 ? String.format(" (×%.1f)", millis / previous) : "");
    }
}
