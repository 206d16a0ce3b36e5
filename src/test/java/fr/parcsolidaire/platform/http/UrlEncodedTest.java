package fr.parcsolidaire.platform.http;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The urlencoded parser against the WHATWG rules, browsers' own encoding, and hostile bytes. */
class UrlEncodedTest {

    private static Map<String, List<String>> parse(String body) {
        return UrlEncoded.parse(body.getBytes(StandardCharsets.ISO_8859_1), 5000);
    }

    @Test
    void followsTheWhatwgRules() {
        assertEquals(Map.of("a", List.of("1"), "b", List.of("x y", "z")), parse("a=1&b=x+y&b=z"));
        assertEquals(Map.of("a", List.of("")), parse("a"), "a pair without '=' is a name with an empty value");
        assertEquals(Map.of("a", List.of("b=c")), parse("a=b=c"), "only the first '=' splits");
        assertEquals(Map.of("", List.of("v")), parse("=v"));
        assertEquals(Map.of("a", List.of("1")), parse("&&a=1&&"), "empty pairs are skipped");
        assertEquals(Map.of(), parse(""));
        assertEquals(Map.of("k", List.of("100%", "%4", "%zz", "%A")), parse("k=100%&k=%4&k=%zz&k=%%41"),
                "a '%' not followed by two hex digits stays as it is");
        assertEquals(Map.of("a&b", List.of("c=d+e")), parse("a%26b=c%3Dd%2Be"));
        assertEquals(Map.of("é", List.of("€ 💻")), parse("%C3%A9=%E2%82%AC+%F0%9F%92%BB"));
        assertEquals(Map.of("machines[0].type", List.of("LAPTOP")), parse("machines%5B0%5D.type=LAPTOP"));
        assertEquals(List.of("z", "a", "m"), List.copyOf(parse("z=1&a=2&m=3").keySet()), "the order sent is kept");
    }

    @Test
    void readsBackWhatJavaEncodes() {
        Random random = new Random(12);
        for (int round = 0; round < 200; round++) {
            Map<String, List<String>> fields = new LinkedHashMap<>();
            StringBuilder body = new StringBuilder();
            for (int f = 0; f < 1 + random.nextInt(6); f++) {
                String name = randomText(random, 1 + random.nextInt(8));
                String value = randomText(random, random.nextInt(20));
                fields.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(value);
                body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                        .append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
            assertEquals(fields, parse(body.toString()), body.toString());
        }
    }

    @Test
    void refusesBytesThatAreNotUtf8() {
        for (String bad : List.of("n=%C3%28", "n=%FF", "n=%ED%A0%80", "n=%C0%AF", "n=%E2%82", "%FF=v", "n=\u00ff", "n=%F4%90%80%80")) {
            HttpProblem p = assertThrows(HttpProblem.class, () -> parse(bad), bad);
            assertEquals(400, p.status().code(), bad);
        }
    }

    @Test
    void boundsTheNumberOfFields() {
        assertEquals(3, UrlEncoded.parse("a&b&c".getBytes(StandardCharsets.US_ASCII), 3).size());
        HttpProblem p = assertThrows(HttpProblem.class, () -> UrlEncoded.parse("a&a&a&a".getBytes(StandardCharsets.US_ASCII), 3));
        assertEquals(413, p.status().code());
    }

    @Test
    void aBodyWithoutSeparatorsIsOneField() {
        byte[] body = "a".repeat(1_000_000).getBytes(StandardCharsets.US_ASCII);
        Map<String, List<String>> fields = UrlEncoded.parse(body, 5000);
        assertEquals(1, fields.size());
        assertEquals(List.of(""), fields.get("a".repeat(1_000_000)));
    }

    private static String randomText(Random random, int length) {
        String alphabet = "abcXYZ09 +&=%.[]_-~éàç€💻\u0000\n/?#";
        StringBuilder s = new StringBuilder();
        while (s.length() < length) {
            int cp = alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length()))));
            s.appendCodePoint(cp);
        }
        return s.toString();
    }
}
