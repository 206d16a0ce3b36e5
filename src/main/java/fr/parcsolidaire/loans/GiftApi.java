package fr.parcsolidaire.loans;

import fr.parcsolidaire.platform.http.Guard;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Json;
import fr.parcsolidaire.platform.http.PublicUrls;
import fr.parcsolidaire.platform.security.Permission;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.Map;

/** The JSON routes of conversions to gift (API.md), on the same service and checks as the confirmation pages. */
final class GiftApi implements HttpService {

    private final Guard guard;
    private final AssignmentService assignments;
    private final GiftConversions gifts;
    private final PublicUrls urls;

    GiftApi(Guard guard, AssignmentService assignments, GiftConversions gifts, PublicUrls urls) {
        this.guard = guard;
        this.assignments = assignments;
        this.gifts = gifts;
        this.urls = urls;
    }

    @Override
    public void routing(HttpRules rules) {
        guard.on(rules)
                .post("/api/v1/sessions/{id}/convert-to-gift", Permission.ASSIGNMENTS_WRITE, (req, res, who) -> {
                    JsonObject body = Json.object(req);
                    boolean confirm = body.containsKey("confirm") && body.get("confirm").getValueType() == JsonValue.ValueType.TRUE;
                    Json.ok(res, Map.of("converted", gifts.convertSession(LoansApi.id(req), confirm, who.user(), urls.base(req))));
                })
                .post("/api/v1/assignments/{id}/convert-to-gift", Permission.ASSIGNMENTS_WRITE, (req, res, who) -> {
                    gifts.convertOne(LoansApi.id(req), Input.of(Json.object(req)), who.user(), urls.base(req));
                    Json.ok(res, assignments.get(LoansApi.id(req), who.user()));
                })
                .post("/api/v1/assignments/{id}/cancel-gift", Permission.ASSIGNMENTS_WRITE, (req, res, who) -> {
                    gifts.cancel(LoansApi.id(req), Input.of(Json.object(req)), who.user());
                    Json.ok(res, assignments.get(LoansApi.id(req), who.user()));
                })
                .post("/api/v1/assignments/{id}/plan-return", Permission.ASSIGNMENTS_WRITE, (req, res, who) -> {
                    gifts.planReturn(LoansApi.id(req), Input.of(Json.object(req)), who.user());
                    Json.ok(res, assignments.get(LoansApi.id(req), who.user()));
                });
    }
}
