package fr.parcsolidaire.inventory;

import fr.parcsolidaire.platform.http.Guard;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Json;
import fr.parcsolidaire.platform.http.Query;
import fr.parcsolidaire.platform.security.Permission;
import fr.parcsolidaire.platform.security.Principal;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonValue;

import java.util.LinkedHashMap;
import java.util.Map;

/** The inventory's JSON API (API.md): same services and checks as the pages. */
final class InventoryApi implements HttpService {

    private final Guard guard;
    private final InventoryRepository inventory;
    private final MachineRecords records;
    private final IntakeService intake;
    private final WorkshopService workshop;
    private final SpecsCorrections specs;

    public InventoryApi(Guard guard, InventoryRepository inventory, MachineRecords records, IntakeService intake,
                        WorkshopService workshop, SpecsCorrections specs) {
        this.guard = guard;
        this.inventory = inventory;
        this.records = records;
        this.intake = intake;
        this.workshop = workshop;
        this.specs = specs;
    }

    @Override
    public void routing(HttpRules rules) {
        guard.on(rules)
                .get("/api/v1/sites", Permission.INVENTORY_READ, (req, res, who) -> Json.ok(res, inventory.sites()))
                .get("/api/v1/donors", Permission.INVENTORY_READ, (req, res, who) -> Json.ok(res, inventory.donors()))
                .post("/api/v1/donations", Permission.INVENTORY_WRITE, this::createDonation)
                .get("/api/v1/donations/{id}", Permission.INVENTORY_READ, this::donation)
                .get("/api/v1/machines", Permission.INVENTORY_READ, (req, res, who) ->
                        Json.ok(res, inventory.machines(MachineFilter.parse(Query.first(req)))))
                .get("/api/v1/machines/{tag}", Permission.INVENTORY_READ, (req, res, who) -> Json.okWritten(res, machine(req).json()))
                .post("/api/v1/machines/{tag}/transitions", Permission.INVENTORY_WRITE, (req, res, who) ->
                        Json.ok(res, workshop.transition(tag(req), input(req), who.user())))
                .post("/api/v1/machines/{tag}/storage", Permission.INVENTORY_WRITE, (req, res, who) ->
                        Json.send(res, Status.CREATED_201, workshop.addStorage(tag(req), input(req), who.user())))
                .post("/api/v1/machines/{tag}/erasures", Permission.INVENTORY_WRITE, (req, res, who) ->
                        Json.send(res, Status.CREATED_201, workshop.recordErasure(tag(req), input(req), who.user())))
                .post("/api/v1/machines/{tag}/no-storage", Permission.INVENTORY_WRITE, (req, res, who) ->
                        Json.send(res, Status.CREATED_201, workshop.recordNoStorage(tag(req), input(req), who.user())))
                .post("/api/v1/machines/{tag}/repairs", Permission.INVENTORY_WRITE, (req, res, who) ->
                        Json.send(res, Status.CREATED_201, workshop.recordRepair(tag(req), input(req), who.user())))
                .post("/api/v1/machines/{tag}/os", Permission.INVENTORY_WRITE, (req, res, who) ->
                        Json.ok(res, workshop.recordOs(tag(req), input(req), who.user())))
                .post("/api/v1/machines/{tag}/hardware", Permission.INVENTORY_WRITE, this::importHardware)
                .post("/api/v1/machines/{tag}/specs", Permission.INVENTORY_WRITE, (req, res, who) ->
                        Json.ok(res, specs.correct(tag(req), input(req), who.user())));
    }

    private void createDonation(ServerRequest req, ServerResponse res, Principal who) {
        IntakeService.IntakeResult result = intake.intake(input(req), who.user());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", result.donationId());
        body.put("donorId", result.donorId());
        body.put("machines", result.machines());
        Json.send(res, Status.CREATED_201, body);
    }

    private void donation(ServerRequest req, ServerResponse res, Principal who) {
        long id = parseId(req.path().pathParameters().get("id"));
        Donation donation = inventory.donation(id).orElseThrow(() -> HttpProblem.notFound("Don introuvable."));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("donation", donation);
        body.put("machines", inventory.machines(new MachineFilter(null, null, null, null, id, null, 1)).items());
        Json.ok(res, body);
    }

    private void importHardware(ServerRequest req, ServerResponse res, Principal who) {
        String tag = tag(req);
        LshwParser.Hardware hw = lshw(req);
        workshop.importHardware(tag, hw, who.user());
        Json.ok(res, hw);
    }

    /** The body as the output of {@code lshw -json} (capped and parsed by Json.value), for the API and the page. */
    static LshwParser.Hardware lshw(ServerRequest req) {
        JsonValue root = Json.value(req, "JSON mal formé : envoyez la sortie de « lshw -json ».");
        try {
            return LshwParser.parse(root);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest("Ce JSON ne ressemble pas à la sortie de « lshw -json ».");
        }
    }

    private MachineRecords.Cached machine(ServerRequest req) {
        String tag = tag(req);
        return records.find(tag).orElseThrow(() -> Tags.notFound(tag));
    }

    private static Input input(ServerRequest req) {
        return Input.of(Json.object(req));
    }

    static String tag(ServerRequest req) {
        return Tags.normalise(req.path().pathParameters().get("tag"));
    }

    static long parseId(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw HttpProblem.notFound("Identifiant inconnu.");
        }
    }
}
