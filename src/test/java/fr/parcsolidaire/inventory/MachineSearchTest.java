package fr.parcsolidaire.inventory;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Search by the digits of a tag and by a fragment of a serial: API, list page, home search and scan field. */
class MachineSearchTest {

    private final Http api = Http.api(Role.SOCIAL_WORKER);

    @Test
    void theDigitsOfATagWithOrWithoutZerosOrYearFindIt() {
        String tag = Fixtures.intake(1).getFirst();
        String number = tag.substring(tag.length() - 5);
        String year = tag.substring(tag.length() - 10, tag.length() - 6);
        String bare = String.valueOf(Integer.parseInt(number));
        for (String q : List.of(number, bare, year + "-" + number, year + "-" + bare, tag.toLowerCase())) {
            List<String> found = tags(api.get("/api/v1/machines?q=" + enc(q)));
            assertTrue(found.contains(tag), q + " → " + found);
            // In a shared database, three digits or more may also be a fragment of another test's random serial.
            assertTrue(found.stream().allMatch(t -> t.endsWith(number) || t.equals(tag) || holdsFragment(t, q)),
                    q + " finds only this number: " + found);
        }
        assertFalse(tags(api.get("/api/v1/machines?q=" + (Integer.parseInt(year) - 1) + "-" + number)).contains(tag),
                "another year is another machine");
        assertFalse(tags(api.get("/api/v1/machines?q=" + bare + "0")).contains(tag), "a number is not a prefix");
    }

    @Test
    void aFragmentOfTheSerialFindsItsMachineInAnyCase() {
        String serial = "SRCH-" + UUID.randomUUID().toString().toUpperCase();
        String tag = intakeWithSerial(serial);
        String fragment = serial.substring(9, 21).toLowerCase();
        JsonObject page = Http.json(api.get("/api/v1/machines?q=" + enc(fragment)));
        assertEquals(1, page.getInt("total"), page.toString());
        assertEquals(tag, page.getJsonArray("items").getJsonObject(0).getString("tag"));
        assertEquals(List.of(tag), tags(api.get("/api/v1/machines?q=" + enc(serial.substring(serial.length() - 8)))));
    }

    @Test
    void aSearchWithOneMatchOpensTheMachinePage() {
        String serial = "UNIQ-" + UUID.randomUUID();
        String tag = intakeWithSerial(serial);
        Http tech = Http.browser(Role.TECHNICIAN);
        String fragment = serial.substring(5, 18);
        assertEquals("/m/" + tag, location(tech.get("/machines?q=" + enc(fragment))));
        // The home page's field goes to /find (people's home pages), which opens a known tag or goes through the list.
        String found = location(tech.get("/?q=" + enc(fragment)));
        assertEquals("/find?q=" + enc(fragment), found);
        assertEquals("/machines?q=" + enc(fragment), location(tech.get(found)), "the home search goes through the list");
        assertEquals("/machines?q=" + enc(fragment), location(tech.get("/scan?code=" + enc(fragment))), "so does the scan field");
        assertEquals("/scan/batch?tags=" + tag, location(tech.get("/scan/batch?code=" + enc(fragment))),
                "typed in the batch field, a fragment that finds one machine adds it");

        // Other tests share the database: tags of other sites may have the same number, and from three digits on
        // the digits are also a fragment of serials (random ones contain digit runs). What the list finds is what
        // machines_matching finds for the same query, so the test asks it.
        String digits = String.valueOf(Integer.parseInt(tag.substring(tag.length() - 5)));
        long matches = TestApp.get().count("SELECT count(*) FROM machines_matching(NULL, NULL, NULL, NULL, NULL, '"
                + digits + "', '%" + digits + "%')");
        HttpResponse<String> byDigits = tech.get("/machines?q=" + digits);
        if (matches == 1) {
            assertEquals("/m/" + tag, location(byDigits));
        } else {
            assertEquals(200, byDigits.statusCode());
            assertTrue(byDigits.body().contains(tag));
        }
        HttpResponse<String> filtered = tech.get("/machines?q=" + enc(fragment) + "&type=LAPTOP");
        assertEquals(200, filtered.statusCode(), "a search with filters stays a list");
        assertTrue(filtered.body().contains(tag));
    }

    @Test
    void manyMatchesStayAListAndNoMatchSaysSo() {
        String model = "Srch-" + UUID.randomUUID().toString().substring(0, 8);
        intakeWithSerial("A-" + UUID.randomUUID(), model);
        intakeWithSerial("B-" + UUID.randomUUID(), model);
        HttpResponse<String> list = Http.browser(Role.TECHNICIAN).get("/machines?q=" + enc(model));
        assertEquals(200, list.statusCode());
        assertEquals(2, Http.json(api.get("/api/v1/machines?q=" + enc(model))).getInt("total"));
        HttpResponse<String> batch = Http.browser(Role.TECHNICIAN).get("/scan/batch?code=" + enc(model));
        assertEquals(400, batch.statusCode());
        assertTrue(batch.body().contains("Plusieurs machines correspondent à « " + model + " »"), batch.body());
        assertEquals(0, Http.json(api.get("/api/v1/machines?q=ZZ-" + UUID.randomUUID())).getInt("total"));
    }

    private static String intakeWithSerial(String serial) {
        return intakeWithSerial(serial, "Latitude 5490");
    }

    private static String intakeWithSerial(String serial, String model) {
        JsonObject body = Json.createObjectBuilder()
                .add("donor", Json.createObjectBuilder().add("name", "Mairie").add("kind", "PUBLIC_BODY"))
                .add("receivedOn", LocalDate.now().toString()).add("site", "atelier")
                .add("machines", Json.createArrayBuilder().add(Json.createObjectBuilder().add("type", "LAPTOP")
                        .add("brand", "Dell").add("model", model).add("serial", serial))).build();
        HttpResponse<String> r = Fixtures.expect(201, Http.api(Role.TECHNICIAN).postJson("/api/v1/donations", body));
        return Http.json(r).getJsonArray("machines").getJsonObject(0).getString("tag");
    }

    private static boolean holdsFragment(String tag, String q) {
        return !q.matches("[0-9]{1,2}") && TestApp.get().count("SELECT count(*) FROM machines WHERE tag = '" + tag
                + "' AND (serial ILIKE '%" + q + "%' OR model ILIKE '%" + q + "%' OR brand ILIKE '%" + q + "%')") == 1;
    }

    private static List<String> tags(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r).getJsonArray("items").stream().map(v -> v.asJsonObject().getString("tag")).toList();
    }

    private static String location(HttpResponse<String> r) {
        assertEquals(303, r.statusCode(), r.body());
        return r.headers().firstValue("Location").orElseThrow();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
