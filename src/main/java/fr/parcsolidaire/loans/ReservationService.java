package fr.parcsolidaire.loans;

import fr.parcsolidaire.inventory.MachineState;
import fr.parcsolidaire.inventory.Tags;
import fr.parcsolidaire.platform.http.Formats;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Jsonp;
import fr.parcsolidaire.platform.http.ValidationException;
import fr.parcsolidaire.platform.http.Validator;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import fr.parcsolidaire.platform.sql.SqlState;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import jakarta.json.JsonObject;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reservations of READY machines. Reserving and assigning both lock the machine's row first, so they queue: of
 * twenty workers reserving the same machine at once, one wins and nineteen get a 409 (the partial unique index
 * {@code reservations_one_active} is the last word). A reservation past its date lapses by itself: whoever reads or
 * changes reservations first marks it LAPSED and journals it, with no actor.
 */
final class ReservationService {

    static final int MAX_MONTHS = 3;

    private final Database database;
    private final Clock clock;

    ReservationService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    long reserve(Input in, User actor) {
        LocalDate today = LocalDate.now(clock);
        Validator v = new Validator();
        String tag = v.required(in.field("machineTag"), in.text("machineTag"), 40);
        Integer beneficiaryId = v.integer(in.field("beneficiaryId"), in.text("beneficiaryId"), true, 1, Integer.MAX_VALUE);
        LocalDate until = v.date(in.field("until"), in.text("until"), true, today, today.plusMonths(MAX_MONTHS));
        String note = v.optional(in.field("note"), in.text("note"), 500);
        v.throwIfInvalid();
        return database.inTransaction(tx -> {
            if (tx.createNamedGet("beneficiary-by-id").addParam("id", beneficiaryId).addParam("siteId", actor.siteScope())
                    .execute().isEmpty()) {
                throw new ValidationException(Map.of(in.field("beneficiaryId"), "Bénéficiaire introuvable."));
            }
            DbRow machine = tx.createNamedGet("machine-lock-for-assignment").addParam("tag", Tags.normalise(tag))
                    .execute().orElseThrow(() -> Tags.notFound(tag));
            long machineId = Rows.longValue(machine, "id");
            MachineState state = MachineState.valueOf(Rows.text(machine, "state"));
            if (state == MachineState.ASSIGNED
                    || tx.createNamedGet("machine-open-assignment").addParam("machineId", machineId).execute().isPresent()) {
                throw HttpProblem.conflict(AssignmentService.ALREADY_ASSIGNED);
            }
            if (state != MachineState.READY) {
                throw HttpProblem.conflict("Seule une machine prête peut être réservée : celle-ci est « " + state.label() + " ».");
            }
            Optional<DbRow> held = active(tx, machineId, today);
            if (held.isPresent()) {
                throw HttpProblem.conflict("Cette machine est déjà réservée jusqu'au " + Formats.date(Rows.date(held.get(), "until")) + ".");
            }
            long id;
            try {
                id = tx.createNamedGet("reservation-insert").addParam("machineId", machineId)
                        .addParam("beneficiaryId", beneficiaryId).addParam("until", until).addParam("note", note)
                        .addParam("createdBy", actor.id()).execute().map(r -> Rows.longValue(r, "id")).orElseThrow();
            } catch (RuntimeException e) {
                if (SqlState.is(e, SqlState.UNIQUE_VIOLATION)) {
                    throw HttpProblem.conflict("Cette machine vient d'être réservée par quelqu'un d'autre.");
                }
                throw e;
            }
            event(tx, id, "CREATED", actor, note, Jsonp.objectBuilder().add("machineTag", Rows.text(machine, "tag"))
                    .add("until", until.toString()).build());
            return id;
        });
    }

    void cancel(long id, String note, User actor) {
        if (note != null && note.length() > 2000) {
            throw new ValidationException(Map.of("note", "Ce champ ne peut dépasser 2000 caractères."));
        }
        database.inTransaction(tx -> {
            DbRow r = tx.createNamedGet("reservation-lock").addParam("id", id).addParam("siteId", actor.siteScope()).execute()
                    .orElseThrow(() -> HttpProblem.notFound("Réservation introuvable."));
            if (!"ACTIVE".equals(Rows.text(r, "status"))) {
                throw HttpProblem.conflict("Cette réservation n'est plus active (« "
                        + ReservationStatus.valueOf(Rows.text(r, "status")).label().toLowerCase(java.util.Locale.ROOT) + " »).");
            }
            tx.createNamedUpdate("reservation-end").addParam("status", "CANCELLED").addParam("id", id).execute();
            event(tx, id, "CANCELLED", actor, note, Jsonp.objectBuilder().add("machineTag", Rows.text(r, "tag")).build());
            return null;
        });
    }

    /** A machine's active reservation as an assignment reads it with its other checks: which, for whom, until when. */
    record Held(long id, long beneficiaryId, LocalDate until) {
    }

    /**
     * Inside an assignment's transaction, once the machine's row is locked: a reservation for someone else refuses
     * the assignment (409); one for this person is fulfilled by it; one past its date lapses first.
     */
    void checkForAssignment(DbExecute tx, long machineId, long beneficiaryId, long assignmentId, User actor) {
        Held held = tx.createNamedGet("reservation-active-of-machine").addParam("machineId", machineId).execute()
                .map(r -> new Held(Rows.longValue(r, "id"), Rows.longValue(r, "beneficiary_id"), Rows.date(r, "until")))
                .orElse(null);
        checkForAssignment(tx, held, beneficiaryId, assignmentId, actor);
    }

    /** The same, with the reservation already read after the lock (null: none), as a single assignment does. */
    void checkForAssignment(DbExecute tx, Held held, long beneficiaryId, long assignmentId, User actor) {
        if (held == null) {
            return;
        }
        if (held.until().isBefore(LocalDate.now(clock))) {
            lapse(tx, held.id(), held.until());
            return;
        }
        if (held.beneficiaryId() != beneficiaryId) {
            throw HttpProblem.conflict("Cette machine est réservée pour une autre personne jusqu'au "
                    + Formats.date(held.until()) + ".");
        }
        tx.createNamedInsert("reservation-fulfil").addParam("id", held.id()).addParam("actorId", actor.id())
                .addParam("data", Jsonp.objectBuilder().add("assignmentId", assignmentId).build().toString()).execute();
    }

    /** The machine's active reservation, after lapsing it (with its event) if its date has passed. */
    private Optional<DbRow> active(DbExecute tx, long machineId, LocalDate today) {
        Optional<DbRow> held = tx.createNamedGet("reservation-active-of-machine").addParam("machineId", machineId).execute();
        if (held.isPresent() && Rows.date(held.get(), "until").isBefore(today)) {
            lapse(tx, Rows.longValue(held.get(), "id"), Rows.date(held.get(), "until"));
            return Optional.empty();
        }
        return held;
    }

    /** Lapses every reservation whose date has passed, each with its journal entry; returns how many. */
    int lapseDue() {
        LocalDate today = LocalDate.now(clock);
        return database.inTransaction(tx -> {
            List<DbRow> due = tx.createNamedQuery("reservations-due").addParam("today", today).execute().toList();
            for (DbRow r : due) {
                lapse(tx, Rows.longValue(r, "id"), null);
            }
            return due.size();
        });
    }

    private static void lapse(DbExecute tx, long id, LocalDate until) {
        if (tx.createNamedUpdate("reservation-lapse").addParam("id", id).execute() > 0) {
            var data = Jsonp.objectBuilder().add("reason", "DATE_PASSED");
            if (until != null) {
                data.add("until", until.toString());
            }
            tx.createNamedInsert("reservation-event-insert").addParam("reservationId", id).addParam("kind", "LAPSED")
                    .addParam("actorId", (Object) null).addParam("note", (Object) null).addParam("data", data.build().toString()).execute();
        }
    }

    List<Reservation> active(User reader) {
        lapseDue();
        return list(ReservationStatus.ACTIVE, null, reader);
    }

    Reservation get(long id, User reader) {
        lapseDue();
        return list(null, id, reader).stream().findFirst().orElseThrow(() -> HttpProblem.notFound("Réservation introuvable."));
    }

    private List<Reservation> list(ReservationStatus status, Long id, User reader) {
        return database.client().execute().createNamedQuery("reservations-list")
                .addParam("status", status == null ? null : status.name()).addParam("id", id)
                .addParam("siteId", reader.siteScope()).execute().map(r -> {
                    String title = ((Rows.text(r, "brand") == null ? "" : Rows.text(r, "brand")) + " "
                            + (Rows.text(r, "model") == null ? "" : Rows.text(r, "model"))).strip();
                    return new Reservation(Rows.longValue(r, "id"), Rows.longValue(r, "machine_id"), Rows.text(r, "tag"),
                            title, Rows.longValue(r, "beneficiary_id"),
                            Rows.text(r, "first_name") + " " + Rows.text(r, "last_name"), Rows.date(r, "until"),
                            ReservationStatus.valueOf(Rows.text(r, "status")));
                }).toList();
    }

    /**
     * What anyone who sees the machine may read of its reservation: the first name's initial and the date, no more
     * ("Réservée pour A. jusqu'au 12/12/2026.").
     */
    /**
     * The machine's active reservation as its page keeps it: the date and the first name's initial only. No sweep here:
     * the page is the scan's, the most frequent request; a reservation past its date is simply not shown
     * ({@link PageReservation#note}), and the next list, match or assignment journals its lapse.
     */
    Optional<PageReservation> ofMachinePage(DbExecute db, long machineId) {
        return db.createNamedGet("reservation-of-machine-page").addParam("machineId", machineId)
                .execute().map(r -> new PageReservation(Rows.date(r, "until"), initial(Rows.text(r, "first_name"))));
    }

    /** A reservation on the machine page: until when, for whom (an initial). */
    record PageReservation(LocalDate until, String initial) {

        /** "Réservée pour A. jusqu'au 12/12/2026.", or nothing once the date has passed. */
        Optional<String> note(LocalDate today) {
            return until.isBefore(today) ? Optional.empty()
                    : Optional.of("Réservée pour " + initial + " jusqu'au " + Formats.date(until) + ".");
        }
    }

    static String initial(String firstName) {
        if (firstName == null || firstName.isBlank()) {
            return "?";
        }
        return new StringBuilder().appendCodePoint(Character.toUpperCase(firstName.strip().codePointAt(0))).append('.').toString();
    }

    private static void event(DbExecute tx, long id, String kind, User actor, String note, JsonObject data) {
        tx.createNamedInsert("reservation-event-insert").addParam("reservationId", id).addParam("kind", kind)
                .addParam("actorId", actor.id()).addParam("note", note).addParam("data", data.toString()).execute();
    }
}
