package fr.parcsolidaire.messaging;

import fr.parcsolidaire.gdpr.AccessLog;
import fr.parcsolidaire.platform.http.Guard;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Json;
import fr.parcsolidaire.platform.security.Permission;
import fr.parcsolidaire.platform.security.Principal;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/** The JSON routes of reminders: consents, the reminder pass, the outbox (docs/messaging.md). */
final class MessagingApi implements HttpService {

    private final Guard guard;
    private final Consents consents;
    private final Outbox outbox;
    private final ReminderPass pass;
    private final Clock clock;
    private final Database database;

    MessagingApi(Guard guard, Consents consents, Outbox outbox, ReminderPass pass, Clock clock, Database database) {
        this.database = database;
        this.guard = guard;
        this.consents = consents;
        this.outbox = outbox;
        this.pass = pass;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        guard.on(rules)
                .post("/api/v1/beneficiaries/{id}/consents", Permission.BENEFICIARIES_WRITE, this::recordConsent)
                .post("/api/v1/reminders/run", Permission.ADMINISTRATION, this::runReminders)
                .get("/api/v1/outbox", Permission.BENEFICIARIES_READ, this::outbox);
    }

    private void recordConsent(ServerRequest req, ServerResponse res, Principal who) {
        long id = id(req.path().pathParameters().get("id"));
        Consents.Request request = Consents.Request.from(Input.of(Json.object(req)), LocalDate.now(clock));
        consents.record(id, request, who.user());
        Json.ok(res, MessagingJson.consents(id, consents.standing(id, who.user()), consents.street(id, who.user())));
    }

    /**
     * {"date": "2026-12-03"} runs the pass as of that day (within a year of today), {"rule": "loan-due-soon"} only
     * that rule; without them, every rule today.
     */
    private void runReminders(ServerRequest req, ServerResponse res, Principal who) {
        ReminderPass.Request request = ReminderPass.Request.from(Input.of(Json.object(req)), LocalDate.now(clock), pass.rules(), false);
        Json.ok(res, MessagingJson.pass(pass.run(request)));
    }

    /** With ?beneficiaryId=, that person's messages; without, what needs attention at the caller's site. */
    private void outbox(ServerRequest req, ServerResponse res, Principal who) {
        Optional<String> beneficiary = req.query().first("beneficiaryId").asOptional();
        if (beneficiary.isPresent()) {
            long id = beneficiaryId(beneficiary.get());
            outbox.requireVisible(id, who.user());
            AccessLog.record(database.client().execute(), who.user(), id, AccessLog.Action.READ, "messages de rappel (API)");
            Json.ok(res, new MessagingJson.OutboxJson(outbox.ofBeneficiary(id, who.user()).stream()
                    .map(m -> MessagingJson.message(id, m)).toList()));
        } else {
            Json.ok(res, new MessagingJson.OutboxJson(outbox.attention(who.user()).stream()
                    .map(MessagingJson::message).toList()));
        }
    }

    private static long beneficiaryId(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new HttpProblem(io.helidon.http.Status.BAD_REQUEST_400, "invalid", "Paramètre invalide.",
                    Map.of("beneficiaryId", "Indiquez le numéro du bénéficiaire."));
        }
    }

    static long id(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw HttpProblem.notFound("Bénéficiaire introuvable.");
        }
    }
}
