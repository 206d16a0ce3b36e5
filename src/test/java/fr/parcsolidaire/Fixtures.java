package fr.parcsolidaire;

import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Machines in a known state, made through the API as a technician would. */
public final class Fixtures {

    private Fixtures() {
    }

    /** Takes in a donation of laptops and returns their tags. */
    public static List<String> intake(int count) {
        JsonArrayBuilder machines = Json.createArrayBuilder();
        for (int i = 0; i < count; i++) {
            machines.add(Json.createObjectBuilder().add("type", "LAPTOP").add("brand", "Lenovo")
                    .add("model", "ThinkPad X270").add("serial", "SN-" + UUID.randomUUID()));
        }
        JsonObject body = Json.createObjectBuilder()
                .add("donor", Json.createObjectBuilder().add("name", "Entreprise Test").add("kind", "COMPANY"))
                .add("receivedOn", LocalDate.now().toString()).add("site", "atelier").add("machines", machines).build();
        HttpResponse<String> r = Http.api(Role.TECHNICIAN).postJson("/api/v1/donations", body);
        if (r.statusCode() != 201) {
            throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
        List<String> tags = new ArrayList<>();
        Http.json(r).getJsonArray("machines").forEach(m -> tags.add(m.asJsonObject().getString("tag")));
        return tags;
    }

    public static HttpResponse<String> transition(Http tech, String tag, JsonObject body) {
        return tech.postJson("/api/v1/machines/" + tag + "/transitions", body);
    }

    public static JsonObject allChecksOk() {
        var q = Json.createObjectBuilder();
        for (String item : List.of("boots", "keyboard", "screen", "wifi", "sound", "webcam", "battery", "ports")) {
            q.add(item, "OK");
        }
        return q.build();
    }

    /** Walks a fresh machine to READY through the API: diagnosis with one SSD, erasure, OS, quality check. */
    public static String readyMachine() {
        String tag = intake(1).getFirst();
        Http tech = Http.api(Role.TECHNICIAN);
        String ssd = "SSD-" + UUID.randomUUID();
        expect(200, transition(tech, tag, Json.createObjectBuilder().add("to", "IN_DIAGNOSIS").build()));
        expect(200, transition(tech, tag, Json.createObjectBuilder().add("to", "IN_RECONDITIONING").add("grade", "B")
                .add("ramGb", 8).add("storage", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("kind", "SSD").add("capacityGb", 256).add("serial", ssd))).build()));
        expect(201, tech.postJson("/api/v1/machines/" + tag + "/erasures", Json.createObjectBuilder().add("device", ssd)
                .add("method", "PURGE").add("tool", "nwipe").add("passes", 1).add("verified", true).add("result", "PASS").build()));
        expect(200, transition(tech, tag, Json.createObjectBuilder().add("to", "READY").add("quality", allChecksOk()).build()));
        return tag;
    }

    public static HttpResponse<String> expect(int status, HttpResponse<String> r) {
        if (r.statusCode() != status) {
            throw new AssertionError("expected " + status + " but got " + r.statusCode() + ": " + r.body());
        }
        return r;
    }
}
