package fr.parcsolidaire.reports;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A small world on a site of its own, whose figures the tests compute by hand:
 * donation A (company): laptops L1..L8, desktop D1, screen S1; donation B (resident): laptop R1.
 * L1..L6 and D1 reach READY through the workshop API; L7 is harvested for parts; S1 is scrapped (4.5 kg).
 * Assignments are written as the loans service would (its API is not on this branch): L1 lent then
 * returned, L2 lent then converted to a gift, L3..L5 lent, D1 given outright; L6 stays READY.
 */
final class ReportFixture {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Paris"));

    final String site = "rapports-" + UUID.randomUUID().toString().substring(0, 8);
    final String company = "Société Rapport " + UUID.randomUUID().toString().substring(0, 6);
    final String resident = "Jeanne Particulière " + UUID.randomUUID().toString().substring(0, 6);
    final List<String> laptops = new ArrayList<>();
    String desktop;
    String screen;
    String residentLaptop;
    long donationA;
    long donationB;
    final List<String> erasedSerials = new ArrayList<>();

    private final Http tech = Http.api(Role.TECHNICIAN);
    private final long actor = TestApp.get().count("SELECT id FROM users WHERE username = '" + TestApp.get().username(Role.ADMIN) + "'");

    static ReportFixture build() {
        ReportFixture f = new ReportFixture();
        f.create();
        return f;
    }

    private void create() {
        TestApp.get().sql("INSERT INTO sites (code, name, tag_prefix) VALUES ('" + site + "', 'Site des rapports', 'RPT')");
        JsonArrayBuilder machines = Json.createArrayBuilder();
        for (int i = 1; i <= 8; i++) {
            // Two models that a spreadsheet would run as formulas: the exports must defuse them.
            String model = i == 1 ? "=HYPERLINK(\"http://x\")" : i == 2 ? "@SUM(A1)" : "ThinkPad T480";
            machines.add(machine("LAPTOP", "Lenovo", model));
        }
        machines.add(machine("DESKTOP", "Dell", "OptiPlex 7050"));
        machines.add(machine("SCREEN", "Iiyama", "ProLite"));
        JsonObject a = intake(company, "COMPANY", machines);
        donationA = a.getJsonNumber("id").longValue();
        List<String> tags = tags(a);
        laptops.addAll(tags.subList(0, 8));
        desktop = tags.get(8);
        screen = tags.get(9);
        JsonObject b = intake(resident, "RESIDENT", Json.createArrayBuilder().add(machine("LAPTOP", "HP", "EliteBook")));
        donationB = b.getJsonNumber("id").longValue();
        residentLaptop = tags(b).getFirst();

        for (String tag : laptops.subList(0, 6)) {
            toReady(tag);
        }
        toReady(desktop);
        // No disk on record: the laptop leaves for parts on the technician's no-storage statement (erasure gate).
        Fixtures.expect(201, tech.postJson("/api/v1/machines/" + laptops.get(6) + "/no-storage", "{\"note\":\"disque retiré et détruit\"}"));
        Fixtures.expect(200, Fixtures.transition(tech, laptops.get(6), Json.createObjectBuilder().add("to", "PARTS")
                .add("harvested", "RAM, écran").build()));
        Fixtures.expect(200, Fixtures.transition(tech, screen, Json.createObjectBuilder().add("to", "SCRAPPED")
                .add("weightKg", 4.5).add("channel", "Ecosystem").build()));

        long b1 = beneficiary("FROM_26_TO_44", "JOB_SEEKER", "Villeurbanne");
        long b2 = beneficiary("FROM_26_TO_44", "JOB_SEEKER", "Villeurbanne");
        long b3 = beneficiary("FROM_26_TO_44", "JOB_SEEKER", "Villeurbanne");
        long b4 = beneficiary("FROM_26_TO_44", "RSA", "Villeurbanne");
        long b5 = beneficiary("FROM_26_TO_44", "RSA", "Villeurbanne");
        long b6 = beneficiary("FROM_60_TO_74", "RSA", "Bron");

        long l1 = assignment(laptops.get(0), b1, "LOAN", "RETURNED");
        event(l1, "RETURNED");
        machineTransition(laptops.get(0), "ASSIGNED", "RETURNED");
        long l2 = assignment(laptops.get(1), b2, "GIFT", "GIVEN");
        event(l2, "CONVERTED_TO_GIFT");
        assignment(laptops.get(2), b3, "LOAN", "ACTIVE");
        assignment(laptops.get(3), b4, "LOAN", "ACTIVE");
        assignment(laptops.get(4), b5, "LOAN", "ACTIVE");
        assignment(desktop, b6, "GIFT", "GIVEN");
    }

    private static JsonObject machine(String type, String brand, String model) {
        return Json.createObjectBuilder().add("type", type).add("brand", brand).add("model", model)
                .add("serial", "SN-" + UUID.randomUUID()).build();
    }

    private JsonObject intake(String donor, String kind, JsonArrayBuilder machines) {
        JsonObject body = Json.createObjectBuilder()
                .add("donor", Json.createObjectBuilder().add("name", donor).add("kind", kind))
                .add("receivedOn", TODAY.toString()).add("site", site).add("machines", machines).build();
        return Http.json(Fixtures.expect(201, tech.postJson("/api/v1/donations", body)));
    }

    private static List<String> tags(JsonObject donation) {
        return donation.getJsonArray("machines").stream().map(m -> m.asJsonObject().getString("tag")).toList();
    }

    private void toReady(String tag) {
        String ssd = "SSD-" + UUID.randomUUID();
        erasedSerials.add(ssd);
        Fixtures.expect(200, Fixtures.transition(tech, tag, Json.createObjectBuilder().add("to", "IN_DIAGNOSIS").build()));
        Fixtures.expect(200, Fixtures.transition(tech, tag, Json.createObjectBuilder().add("to", "IN_RECONDITIONING").add("grade", "A")
                .add("storage", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("kind", "SSD").add("capacityGb", 256).add("serial", ssd).add("model", "Samsung PM981"))).build()));
        Fixtures.expect(201, tech.postJson("/api/v1/machines/" + tag + "/erasures", Json.createObjectBuilder().add("device", ssd)
                .add("method", "PURGE").add("tool", "nwipe").add("passes", 1).add("verified", true).add("result", "PASS").build()));
        HttpResponse<String> r = Fixtures.transition(tech, tag, Json.createObjectBuilder().add("to", "READY")
                .add("quality", Fixtures.allChecksOk()).build());
        Fixtures.expect(200, r);
    }

    private long beneficiary(String age, String situation, String commune) {
        return insertReturningId("INSERT INTO beneficiaries (site_id, last_name, first_name, commune, postcode, age_bracket, situation,"
                + " gdpr_notice_on, created_by) SELECT id, 'Martin', 'Camille', '" + commune + "', '69100', '" + age + "', '"
                + situation + "', DATE '" + TODAY + "', " + actor + " FROM sites WHERE code = '" + site + "' RETURNING id");
    }

    /** An assignment starting today, its CREATED event, and the machine's READY → ASSIGNED step. */
    private long assignment(String tag, long beneficiary, String kind, String status) {
        String due = kind.equals("LOAN") ? "DATE '" + TODAY.plusMonths(6) + "'" : "NULL";
        String ended = status.equals("RETURNED") ? "DATE '" + TODAY + "'" : "NULL";
        long id = insertReturningId("INSERT INTO assignments (machine_id, beneficiary_id, kind, status, starts_on, due_on, ended_on,"
                + " created_by) SELECT id, " + beneficiary + ", '" + kind + "', '" + status + "', DATE '" + TODAY + "', "
                + due + ", " + ended + ", " + actor
                + " FROM machines WHERE tag = '" + tag + "' RETURNING id");
        event(id, "CREATED");
        machineTransition(tag, "READY", "ASSIGNED");
        return id;
    }

    private void event(long assignment, String kind) {
        TestApp.get().sql("INSERT INTO assignment_events (assignment_id, kind, actor_id) VALUES (" + assignment + ", '"
                + kind + "', " + actor + ")");
    }

    private void machineTransition(String tag, String from, String to) {
        TestApp.get().sql("INSERT INTO machine_events (machine_id, kind, from_state, to_state, actor_id, data) SELECT id, "
                + "'TRANSITION', '" + from + "', '" + to + "', " + actor + ", '{}' FROM machines WHERE tag = '" + tag + "'");
    }

    private static long insertReturningId(String sql) {
        try (var c = TestApp.get().connection(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
