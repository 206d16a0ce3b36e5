package fr.parcsolidaire.reports;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard's figures against the hand-counted world of ReportFixture, over the real API and page. */
class ReportFiguresTest {

    private static ReportFixture world;

    @BeforeAll
    static void setUp() {
        world = ReportFixture.build();
    }

    private static JsonObject summary() {
        return Http.json(Fixtures.expect(200, Http.api(Role.COORDINATOR).get("/api/v1/reports/summary?site=" + world.site)));
    }

    @Test
    void summaryFiguresMatchTheHandCountedFixture() {
        JsonObject s = summary();
        JsonObject totals = s.getJsonObject("totals");
        // 8 laptops + desktop + screen from the company, 1 laptop from the resident.
        assertEquals(11, totals.getInt("received"));
        // L1 back from its loan, L8 and R1 never started.
        assertEquals(3, totals.getInt("inWorkshop"));
        // L1..L6 and D1.
        assertEquals(7, totals.getInt("ready"));
        // L1..L5 began as loans (L2 later converted).
        assertEquals(5, totals.getInt("lent"));
        // L2 converted and D1 given outright.
        assertEquals(2, totals.getInt("given"));
        assertEquals(1, totals.getInt("returned"));
        assertEquals(1, totals.getInt("scrapped"));
        assertEquals(0, new BigDecimal("4.5").compareTo(totals.getJsonNumber("scrappedKg").bigDecimalValue()));
        assertEquals(1, totals.getInt("parts"));
        assertEquals(1, s.getInt("readyStock"));

        JsonObject laptop = s.getJsonObject("byType").getJsonObject("LAPTOP");
        assertEquals(9, laptop.getInt("received"));
        assertEquals(6, laptop.getInt("ready"));
        assertEquals(5, laptop.getInt("lent"));
        assertEquals(1, laptop.getInt("given"));
        assertEquals(1, laptop.getInt("readyStock"));
        JsonObject desktop = s.getJsonObject("byType").getJsonObject("DESKTOP");
        assertEquals(1, desktop.getInt("given"));
        assertEquals(0, desktop.getInt("lent"));
        assertEquals(1, s.getJsonObject("byType").getJsonObject("SCREEN").getInt("scrapped"));

        String month = ReportFixture.TODAY.toString().substring(0, 7);
        JsonObject thisMonth = s.getJsonArray("months").stream().map(v -> v.asJsonObject())
                .filter(m -> m.getString("month").equals(month)).findFirst().orElseThrow();
        assertEquals(11, thisMonth.getInt("received"));
        assertEquals(7, thisMonth.getInt("ready"));
        assertEquals(5, thisMonth.getInt("lent"));
        assertEquals(2, thisMonth.getInt("given"));
        assertEquals(12, s.getJsonArray("months").size(), "one entry per month of the calendar year");

        JsonObject days = s.getJsonObject("reconditioningDays");
        assertEquals(7, days.getInt("machines"));
        assertEquals(7, days.getJsonArray("buckets").getJsonObject(0).getInt("count"));
        assertTrue(days.getJsonNumber("medianDays").doubleValue() < 1);

        // Second lives, once per machine at its first handover: L1..L5 (L1 once though lent then returned,
        // L2 once though lent then converted) and D1; laptop 2.2 kg, desktop 8 kg, 27 kg CO2e/year for 3 years.
        JsonObject impact = s.getJsonObject("impact");
        assertEquals(6, impact.getInt("machines"));
        assertEquals(0, new BigDecimal("19.0").compareTo(impact.getJsonNumber("ewasteAvoidedKg").bigDecimalValue()));
        assertEquals(0, new BigDecimal("486").compareTo(impact.getJsonNumber("co2eAvoidedKg").bigDecimalValue()));
        assertTrue(impact.getString("source").contains("ADEME"));
    }

    @Test
    void donorsAreListedWithoutNamingPrivatePersons() {
        JsonObject s = summary();
        var donors = s.getJsonArray("donors").stream().map(v -> v.asJsonObject()).toList();
        JsonObject company = donors.stream().filter(d -> d.getString("name").equals(world.company)).findFirst().orElseThrow();
        assertEquals(1, company.getInt("donations"));
        assertEquals(10, company.getInt("machines"));
        JsonObject residents = donors.stream().filter(d -> d.getString("name").equals("Particuliers")).findFirst().orElseThrow();
        assertEquals(1, residents.getInt("machines"));
        assertFalse(s.toString().contains(world.resident));
    }

    /**
     * Six people: by age 5 and 1 (the 1 could be worked out from the total even with the 5 masked: withheld),
     * by situation 3 and 3 (each "< 5", between 2 and 4 whatever the reader does), by commune Villeurbanne 5
     * and Bron 1 (Bron is never named: "other communes" 1, then withheld like age).
     */
    @Test
    void peopleCountsAreProtectedAsNullWithTheReasonAndBreakdownsThatWouldRevealThemAreWithheld() {
        JsonObject people = summary().getJsonObject("beneficiaries");
        assertEquals(6, people.getInt("total"));
        assertTrue(people.isNull("totalSuppressed"));
        assertEquals(0, people.getJsonArray("byAgeBracket").size());
        assertEquals(0, people.getJsonArray("byCommune").size());
        assertEquals(List.of("byAgeBracket", "byCommune"), people.getJsonArray("withheld").getValuesAs(JsonString.class)
                .stream().map(JsonString::getString).toList());
        var situations = people.getJsonArray("bySituation").stream().map(v -> v.asJsonObject()).toList();
        for (String code : List.of("JOB_SEEKER", "RSA")) {
            JsonObject cell = situations.stream().filter(a -> a.getString("code").equals(code)).findFirst().orElseThrow();
            assertTrue(cell.isNull("count"), code);
            assertEquals("SMALL_COUNT", cell.getString("suppressed"), code);
        }
        JsonObject retired = situations.stream().filter(a -> a.getString("code").equals("RETIRED")).findFirst().orElseThrow();
        assertEquals(0, retired.getInt("count"));
        assertTrue(retired.isNull("suppressed"));
        assertFalse(people.toString().contains("Martin"), "no names in a report");
        assertFalse(people.toString().contains("Bron"), "a commune of fewer than 5 people is never named");
    }

    @Test
    void dashboardPageShowsTheSameFiguresAndSvgCharts() {
        HttpResponse<String> page = Fixtures.expect(200, Http.browser(Role.COORDINATOR).get("/reports?site=" + world.site));
        String html = page.body();
        assertTrue(html.contains("data-figure=\"RECEIVED\">11<"), "received");
        assertTrue(html.contains("data-figure=\"LENT\">5<"), "lent");
        assertTrue(html.contains("data-figure=\"SCRAPPED_KG\">4,5<"), "kg");
        assertTrue(html.contains("<svg"), "server-drawn chart");
        assertTrue(html.contains("&lt; 5"), "suppressed count");
        assertTrue(html.contains("Répartition non publiée"), "withheld breakdown");
        assertFalse(html.contains("Bron"), "a commune of fewer than 5 people is never named");
        assertFalse(html.contains("<script>"), "no inline script");
        assertFalse(html.contains(world.resident));
        assertTrue(html.contains("ADEME"));
    }

    @Test
    void badPeriodIsRefusedInFrench() {
        HttpResponse<String> r = Http.api(Role.COORDINATOR).get("/api/v1/reports/summary?from=2026-05-01&to=2026-01-01");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("La fin de la période doit suivre son début."));
        assertEquals(400, Http.api(Role.COORDINATOR).get("/api/v1/reports/summary?site=nulle-part").statusCode());
        assertEquals(400, Http.browser(Role.COORDINATOR).get("/reports?from=hier").statusCode());
    }

    @Test
    void techniciansAndSocialWorkersCannotSeeReports() {
        for (Role role : new Role[] {Role.TECHNICIAN, Role.SOCIAL_WORKER}) {
            Http api = Http.api(role);
            for (String path : new String[] {"/api/v1/reports/summary", "/reports", "/reports/machines.csv",
                "/reports/assignments.xlsx", "/reports/figures.csv", "/reports/activity.pdf", "/donations/" + world.donationA + "/receipt.pdf",
                "/donations/" + world.donationA + "/erasure-certificate.pdf", "/donations/" + world.donationA + "/outcomes.pdf"}) {
                assertEquals(403, api.get(path).statusCode(), role + " " + path);
            }
        }
        assertEquals(200, Http.api(Role.ADMIN).get("/api/v1/reports/summary").statusCode());
    }
}
