package fr.parcsolidaire.loans;

import fr.parcsolidaire.platform.http.Guard;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Json;
import fr.parcsolidaire.platform.http.PublicUrls;
import fr.parcsolidaire.platform.security.Permission;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.List;
import java.util.Map;

/** The JSON API of the waiting list, matching, reservations, kits and cohort handovers (API.md). */
final class HandoverApi implements HttpService {

    private final Guard guard;
    private final WaitingListService waiting;
    private final MatchingService matching;
    private final ReservationService reservations;
    private final KitService kits;
    private final CohortHandover cohort;
    private final PublicUrls urls;

    HandoverApi(Guard guard, WaitingListService waiting, MatchingService matching, ReservationService reservations,
                KitService kits, CohortHandover cohort, PublicUrls urls) {
        this.guard = guard;
        this.waiting = waiting;
        this.matching = matching;
        this.reservations = reservations;
        this.kits = kits;
        this.cohort = cohort;
        this.urls = urls;
    }

    @Override
    public void routing(HttpRules rules) {
        guard.on(rules)
                .post("/api/v1/waiting-list", Permission.BENEFICIARIES_WRITE, (req, res, who) -> {
                    JsonObject body = Json.object(req);
                    created(res, waiting.create(Input.of(body), codes(body, "uses"), codes(body, "needs"), who.user()));
                })
                .get("/api/v1/waiting-list", Permission.BENEFICIARIES_READ, (req, res, who) -> Json.ok(res, waiting.open(who.user())))
                .get("/api/v1/waiting-list/counts", Permission.BENEFICIARY_COUNTS, (req, res, who) ->
                        Json.ok(res, waiting.counts(who.user())))
                .get("/api/v1/waiting-list/{id}", Permission.BENEFICIARIES_READ, (req, res, who) ->
                        Json.ok(res, waiting.get(LoansApi.id(req), who.user())))
                .post("/api/v1/waiting-list/{id}", Permission.BENEFICIARIES_WRITE, (req, res, who) -> {
                    JsonObject body = Json.object(req);
                    waiting.update(LoansApi.id(req), Input.of(body), codes(body, "uses"), codes(body, "needs"), who.user());
                    Json.ok(res, waiting.get(LoansApi.id(req), who.user()));
                })
                .post("/api/v1/waiting-list/{id}/withdraw", Permission.BENEFICIARIES_WRITE, (req, res, who) -> {
                    JsonObject body = Json.object(req);
                    waiting.close(LoansApi.id(req), WaitingStatus.WITHDRAWN, Json.text(body, "note", "note"), who.user());
                    Json.ok(res, waiting.get(LoansApi.id(req), who.user()));
                })
                .get("/api/v1/waiting-list/{id}/matches", Permission.BENEFICIARIES_READ, (req, res, who) ->
                        Json.ok(res, matching.machinesFor(LoansApi.id(req), who.user())))
                .get("/api/v1/machines/{tag}/matches", Permission.BENEFICIARIES_READ, (req, res, who) ->
                        Json.ok(res, matching.peopleFor(req.path().pathParameters().get("tag"), who.user())))
                .post("/api/v1/reservations", Permission.ASSIGNMENTS_WRITE, (req, res, who) ->
                        created(res, reservations.reserve(Input.of(Json.object(req)), who.user())))
                .get("/api/v1/reservations", Permission.BENEFICIARIES_READ, (req, res, who) ->
                        Json.ok(res, reservations.active(who.user())))
                .post("/api/v1/reservations/{id}/cancel", Permission.ASSIGNMENTS_WRITE, (req, res, who) -> {
                    JsonObject body = Json.object(req);
                    reservations.cancel(LoansApi.id(req), Json.text(body, "note", "note"), who.user());
                    Json.ok(res, reservations.get(LoansApi.id(req), who.user()));
                })
                .get("/api/v1/assignments/{id}/items", Permission.ASSIGNMENTS_READ, (req, res, who) ->
                        Json.ok(res, kits.items(LoansApi.id(req), who.user())))
                .post("/api/v1/kit-items/{id}/return", Permission.ASSIGNMENTS_WRITE, (req, res, who) -> {
                    long assignment = kits.returnItem(LoansApi.id(req), Input.of(Json.object(req)), who.user());
                    Json.ok(res, kits.items(assignment, who.user()));
                })
                .post("/api/v1/sessions/{id}/handover", Permission.ASSIGNMENTS_WRITE, (req, res, who) ->
                        Json.send(res, Status.CREATED_201, Map.of("assignments",
                                cohort.handOver(LoansApi.id(req), Input.of(Json.object(req)), who.user(), urls.base(req)))));
    }

    /** A list of codes from a JSON array of strings (anything else is left for the validation to name). */
    static List<String> codes(JsonObject body, String name) {
        List<JsonValue> values = Json.array(body, name, name);
        return values.stream().map(v -> v instanceof JsonString s ? s.getString() : v.toString()).toList();
    }

    private static void created(ServerResponse res, long id) {
        Json.send(res, Status.CREATED_201, Map.of("id", id));
    }
}
