package fr.parcsolidaire.loans;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The waiting list and the matching rule (docs/handover.md) on a fixture of five READY machines and four waiting
 * people, with the exact order expected both ways and the reasons in French.
 */
class MatchingTest {

    private static String site;
    private static String m1;
    private static String m2;
    private static String m3;
    private static String m4;
    private static String m5;
    private static long p1;
    private static long p2;
    private static long p3;
    private static long p4;
    private static long w1;

    @BeforeAll
    static void fixture() {
        site = JourneyFixtures.site("annexe-rappro", "Annexe du rapprochement", "AR");
        // For a job seeker of 60-74 who asks for a large screen: webcam +30, screen >= 15" +20, grade A +15 / B +8,
        // battery >= 80 % +10, < 50 % -15, no webcam -30, small screen -20.
        m1 = JourneyFixtures.machine(site, "LAPTOP", "A", "15.6", 90, true);    // 30 + 20 + 15 + 10 = 75
        m2 = JourneyFixtures.machine(site, "LAPTOP", "B", "13.3", 85, true);    // 30 - 20 + 8 + 10 = 28
        m3 = JourneyFixtures.machine(site, "LAPTOP", "A", "15.6", 40, false);   // -30 + 20 + 15 - 15 = -10
        m4 = JourneyFixtures.machine(site, "DESKTOP", "B", "17", null, false);  // -30 + 20 + 8 = -2
        m5 = JourneyFixtures.machine("atelier", "LAPTOP", "A", "15.6", 95, true); // 75, but on another site
        p1 = JourneyFixtures.person("Rappro", "Paulette", "FROM_60_TO_74", site);
        p2 = JourneyFixtures.person("Rappro", "Ines", "FROM_26_TO_44", site);
        p3 = JourneyFixtures.person("Rappro", "Lucas", "FROM_26_TO_44", site);
        p4 = JourneyFixtures.person("Rappro", "Odile", "FROM_60_TO_74", "atelier");
        w1 = JourneyFixtures.waiting(JourneyFixtures.request(p1, List.of("JOB_SEARCH"), List.of("LARGE_SCREEN"), "NORMAL", null));
        JourneyFixtures.waiting(JourneyFixtures.request(p2, List.of("KEEPING_IN_TOUCH"), List.of("LIGHT"), "URGENT",
                "Relogement : démarches à faire en ligne"));
        JourneyFixtures.waiting(JourneyFixtures.request(p3, List.of("SCHOOL_WORK"), List.of(), "NORMAL", null)
                .add("askedOn", LocalDate.now().minusMonths(3).toString()));
        JourneyFixtures.waiting(JourneyFixtures.request(p4, List.of("JOB_SEARCH"), List.of("LARGE_SCREEN"), "NORMAL", null));
    }

    @Test
    void machinesForAWaitingPersonComeInTheRulesOrderSameSiteFirst() {
        JsonArray matches = JourneyFixtures.array(Fixtures.expect(200, Http.api(Role.SOCIAL_WORKER)
                .get("/api/v1/waiting-list/" + w1 + "/matches")));
        List<String> mine = matches.getValuesAs(JsonObject.class).stream().map(m -> m.getString("tag"))
                .filter(Set.of(m1, m2, m3, m4, m5)::contains).toList();
        assertEquals(List.of(m1, m2, m4, m3, m5), mine);
        JsonObject best = matches.getJsonObject(0);
        assertEquals(m1, best.getString("tag"));
        assertEquals(75, best.getInt("score"));
        assertEquals(List.of("Même site (Annexe du rapprochement)", "Webcam testée : utile pour les entretiens en visio",
                "Grand écran (15,6 pouces) : plus lisible", "Grade A", "Batterie en bon état (90 %)"), strings(best));
        JsonObject m3Match = matches.getValuesAs(JsonObject.class).stream().filter(m -> m.getString("tag").equals(m3)).findFirst().orElseThrow();
        assertTrue(strings(m3Match).contains("Pas de webcam testée : prévoir une webcam USB"));
        assertTrue(strings(m3Match).contains("Batterie faible (40 %)"));
    }

    @Test
    void waitingPeopleForAReadyMachineComeSameSiteFirstThenScoreAndPriority() {
        JsonArray matches = JourneyFixtures.array(Fixtures.expect(200, Http.api(Role.SOCIAL_WORKER)
                .get("/api/v1/machines/" + m1 + "/matches")));
        List<Long> mine = matches.getValuesAs(JsonObject.class).stream().map(m -> m.getJsonNumber("beneficiaryId").longValue())
                .filter(Set.of(p1, p2, p3, p4)::contains).toList();
        // p1 75; p2 light needed: a 15.6" laptop -10, grade +15, battery +10, urgent +30 = 45; p3 25 + 3 months = 28.
        assertEquals(List.of(p1, p2, p3, p4), mine);
        JsonObject ines = matches.getValuesAs(JsonObject.class).stream()
                .filter(m -> m.getJsonNumber("beneficiaryId").longValue() == p2).findFirst().orElseThrow();
        assertEquals(45, ines.getInt("score"));
        assertTrue(strings(ines).contains("Portable de 15,6 pouces : plus lourd à transporter"), ines.toString());
        assertTrue(strings(ines).contains("Priorité urgente"), ines.toString());
        assertEquals("URGENT", ines.getString("priority"));
        assertTrue(strings(ines).stream().noneMatch(r -> r.contains("URGENT") || r.contains("LAPTOP")), "reasons in French only");
    }

    @Test
    void theMachinePageShowsTheBestWaitingPeopleToSocialWorkersOnly() {
        String page = Http.browser(Role.SOCIAL_WORKER).get("/m/" + m1).body();
        assertTrue(page.contains("Personnes en attente qui correspondent"), page);
        assertTrue(page.indexOf("Paulette Rappro") < page.indexOf("Ines Rappro"), "best first");
        String tech = Http.browser(Role.TECHNICIAN).get("/m/" + m1).body();
        assertFalse(tech.contains("Rappro"), "no names for a technician");
        String list = Http.browser(Role.SOCIAL_WORKER).get("/waiting-list").body();
        assertTrue(list.contains("Paulette Rappro") && list.contains(m1), "the waiting list shows each person's best machines");
    }

    @Test
    void aRequestIsCheckedPerFieldInFrenchAndOnlyOneStaysOpenPerPerson() {
        Http social = Http.api(Role.SOCIAL_WORKER);
        HttpResponse<String> bad = social.postJson("/api/v1/waiting-list", Json.createObjectBuilder().add("beneficiaryId", p3)
                .add("uses", Json.createArrayBuilder().add("FLYING")).add("needs", Json.createArrayBuilder().add("WEBCAM"))
                .add("priority", "HIGH").add("children", "MANY").add("internet", "BOX").build());
        assertEquals(400, bad.statusCode(), bad.body());
        JsonObject fields = Http.json(bad).getJsonObject("fields");
        assertTrue(fields.getString("uses").startsWith("Valeur inconnue"), fields.toString());
        assertTrue(fields.getString("priorityReason").contains("raison"), fields.toString());
        assertTrue(fields.getString("children").startsWith("Valeur inconnue"), fields.toString());
        HttpResponse<String> none = social.postJson("/api/v1/waiting-list", Json.createObjectBuilder().add("beneficiaryId", p3)
                .add("uses", JsonValue.EMPTY_JSON_ARRAY).add("priority", "NORMAL").add("children", "ONE").add("internet", "NONE").build());
        assertEquals("Cochez au moins un usage prévu.", Http.json(none).getJsonObject("fields").getString("uses"));
        HttpResponse<String> twice = social.postJson("/api/v1/waiting-list",
                JourneyFixtures.request(p3, List.of("TRAINING"), List.of(), "NORMAL", null).build());
        assertEquals(409, twice.statusCode());
        assertEquals("Cette personne a déjà une demande en attente.", Http.json(twice).getString("message"));
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM waiting_list_entries WHERE beneficiary_id = " + p3));
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM waiting_list_events e JOIN waiting_list_entries w"
                + " ON w.id = e.entry_id WHERE w.beneficiary_id = " + p3 + " AND e.kind = 'CREATED'"));
    }

    @Test
    void aRequestStillWaitingIsRevisedAndTheJournalNamesTheFieldsChanged() {
        Http social = Http.api(Role.SOCIAL_WORKER);
        // A person of the default site, so that the orders checked above are not touched.
        long p5 = JourneyFixtures.person("Revue", "Hugo", "UNDER_26", "atelier");
        long w3 = JourneyFixtures.waiting(JourneyFixtures.request(p5, List.of("SCHOOL_WORK"), List.of(), "NORMAL", null));
        HttpResponse<String> noReason = social.postJson("/api/v1/waiting-list/" + w3,
                JourneyFixtures.request(p5, List.of("SCHOOL_WORK"), List.of(), "HIGH", null).build());
        assertEquals(400, noReason.statusCode());
        assertEquals("Indiquez la raison d'une priorité « Haute ».", Http.json(noReason).getJsonObject("fields").getString("priorityReason"));
        JsonObject revised = Http.json(Fixtures.expect(200, social.postJson("/api/v1/waiting-list/" + w3,
                JourneyFixtures.request(p5, List.of("SCHOOL_WORK"), List.of("LIGHT"), "HIGH", "Examens du brevet en juin").build())));
        assertEquals("HIGH", revised.getString("priority"));
        assertEquals("[\"LIGHT\"]", revised.getJsonArray("needs").toString());
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM waiting_list_events WHERE entry_id = " + w3
                + " AND kind = 'UPDATED' AND data->'fields' = '[\"needs\", \"priority\", \"priorityReason\"]'::jsonb"));
        Fixtures.expect(200, social.postJson("/api/v1/waiting-list/" + w3 + "/withdraw", "{\"note\":\"A déménagé\"}"));
        HttpResponse<String> late = social.postJson("/api/v1/waiting-list/" + w3,
                JourneyFixtures.request(p5, List.of("TRAINING"), List.of(), "NORMAL", null).build());
        assertEquals(409, late.statusCode());
        assertTrue(Http.json(late).getString("message").contains("n'est plus en attente"));
    }

    @Test
    void theRuleOrdersAFixtureExactly() {
        WaitingEntry person = new WaitingEntry(1, 10, "Test", AgeBracket.FROM_75, Situation.RETIRED, 1, "a", "A",
                LocalDate.now(), List.of(WaitingUse.KEEPING_IN_TOUCH), List.of(WaitingNeed.LIGHT, WaitingNeed.MOUSE_BEGINNER),
                WaitingPriority.NORMAL, null, ChildrenAtHome.NONE, InternetAccess.NONE, WaitingStatus.WAITING);
        var light = new MatchCandidate(1, "T-1", fr.parcsolidaire.inventory.MachineType.LAPTOP, "Léger",
                fr.parcsolidaire.inventory.Grade.B, new java.math.BigDecimal("13.3"), 85, 1, "A", true, null);
        var big = new MatchCandidate(2, "T-2", fr.parcsolidaire.inventory.MachineType.LAPTOP, "Grand",
                fr.parcsolidaire.inventory.Grade.A, new java.math.BigDecimal("17.3"), 85, 1, "A", true, null);
        var desktop = new MatchCandidate(3, "T-3", fr.parcsolidaire.inventory.MachineType.DESKTOP, "Fixe",
                fr.parcsolidaire.inventory.Grade.A, new java.math.BigDecimal("22"), null, 1, "A", false, null);
        var reservedElsewhere = new MatchCandidate(4, "T-4", fr.parcsolidaire.inventory.MachineType.LAPTOP, "Réservé",
                fr.parcsolidaire.inventory.Grade.A, new java.math.BigDecimal("15.6"), 99, 1, "A", true, 99L);
        // 75 and over: big screen wanted (+20 / -20), light (+15 / -10 / -40), mouse beginner (+5 for a desktop).
        // light: -20 + 15 + 8 + 10 = 13; big: 20 - 10 + 15 + 10 = 35; desktop: 20 - 40 + 15 + 5 = 0.
        List<MachineMatch> ranked = MatchingService.machinesFor(person, List.of(light, big, desktop, reservedElsewhere));
        assertEquals(List.of("T-2", "T-1", "T-3"), ranked.stream().map(MachineMatch::tag).toList());
        assertEquals(List.of(35, 13, 0), ranked.stream().map(MachineMatch::score).toList());
        assertTrue(ranked.get(1).reasons().contains("Prévoir une souris en plus du pavé tactile"));
        assertTrue(ranked.get(2).reasons().contains("Ordinateur fixe : ne se transporte pas"));
    }

    private static List<String> strings(JsonObject match) {
        return match.getJsonArray("reasons").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
    }
}
