package fr.parcsolidaire.loans;

import fr.parcsolidaire.platform.http.Formats;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Jsonp;
import fr.parcsolidaire.platform.http.ValidationException;
import fr.parcsolidaire.platform.http.Validator;
import fr.parcsolidaire.platform.security.Permission;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A loan becomes a gift at the end of the course, on a confirmation: for a whole session, only the loans of the
 * participants who completed (the course feature decides, {@link CourseCompletion}); for one loan, before completion
 * only with an override whose reason is journaled. Each conversion generates the attestation de don and removes the
 * due date (a gift has none). Within {@code cancelWindow} a mistaken conversion is cancelled with a reason: the
 * certificate is kept but marked void, the loan and its due date restored. Two workers converting the same session
 * at once: the session row is locked, the second finds nothing left to convert and gets a 409.
 */
final class GiftConversions {

    static final String CONFIRM_FIRST = "Confirmez la transformation en dons : la page de confirmation liste chaque "
            + "personne et sa machine.";

    private final Database database;
    private final ContractService contracts;
    private final Clock clock;
    private final Period cancelWindow;
    private final Supplier<CourseCompletion> completion;

    GiftConversions(Database database, ContractService contracts, Clock clock, Period cancelWindow,
                    Supplier<CourseCompletion> completion) {
        this.database = database;
        this.contracts = contracts;
        this.clock = clock;
        this.cancelWindow = cancelWindow;
        this.completion = completion;
    }

    /** A gift made by conversion that still stands: its certificate and until when it can be cancelled. */
    record Standing(long id, long certificateId, LocalDate previousDueOn, OffsetDateTime convertedAt, boolean overridden,
                    OffsetDateTime cancellableUntil, boolean cancellable) {
    }

    Period cancelWindow() {
        return cancelWindow;
    }

    /** The active loans of the session that the conversion would turn into gifts, as the reader may see them. */
    List<Assignment> convertible(long sessionId, User reader) {
        return database.client().execute().createNamedQuery("course-session-loans-of").addParam("sessionId", sessionId)
                .addParam("siteId", reader.siteScope()).addParam("people", array(completion.get().completed(sessionId)))
                .execute().map(r -> Rows.longValue(r, "id")).toList().stream()
                .map(id -> database.client().execute().createNamedGet("assignment-by-id").addParam("id", id)
                        .addParam("siteId", reader.siteScope()).execute()
                        .map(r -> AssignmentService.assignment(r, reader.can(Permission.BENEFICIARIES_READ))).orElseThrow())
                .toList();
    }

    boolean completed(Assignment a) {
        return a.sessionId() != null && completion.get().completed(a.sessionId()).contains(a.beneficiaryId());
    }

    List<Long> convertSession(long sessionId, boolean confirm, User actor, String base) {
        return database.inTransaction(tx -> {
            tx.createNamedGet("course-session-lock").addParam("id", sessionId).execute()
                    .orElseThrow(() -> HttpProblem.notFound("Session introuvable."));
            if (!confirm) {
                throw HttpProblem.conflict(CONFIRM_FIRST);
            }
            Set<Long> completed = completion.get().completed(sessionId);
            List<Long> ids = tx.createNamedQuery("course-session-loans-of").addParam("sessionId", sessionId)
                    .addParam("siteId", actor.siteScope()).addParam("people", array(completed)).execute()
                    .map(r -> Rows.longValue(r, "id")).toList();
            if (ids.isEmpty()) {
                boolean done = tx.createNamedGet("gift-conversions-of-session").addParam("sessionId", sessionId).execute()
                        .map(r -> Rows.longValue(r, "n") > 0).orElse(false);
                throw HttpProblem.conflict(done
                        ? "Les prêts de cette session ont déjà été transformés en dons : il ne reste aucun prêt à transformer."
                        : "Aucun prêt à transformer : aucun participant de cette session n'a encore terminé le parcours.");
            }
            for (long id : ids) {
                convert(tx, AssignmentService.lock(tx, id, actor), sessionId, null, actor, base);
            }
            return ids;
        });
    }

    void convertOne(long id, Input in, User actor, String base) {
        Validator v = new Validator();
        String override = v.optional(in.field("override"), in.text("override"), 500);
        v.throwIfInvalid();
        database.inTransaction(tx -> {
            DbRow a = activeLoan(tx, id, actor);
            Long session = Rows.longOrNull(a, "session_id");
            boolean done = session != null && completion.get().completed(session).contains(Rows.longValue(a, "beneficiary_id"));
            if (!done && override == null) {
                throw HttpProblem.conflict("Le parcours n'est pas terminé : ce prêt ne devient un don qu'avec une dérogation "
                        + "dont vous indiquez le motif.");
            }
            convert(tx, a, session, done ? null : override, actor, base);
            return null;
        });
    }

    private void convert(DbExecute tx, DbRow a, Long sessionId, String override, User actor, String base) {
        long id = Rows.longValue(a, "id");
        LocalDate previousDue = Rows.date(a, "due_on");
        if (tx.createNamedUpdate("assignment-to-gift-without-due").addParam("id", id).execute() != 1) {
            throw HttpProblem.conflict("Ce prêt a changé entre-temps : il n'est plus en cours.");
        }
        if (sessionId != null) {
            CourseService.complete(tx, sessionId, Rows.longValue(a, "beneficiary_id"), actor);
        }
        var data = Jsonp.objectBuilder().add("giftOn", LocalDate.now(clock).toString())
                .add("previousDueOn", previousDue.toString()).add("override", override != null);
        if (sessionId != null) {
            data.add("sessionId", sessionId);
        }
        AssignmentService.event(tx, id, "CONVERTED_TO_GIFT", actor,
                override == null ? null : "Dérogation avant la fin du parcours : " + override, data.build());
        long certificate = contracts.generate(tx, id, actor, base);
        tx.createNamedGet("gift-conversion-insert").addParam("assignmentId", id).addParam("sessionId", sessionId)
                .addParam("certificateId", certificate).addParam("previousDueOn", previousDue)
                .addParam("overridden", override != null).addParam("convertedBy", actor.id()).execute();
    }

    void cancel(long id, Input in, User actor) {
        Validator v = new Validator();
        String reason = v.required(in.field("reason"), in.text("reason"), 500);
        v.throwIfInvalid();
        database.inTransaction(tx -> {
            DbRow a = AssignmentService.lock(tx, id, actor);
            if (!"GIVEN".equals(Rows.text(a, "status"))) {
                throw HttpProblem.conflict("Ce n'est pas un don : il n'y a rien à annuler.");
            }
            DbRow g = tx.createNamedGet("gift-conversion-standing-lock").addParam("assignmentId", id).execute()
                    .orElseThrow(() -> HttpProblem.conflict("Ce don a été fait directement, pas en transformant un prêt : "
                            + "il n'y a pas de prêt à rétablir."));
            Standing s = standing(g);
            if (!s.cancellable()) {
                throw HttpProblem.conflict("Le délai d'annulation est dépassé : le don du "
                        + Formats.dateTime(s.convertedAt()) + " ne pouvait être annulé que jusqu'au "
                        + Formats.dateTime(s.cancellableUntil()) + ".");
            }
            LocalDate restored = s.previousDueOn();
            tx.createNamedUpdate("assignment-gift-back-to-loan").addParam("dueOn", restored).addParam("id", id).execute();
            tx.createNamedUpdate("gift-conversion-cancel").addParam("actorId", actor.id()).addParam("id", s.id()).execute();
            Long session = Rows.longOrNull(a, "session_id");
            if (session != null) {
                CourseService.reopen(tx, session, Rows.longValue(a, "beneficiary_id"), actor, "Don annulé : " + reason);
            }
            AssignmentService.event(tx, id, "GIFT_CANCELLED", actor, reason, Jsonp.objectBuilder()
                    .add("conversionId", s.id()).add("voidedCertificateId", s.certificateId())
                    .add("restoredDueOn", restored.toString()).build());
            return null;
        });
    }

    /** A dropped-out participant's loan: the date it is to come back (earlier or later than the due date). */
    void planReturn(long id, Input in, User actor) {
        LocalDate today = LocalDate.now(clock);
        Validator v = new Validator();
        LocalDate on = v.date(in.field("returnOn"), in.text("returnOn"), true, today, today.plusYears(1));
        String note = v.optional(in.field("note"), in.text("note"), 2000);
        v.throwIfInvalid();
        database.inTransaction(tx -> {
            DbRow a = activeLoan(tx, id, actor);
            LocalDate before = Rows.date(a, "due_on");
            if (on.isBefore(Rows.date(a, "starts_on"))) {
                throw new ValidationException(Map.of(in.field("returnOn"), "La restitution ne peut précéder le prêt."));
            }
            tx.createNamedUpdate("assignment-set-due").addParam("dueOn", on).addParam("id", id).execute();
            AssignmentService.event(tx, id, "RETURN_PLANNED", actor, note, Jsonp.objectBuilder()
                    .add("from", before.toString()).add("to", on.toString()).build());
            return null;
        });
    }

    Optional<Standing> standing(long assignmentId) {
        return database.client().execute().createNamedGet("gift-conversion-standing").addParam("assignmentId", assignmentId)
                .execute().map(this::standing);
    }

    /** Certificates voided by a cancellation, with when. */
    Map<Long, OffsetDateTime> voided(long assignmentId) {
        Map<Long, OffsetDateTime> out = new HashMap<>();
        database.client().execute().createNamedQuery("voided-certificates").addParam("assignmentId", assignmentId).execute()
                .forEach(r -> out.put(Rows.longValue(r, "certificate_id"), Rows.timestamp(r, "cancelled_at")));
        return out;
    }

    private Standing standing(DbRow g) {
        OffsetDateTime at = Rows.timestamp(g, "converted_at");
        OffsetDateTime until = at.plus(cancelWindow);
        return new Standing(Rows.longValue(g, "id"), Rows.longValue(g, "certificate_id"), Rows.date(g, "previous_due_on"),
                at, Boolean.TRUE.equals(Rows.bool(g, "overridden")), until, OffsetDateTime.now(clock).isBefore(until));
    }

    private static DbRow activeLoan(DbExecute tx, long id, User actor) {
        DbRow a = AssignmentService.lock(tx, id, actor);
        String status = Rows.text(a, "status");
        if ("GIVEN".equals(status)) {
            throw HttpProblem.conflict("C'est déjà un don.");
        }
        if (!"ACTIVE".equals(status)) {
            throw HttpProblem.conflict("Ce prêt est terminé (« " + AssignmentStatus.valueOf(status).label() + " »).");
        }
        return a;
    }

    private static String array(Set<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }
}
