package fr.parcsolidaire.acceptance;

import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stored XSS stays inert in every page that shows it; SQL in search and filter parameters is only ever data. */
class InjectionTest {

    private static final String SCRIPT = "<script>alert('xss')</script>";
    private static final String ATTRIBUTE = "\" autofocus onfocus=\"alert(1)";
    private static final String ESCAPED = "&lt;script&gt;alert(";

    @Test
    void scriptsInDonorMachineNoteAndHistoryStayEscapedInPages() {
        Http tech = Http.api(Role.TECHNICIAN);
        String donor = "Donateur " + SCRIPT + System.nanoTime();
        HttpResponse<String> r = tech.postJson("/api/v1/donations", Json.createObjectBuilder()
                .add("donor", Json.createObjectBuilder().add("name", donor).add("kind", "COMPANY"))
                .add("receivedOn", LocalDate.now().toString()).add("site", "atelier").add("note", SCRIPT)
                .add("machines", Json.createArrayBuilder().add(Json.createObjectBuilder().add("type", "LAPTOP")
                        .add("brand", SCRIPT).add("model", "Modèle " + SCRIPT + ATTRIBUTE).add("serial", "XSS-" + System.nanoTime())))
                .build());
        assertEquals(201, r.statusCode(), r.body());
        long donation = Http.json(r).getJsonNumber("id").longValue();
        String tag = Http.json(r).getJsonArray("machines").getJsonObject(0).getString("tag");
        assertEquals(200, tech.postJson("/api/v1/machines/" + tag + "/transitions",
                Json.createObjectBuilder().add("to", "IN_DIAGNOSIS").add("note", SCRIPT).build()).statusCode());
        assertEquals(2, tech.postJson("/api/v1/machines/" + tag + "/repairs",
                Json.createObjectBuilder().add("parts", SCRIPT).add("note", ATTRIBUTE).build()).statusCode() / 100);

        Http browser = Http.browser(Role.TECHNICIAN);
        for (String page : List.of("/m/" + tag, "/donations/" + donation, "/donations", "/donors",
                // With a filter besides the search, a single match stays a list (alone, it opens the machine).
                "/machines?type=LAPTOP&q=" + URLEncoder.encode("Modèle <script>", StandardCharsets.UTF_8),
                "/machines?type=LAPTOP&q=" + URLEncoder.encode(SCRIPT, StandardCharsets.UTF_8))) {
            HttpResponse<String> html = browser.get(page);
            assertEquals(200, html.statusCode(), page);
            assertFalse(html.body().contains(SCRIPT), page + " shows the script raw");
            assertFalse(html.body().matches("(?s).*<[^>]*\\sonfocus=.*"), page + " lets the attribute out of its quotes");
            assertFalse(html.body().toLowerCase().contains("<script>alert"), page);
            if (!page.startsWith("/machines?type=LAPTOP&q=" + URLEncoder.encode(SCRIPT, StandardCharsets.UTF_8)) && !page.equals("/donors")
                    && !page.equals("/donations")) {
                assertTrue(html.body().contains(ESCAPED), page + " should show the text, escaped");
            }
        }
    }

    @Test
    void sqlInSearchAndFiltersIsOnlyData() {
        long machines = TestApp.get().count("SELECT count(*) FROM machines");
        Http tech = Http.api(Role.TECHNICIAN);
        Http browser = Http.browser(Role.TECHNICIAN);
        for (String injection : List.of("' OR '1'='1", "' OR 1=1 --", "'; DROP TABLE machines; --", "%' OR '%'='",
                "1) UNION SELECT username, password_hash FROM users --", "\\'; SELECT pg_sleep(5); --")) {
            String q = URLEncoder.encode(injection, StandardCharsets.UTF_8);
            long start = System.nanoTime();
            HttpResponse<String> api = tech.get("/api/v1/machines?q=" + q);
            assertEquals(200, api.statusCode(), injection);
            assertEquals(0, Http.json(api).getJsonNumber("total").longValue(), injection + " matched machines");
            assertTrue(System.nanoTime() - start < 3_000_000_000L, "no pg_sleep ran");
            HttpResponse<String> site = tech.get("/api/v1/machines?site=" + URLEncoder.encode(injection.substring(0,
                    Math.min(30, injection.length())), StandardCharsets.UTF_8));
            assertTrue(site.statusCode() == 200 && Http.json(site).getJsonNumber("total").longValue() == 0
                    || site.statusCode() == 400, injection + " as site: " + site.statusCode());
            HttpResponse<String> page = browser.get("/machines?q=" + q);
            assertEquals(200, page.statusCode());
            assertFalse(page.body().contains("$argon2"), "no password hash leaked");
            for (Map.Entry<String, String> filter : Map.of("state", injection, "donation", injection, "page", injection).entrySet()) {
                HttpResponse<String> refused = tech.get("/api/v1/machines?" + filter.getKey() + "="
                        + URLEncoder.encode(filter.getValue(), StandardCharsets.UTF_8));
                assertEquals(400, refused.statusCode(), filter + " " + refused.body());
            }
        }
        assertEquals(machines, TestApp.get().count("SELECT count(*) FROM machines"));
        assertTrue(TestApp.get().count("SELECT count(*) FROM users") > 0);
    }
}
