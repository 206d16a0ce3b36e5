package fr.parcsolidaire.loans;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Machines with chosen specifications, people and waiting-list requests, made through the API as the staff would. */
final class JourneyFixtures {

    private JourneyFixtures() {
    }

    /** A site of its own, so that a test's ranking is not mixed with other tests' machines and people. */
    static String site(String code, String name, String prefix) {
        TestApp.get().sql("INSERT INTO sites (code, name, tag_prefix) VALUES ('" + code + "', '" + name + "', '" + prefix
                + "') ON CONFLICT DO NOTHING");
        return code;
    }

    /**
     * A READY machine of {@code type} on {@code site}: grade, screen size and battery health as given (null: not
     * recorded), and a webcam that passed the quality check or none ("Sans objet").
     */
    static String machine(String site, String type, String grade, String screenInches, Integer battery, boolean webcam) {
        Http tech = Http.api(Role.TECHNICIAN);
        String serial = "SN-" + UUID.randomUUID();
        JsonObject donation = Json.createObjectBuilder()
                .add("donor", Json.createObjectBuilder().add("name", "Entreprise Donatrice").add("kind", "COMPANY"))
                .add("receivedOn", LocalDate.now().toString()).add("site", site)
                .add("machines", Json.createArrayBuilder().add(Json.createObjectBuilder().add("type", type)
                        .add("brand", "Marque").add("model", "Modèle " + type.charAt(0) + type.substring(1).toLowerCase(java.util.Locale.ROOT)).add("serial", serial))).build();
        String tag = Http.json(Fixtures.expect(201, tech.postJson("/api/v1/donations", donation)))
                .getJsonArray("machines").getJsonObject(0).getString("tag");
        Fixtures.expect(200, Fixtures.transition(tech, tag, Json.createObjectBuilder().add("to", "IN_DIAGNOSIS").build()));
        JsonObjectBuilder recon = Json.createObjectBuilder().add("to", "IN_RECONDITIONING").add("grade", grade).add("ramGb", 8);
        if (screenInches != null) {
            recon.add("screenInches", screenInches);
        }
        if (battery != null) {
            recon.add("batteryHealth", battery);
        }
        boolean holdsData = type.equals("LAPTOP") || type.equals("DESKTOP") || type.equals("TABLET");
        String ssd = "SSD-" + UUID.randomUUID();
        if (holdsData) {
            recon.add("storage", Json.createArrayBuilder().add(Json.createObjectBuilder()
                    .add("kind", "SSD").add("capacityGb", 256).add("serial", ssd)));
        }
        Fixtures.expect(200, Fixtures.transition(tech, tag, recon.build()));
        if (holdsData) {
            Fixtures.expect(201, tech.postJson("/api/v1/machines/" + tag + "/erasures", Json.createObjectBuilder()
                    .add("device", ssd).add("method", "PURGE").add("tool", "nwipe").add("passes", 1).add("verified", true)
                    .add("result", "PASS").build()));
        }
        JsonObjectBuilder quality = Json.createObjectBuilder();
        for (String item : List.of("boots", "keyboard", "screen", "wifi", "sound", "webcam", "battery", "ports")) {
            quality.add(item, item.equals("webcam") && !webcam ? "NA" : "OK");
        }
        Fixtures.expect(200, Fixtures.transition(tech, tag, Json.createObjectBuilder().add("to", "READY")
                .add("quality", quality).build()));
        return tag;
    }

    static String serial(String tag) {
        return Http.json(Fixtures.expect(200, Http.api(Role.TECHNICIAN).get("/api/v1/machines/" + tag))).getString("serial");
    }

    /** A person registered on {@code site} by an unattached social worker. */
    static long person(String lastName, String firstName, String ageBracket, String site) {
        JsonObject body = Json.createObjectBuilder().add("lastName", lastName).add("firstName", firstName)
                .add("commune", "Saint-Denis").add("postcode", "93200").add("ageBracket", ageBracket)
                .add("situation", "JOB_SEEKER").add("gdprNoticeOn", LocalDate.now().toString()).add("site", site).build();
        return Http.json(Fixtures.expect(201, Http.api(Role.SOCIAL_WORKER).postJson("/api/v1/beneficiaries", body)))
                .getJsonNumber("id").longValue();
    }

    static JsonObjectBuilder request(long beneficiary, List<String> uses, List<String> needs, String priority, String reason) {
        JsonArrayBuilder u = Json.createArrayBuilder();
        uses.forEach(u::add);
        JsonArrayBuilder n = Json.createArrayBuilder();
        needs.forEach(n::add);
        JsonObjectBuilder b = Json.createObjectBuilder().add("beneficiaryId", beneficiary).add("uses", u).add("needs", n)
                .add("priority", priority).add("children", "NONE").add("internet", "MOBILE_ONLY");
        if (reason != null) {
            b.add("priorityReason", reason);
        }
        return b;
    }

    static long waiting(JsonObjectBuilder request) {
        return Http.json(Fixtures.expect(201, Http.api(Role.SOCIAL_WORKER).postJson("/api/v1/waiting-list", request.build())))
                .getJsonNumber("id").longValue();
    }

    static long reserve(String tag, long beneficiary) {
        return Http.json(Fixtures.expect(201, Http.api(Role.SOCIAL_WORKER).postJson("/api/v1/reservations",
                Json.createObjectBuilder().add("machineTag", tag).add("beneficiaryId", beneficiary)
                        .add("until", LocalDate.now().plusDays(10).toString()).build()))).getJsonNumber("id").longValue();
    }

    static jakarta.json.JsonArray array(java.net.http.HttpResponse<String> r) {
        try (var reader = Json.createReader(new java.io.StringReader(r.body()))) {
            return reader.readArray();
        }
    }
}
