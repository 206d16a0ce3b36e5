package fr.parcsolidaire.messaging;

import fr.parcsolidaire.platform.http.Confirmations;
import fr.parcsolidaire.platform.http.Form;
import fr.parcsolidaire.platform.http.Guard;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Pages;
import fr.parcsolidaire.platform.http.ValidationException;
import fr.parcsolidaire.platform.security.Permission;
import fr.parcsolidaire.platform.security.Principal;
import gg.jte.Content;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * The pages of reminders: the beneficiary's consents and messages (a section of the beneficiary's page, which loans
 * owns), the outbox of the site with what waits or failed, the letter batches to print and post, and the
 * administrator's "run the reminders now". Every save redirects to a page that confirms it.
 */
final class MessagingPages implements HttpService {

    /**
     * The redirect's "saved" after a reminder pass. Its sentence carries the count, so the outbox page writes it in a
     * region like the layout's (platform/http/Confirmations): the key is never declared, or the page would confirm twice.
     */
    static final String REMINDERS_RUN = "reminders-run";

    private final Guard guard;
    private final Pages pages;
    private final Consents consents;
    private final Outbox outbox;
    private final LetterBatches letters;
    private final ReminderPass pass;
    private final ChannelStatus channels;
    private final Clock clock;

    MessagingPages(Guard guard, Pages pages, Consents consents, Outbox outbox, LetterBatches letters, ReminderPass pass,
                   ChannelStatus channels, Clock clock) {
        this.guard = guard;
        this.pages = pages;
        this.consents = consents;
        this.outbox = outbox;
        this.letters = letters;
        this.pass = pass;
        this.channels = channels;
        this.clock = clock;
        // What each form confirms once saved (platform/http/Confirmations: the keys are shared by every feature).
        Confirmations.declare(Map.of(
                "consent-recorded", "Consentement enregistré.",
                "message-requeued", "Le message repart : il sera envoyé au prochain passage.",
                "message-cancelled", "Message annulé : il ne partira pas.",
                "letter-batch-prepared", "Lot préparé : imprimez-le, postez les courriers, puis confirmez l'envoi.",
                "letter-batch-posted", "Envoi du lot confirmé : ses courriers sont notés envoyés.",
                "letter-batch-released", "Lot annulé : ses courriers attendront le prochain lot."));
    }

    @Override
    public void routing(HttpRules rules) {
        guard.on(rules)
                .post("/beneficiaries/{id}/consents", Permission.BENEFICIARIES_WRITE, this::recordConsent)
                .get("/outbox", Permission.BENEFICIARIES_READ, this::outboxPage)
                .post("/outbox/{id}/requeue", Permission.BENEFICIARIES_WRITE, (req, res, who) ->
                        change(req, res, who, "message-requeued"))
                .post("/outbox/{id}/cancel", Permission.BENEFICIARIES_WRITE, (req, res, who) ->
                        change(req, res, who, "message-cancelled"))
                .post("/sites/{id}/letter-batches", Permission.BENEFICIARIES_WRITE, this::prepareBatch)
                .get("/letter-batches/{id}", Permission.BENEFICIARIES_READ, this::batchPage)
                .get("/letter-batches/{id}/pdf", Permission.BENEFICIARIES_READ, this::batchPdf)
                .post("/letter-batches/{id}/confirm", Permission.BENEFICIARIES_WRITE, (req, res, who) -> {
                    letters.confirm(id(req, "Lot de courriers introuvable."), who.user());
                    Confirmations.redirect(res, "/outbox", "letter-batch-posted");
                })
                .post("/letter-batches/{id}/release", Permission.BENEFICIARIES_WRITE, (req, res, who) -> {
                    letters.release(id(req, "Lot de courriers introuvable."), who.user());
                    Confirmations.redirect(res, "/outbox", "letter-batch-released");
                })
                .post("/reminders/run", Permission.ADMINISTRATION, (req, res, who) -> {
                    ReminderPass.Request request = ReminderPass.Request.from(Input.of(Form.of(req)), LocalDate.now(clock),
                            pass.rules(), true);
                    int queued = pass.run(request).queued();
                    Pages.redirect(res, "/outbox?saved=" + REMINDERS_RUN + "&queued=" + queued);
                });
    }

    /** The beneficiary's consents and messages, placed on their page by loans. */
    Content section(Principal who, long beneficiaryId) {
        Map<String, Object> p = new HashMap<>();
        p.put("me", who);
        p.put("beneficiaryId", beneficiaryId);
        p.put("consents", consents.standing(beneficiaryId, who.user()));
        p.put("street", consents.street(beneficiaryId, who.user()));
        p.put("messages", outbox.ofBeneficiary(beneficiaryId, who.user()));
        p.put("warnings", channels.warnings());
        p.put("today", LocalDate.now(clock).toString());
        return pages.fragment("messaging/section.jte", p);
    }

    private void recordConsent(ServerRequest req, ServerResponse res, Principal who) {
        long id = id(req, "Bénéficiaire introuvable.");
        Form form = Form.of(req);
        try {
            consents.record(id, Consents.Request.from(Input.of(form), LocalDate.now(clock)), who.user());
            // No "#messagerie": the focus goes to the confirmation at the top of the page.
            Confirmations.redirect(res, "/beneficiaries/" + id, "consent-recorded");
        } catch (ValidationException e) {
            Map<String, Object> p = new HashMap<>();
            p.put("me", who);
            p.put("beneficiaryId", id);
            p.put("values", form.values());
            p.put("errors", e.fields());
            p.put("today", LocalDate.now(clock).toString());
            pages.render(res, Status.BAD_REQUEST_400, "messaging/consent.jte", p);
        }
    }

    private void outboxPage(ServerRequest req, ServerResponse res, Principal who) {
        Map<String, Object> p = new HashMap<>();
        p.put("me", who);
        p.put("messages", outbox.attention(who.user()));
        p.put("waiting", letters.waitingBySite(who.user()));
        p.put("batches", letters.open(who.user()));
        p.put("warnings", channels.warnings());
        p.put("today", LocalDate.now(clock).toString());
        // The count is read as a number: a hand-typed address can change it, never put text on the page.
        p.put("reminders", REMINDERS_RUN.equals(req.query().first("saved").orElse(null))
                ? "Passe des rappels effectuée. " + queued(req) + " message(s) mis en file." : null);
        pages.render(res, "messaging/outbox.jte", p);
    }

    /** Send again or give up, from the outbox page or the beneficiary's (the form says where to come back). */
    private void change(ServerRequest req, ServerResponse res, Principal who, String done) {
        long messageId = id(req, "Message introuvable.");
        Form form = Form.of(req);
        if (done.equals("message-requeued")) {
            outbox.requeue(messageId, who.user());
        } else {
            outbox.cancel(messageId, who.user());
        }
        String beneficiary = form.get("beneficiaryId");
        if (beneficiary != null && beneficiary.matches("[0-9]{1,18}")) {
            Confirmations.redirect(res, "/beneficiaries/" + beneficiary, done);
        } else {
            Confirmations.redirect(res, "/outbox", done);
        }
    }

    /** A batch of the letters waiting at a site (404 for another site than the reader's, or an unknown one). */
    private void prepareBatch(ServerRequest req, ServerResponse res, Principal who) {
        long batch = letters.prepare(id(req, "Site introuvable."), who.user());
        Confirmations.redirect(res, "/letter-batches/" + batch, "letter-batch-prepared");
    }

    private void batchPage(ServerRequest req, ServerResponse res, Principal who) {
        long id = id(req, "Lot de courriers introuvable.");
        Map<String, Object> p = new HashMap<>();
        p.put("me", who);
        p.put("batch", letters.get(id, who.user()));
        p.put("lines", letters.lines(id, who.user()));
        pages.render(res, "messaging/batch.jte", p);
    }

    private void batchPdf(ServerRequest req, ServerResponse res, Principal who) {
        long id = id(req, "Lot de courriers introuvable.");
        byte[] pdf = letters.pdf(id, who.user());
        res.headers().contentType(MediaTypes.create("application/pdf"));
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"courriers-lot-" + id + ".pdf\"");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(pdf);
    }

    private static int queued(ServerRequest req) {
        try {
            return Math.max(0, Integer.parseInt(req.query().first("queued").orElse("0")));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long id(ServerRequest req, String notFound) {
        try {
            return Long.parseLong(req.path().pathParameters().get("id"));
        } catch (NumberFormatException e) {
            throw HttpProblem.notFound(notFound);
        }
    }
}
