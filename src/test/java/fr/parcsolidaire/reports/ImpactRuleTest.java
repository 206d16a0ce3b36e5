package fr.parcsolidaire.reports;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.PdfText;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, item 11: the CO2e and e-waste figures counted assignments, so a machine lent, returned and lent
 * again counted twice. The rule now: a machine is credited once, in the period of its first handover.
 *
 * Everything goes through the API, dates included (a loan may start up to three months back), on a site of
 * its own. Today is T:
 * - M1 laptop: lent T-20, returned T-6 (two weeks), back through the workshop, lent again T-2;
 * - M2 laptop: lent T-85, returned T-80, lent again T-3;
 * - M3 desktop: given outright T-10;
 * - M4 laptop: lent T-15, then the loan becomes a gift.
 * Laptop 2.2 kg and 27 kg CO2e a year for 3 years (81 kg), desktop 8 kg and 81 kg (application.yaml).
 */
class ImpactRuleTest {

    private static final LocalDate T = ReportFixture.TODAY;
    private static final String SITE = "impact-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Http TECH = Http.api(Role.TECHNICIAN);
    private static final Http SOCIAL = Http.api(Role.SOCIAL_WORKER);

    @BeforeAll
    static void setUp() {
        TestApp.get().sql("INSERT INTO sites (code, name, tag_prefix) VALUES ('" + SITE + "', 'Site de l''impact', 'IMP')");
        JsonObject donation = Http.json(Fixtures.expect(201, TECH.postJson("/api/v1/donations", Json.createObjectBuilder()
                .add("donor", Json.createObjectBuilder().add("name", "Société Impact").add("kind", "COMPANY"))
                .add("receivedOn", T.minusDays(90).toString()).add("site", SITE)
                .add("machines", Json.createArrayBuilder().add(machine("LAPTOP")).add(machine("LAPTOP"))
                        .add(machine("DESKTOP")).add(machine("LAPTOP")))
                .build())));
        List<String> tags = donation.getJsonArray("machines").stream().map(m -> m.asJsonObject().getString("tag")).toList();
        String m1 = tags.get(0);
        String m2 = tags.get(1);
        String m3 = tags.get(2);
        String m4 = tags.get(3);
        tags.forEach(ImpactRuleTest::toReady);
        long person = beneficiary();

        long first = assign(m1, person, "LOAN", T.minusDays(20));
        giveBack(first, T.minusDays(6));
        toReadyAgain(m1);
        assign(m1, person, "LOAN", T.minusDays(2));

        long old = assign(m2, person, "LOAN", T.minusDays(85));
        giveBack(old, T.minusDays(80));
        toReadyAgain(m2);
        assign(m2, person, "LOAN", T.minusDays(3));

        assign(m3, person, "GIFT", T.minusDays(10));

        long converted = assign(m4, person, "LOAN", T.minusDays(15));
        Fixtures.expect(200, SOCIAL.postJson("/api/v1/assignments/" + converted + "/convert-to-gift",
                "{\"override\": \"Don hors parcours\"}"));
    }

    private static String query(LocalDate from, LocalDate to) {
        return "from=" + from + "&to=" + to + "&site=" + SITE;
    }

    @Test
    void aMachineLentReturnedAndLentAgainIsCreditedOnceInThePeriodOfItsFirstHandover() {
        Http coordinator = Http.api(Role.COORDINATOR);
        JsonObject month = Http.json(Fixtures.expect(200, coordinator.get("/api/v1/reports/summary?" + query(T.minusDays(30), T))));
        // Assignments still count each handover: M1 twice, M2's second loan, M4; M3 given, M4 converted.
        assertEquals(4, month.getJsonObject("totals").getInt("lent"));
        assertEquals(2, month.getJsonObject("totals").getInt("given"));
        // Second lives count machines put back into use for the first time: M1, M3, M4 (M2's first was T-85).
        JsonObject impact = month.getJsonObject("impact");
        assertEquals(3, impact.getInt("machines"));
        assertEquals(0, new BigDecimal("12.4").compareTo(impact.getJsonNumber("ewasteAvoidedKg").bigDecimalValue()), impact.toString());
        assertEquals(0, new BigDecimal("243").compareTo(impact.getJsonNumber("co2eAvoidedKg").bigDecimalValue()), impact.toString());
        assertEquals(2, line(impact, "LAPTOP").getInt("machines"));
        assertEquals(1, line(impact, "DESKTOP").getInt("machines"));

        JsonObject quarter = Http.json(coordinator.get("/api/v1/reports/summary?" + query(T.minusDays(100), T)));
        assertEquals(4, quarter.getJsonObject("impact").getInt("machines"), "each of the four machines once");
        assertEquals(0, new BigDecimal("324").compareTo(quarter.getJsonObject("impact").getJsonNumber("co2eAvoidedKg").bigDecimalValue()));
        JsonObject before = Http.json(coordinator.get("/api/v1/reports/summary?" + query(T.minusDays(100), T.minusDays(31))));
        assertEquals(1, before.getJsonObject("impact").getInt("machines"), "M2, in the period of its first loan");
    }

    @Test
    void pageExportsAndPdfShowTheSameImpactAndSayTheRule() {
        String q = query(T.minusDays(30), T);
        String page = Fixtures.expect(200, Http.browser(Role.COORDINATOR).get("/reports?" + q)).body();
        assertTrue(page.contains("data-figure=\"IMPACT_MACHINES\">3<"), page);
        assertTrue(page.contains("data-figure=\"IMPACT_EWASTE_KG\">12,4<"), page);
        assertTrue(page.contains("data-figure=\"IMPACT_CO2E_KG\">243<"), page);
        assertTrue(page.contains("une seule fois"), "the rule is said beside the figure");

        Http coordinator = Http.api(Role.COORDINATOR);
        for (String export : List.of("/reports/figures.csv", "/reports/figures.xlsx")) {
            var r = coordinator.getBytes(export + "?" + q);
            assertEquals(200, r.statusCode(), export);
            List<List<String>> rows = export.endsWith(".csv") ? CoordinatorExportsTest.csv(r.body()) : CoordinatorExportsTest.xlsx(r.body());
            assertEquals("3", value(rows, "Impact environnemental", "Total", "Machines remises en service"), export);
            assertEquals("12,4", value(rows, "Impact environnemental", "Total", "kg de déchets évités").replace('.', ','), export);
            assertEquals("243", value(rows, "Impact environnemental", "Total", "kg CO2e évités"), export);
            assertEquals("2", value(rows, "Impact environnemental", "Ordinateur portable", "Machines remises en service"), export);
        }

        String pdf = PdfText.of(coordinator.getBytes("/reports/activity.pdf?" + q).body()).replaceAll("\\s+", " ");
        assertTrue(pdf.contains("3 machines remises en service pour la première fois"), pdf);
        assertTrue(pdf.contains("12,4 kg de déchets électroniques et 243 kg CO2e évités"), pdf);
        assertTrue(pdf.contains("une seule fois"), pdf);
    }

    private static String value(List<List<String>> rows, String table, String line, String column) {
        return rows.stream().filter(r -> r.size() >= 4 && r.get(0).equals(table) && r.get(1).equals(line) && r.get(2).equals(column))
                .map(r -> r.get(3).replaceAll("\\.0+$", "")).findFirst()
                .orElseThrow(() -> new AssertionError(table + " / " + line + " / " + column + " not in " + rows));
    }

    private static JsonObject line(JsonObject impact, String type) {
        return impact.getJsonArray("byType").stream().map(v -> v.asJsonObject())
                .filter(l -> l.getString("type").equals(type)).findFirst().orElseThrow();
    }

    private static JsonObjectBuilder machine(String type) {
        return Json.createObjectBuilder().add("type", type).add("brand", "Dell").add("model", "Latitude")
                .add("serial", "SN-" + UUID.randomUUID());
    }

    private static long beneficiary() {
        JsonObject body = Json.createObjectBuilder().add("lastName", "Durand").add("firstName", "Alex").add("site", SITE)
                .add("commune", "Vénissieux").add("postcode", "69200").add("ageBracket", "FROM_45_TO_59")
                .add("situation", "RSA").add("gdprNoticeOn", T.toString()).build();
        return Http.json(Fixtures.expect(201, SOCIAL.postJson("/api/v1/beneficiaries", body))).getJsonNumber("id").longValue();
    }

    private static long assign(String tag, long person, String kind, LocalDate startsOn) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("machineTag", tag).add("beneficiaryId", person)
                .add("kind", kind).add("startsOn", startsOn.toString());
        if (kind.equals("LOAN")) {
            body.add("dueOn", T.plusMonths(2).toString());
        }
        return Http.json(Fixtures.expect(201, SOCIAL.postJson("/api/v1/assignments", body.build()))).getJsonNumber("id").longValue();
    }

    private static void giveBack(long assignment, LocalDate on) {
        Fixtures.expect(200, SOCIAL.postJson("/api/v1/assignments/" + assignment + "/return", Json.createObjectBuilder()
                .add("condition", "GOOD").add("returnedOn", on.toString()).build()));
    }

    private static void toReady(String tag) {
        String ssd = "SSD-" + UUID.randomUUID();
        Fixtures.expect(200, Fixtures.transition(TECH, tag, Json.createObjectBuilder().add("to", "IN_DIAGNOSIS").build()));
        Fixtures.expect(200, Fixtures.transition(TECH, tag, Json.createObjectBuilder().add("to", "IN_RECONDITIONING").add("grade", "A")
                .add("storage", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("kind", "SSD").add("capacityGb", 256).add("serial", ssd))).build()));
        eraseAndCheck(tag, ssd);
    }

    /** A returned machine is back in diagnosis: reconditioned again, its disk erased again, checked. */
    private static void toReadyAgain(String tag) {
        JsonObject machine = Http.json(Fixtures.expect(200, TECH.get("/api/v1/machines/" + tag)));
        String ssd = machine.getJsonArray("storageDevices").getJsonObject(0).getString("serial");
        Fixtures.expect(200, Fixtures.transition(TECH, tag, Json.createObjectBuilder().add("to", "IN_RECONDITIONING").add("grade", "A").build()));
        eraseAndCheck(tag, ssd);
    }

    private static void eraseAndCheck(String tag, String ssd) {
        Fixtures.expect(201, TECH.postJson("/api/v1/machines/" + tag + "/erasures", Json.createObjectBuilder().add("device", ssd)
                .add("method", "PURGE").add("tool", "nwipe").add("passes", 1).add("verified", true).add("result", "PASS").build()));
        Fixtures.expect(200, Fixtures.transition(TECH, tag, Json.createObjectBuilder().add("to", "READY")
                .add("quality", Fixtures.allChecksOk()).build()));
    }
}
