package fr.parcsolidaire.loans;

import fr.parcsolidaire.inventory.InventoryRepository;
import fr.parcsolidaire.inventory.Lifecycle;
import fr.parcsolidaire.inventory.Machine;
import fr.parcsolidaire.inventory.MachineAssignments;
import fr.parcsolidaire.inventory.MachineEventKind;
import fr.parcsolidaire.inventory.MachineHistory;
import fr.parcsolidaire.inventory.MachineState;
import fr.parcsolidaire.inventory.MachineType;
import fr.parcsolidaire.inventory.Tags;
import fr.parcsolidaire.inventory.WorkshopService;
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
import fr.parcsolidaire.platform.sql.SqlState;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.io.StringReader;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Assignments of machines to beneficiaries: loan or gift, extension, return, conversion of a loan into a
 * gift, incidents. Each action locks its rows, checks the rules, changes the machine through the workshop's
 * lifecycle and appends to the assignment's history, in one transaction.
 */
final class AssignmentService {

    public static final String ALREADY_ASSIGNED = "Cette machine est déjà attribuée.";

    private final Database database;
    private final WorkshopService workshop;
    private final ContractService contracts;
    private final Clock clock;
    private final ReservationService reservations;

    public AssignmentService(Database database, WorkshopService workshop, ContractService contracts, Clock clock,
                             ReservationService reservations) {
        this.database = database;
        this.workshop = workshop;
        this.contracts = contracts;
        this.clock = clock;
        this.reservations = reservations;
    }

    /**
     * Assigns a READY machine; accessories come as a list (API, checkboxes) or, when null, as "a, b" text. The
     * contract's QR leads to the machine under {@code base}, the public address (web/PublicUrls).
     */
    public long assign(Input in, List<String> accessoryList, User actor, String base) {
        return assign(in, accessoryList, Kit.NONE, actor, base);
    }

    /** An assignment with the other items of a kit (HandoverService); one contract lists them all. */
    long assign(Input in, List<String> accessoryList, Kit kit, User actor, String base) {
        Request r = prepare(in, accessoryList);
        return database.inTransaction(tx -> create(tx, r, kit, actor, base));
    }

    /** An assignment's input, checked before any transaction; {@code in} names the fields of its errors. */
    record Request(Input in, String tag, int beneficiaryId, AssignmentKind kind, Integer sessionId, LocalDate start,
                   LocalDate dueOn, List<String> accessories, String note) {
    }

    Request prepare(Input in, List<String> accessoryList) {
        Validator v = new Validator();
        String tag = v.required(in.field("machineTag"), in.text("machineTag"), 40);
        Integer beneficiaryId = v.integer(in.field("beneficiaryId"), in.text("beneficiaryId"), true, 1, Integer.MAX_VALUE);
        AssignmentKind kind = v.requiredEnum(in.field("kind"), in.text("kind"), AssignmentKind.class, AssignmentKind::label);
        Integer sessionId = v.integer(in.field("sessionId"), in.text("sessionId"), false, 1, Integer.MAX_VALUE);
        LocalDate today = LocalDate.now(clock);
        LocalDate startsOn = v.date(in.field("startsOn"), in.text("startsOn"), false, today.minusMonths(3), today.plusMonths(3));
        LocalDate dueOn = v.date(in.field("dueOn"), in.text("dueOn"), false, today, today.plusYears(3));
        List<String> accessories = accessoryList != null ? clean(accessoryList) : split(in.text("accessories"));
        if (accessories.size() > 20 || accessories.stream().anyMatch(a -> a.length() > 80)) {
            v.reject(in.field("accessories"), "Au plus 20 accessoires de 80 caractères chacun.");
        }
        String note = v.optional(in.field("note"), in.text("note"), 2000);
        v.throwIfInvalid();
        return new Request(in, tag, beneficiaryId, kind, sessionId, startsOn == null ? today : startsOn, dueOn, accessories, note);
    }

    /**
     * Creates the assignment inside the caller's transaction: the machine's row locked, its state, open assignment
     * and reservation checked, the kit's items handed over, the contract generated. The contract of an assignment
     * without a kit is laid out on a thread of its own while the checks and writes go on (a kit's waits for its items);
     * it is archived, with its event, before the transaction commits, or not at all.
     */
    long create(DbExecute tx, Request request, Kit kit, User actor, String base) {
        Input in = request.in();
        String tag = request.tag();
        int beneficiaryId = request.beneficiaryId();
        AssignmentKind kind = request.kind();
        Integer sessionId = request.sessionId();
        LocalDate start = request.start();
        List<String> accessories = request.accessories();
        DbRow open = tx.createNamedGet("assignment-open").addParam("beneficiaryId", beneficiaryId)
                .addParam("siteId", actor.siteScope()).addParam("sessionId", sessionId).addParam("tag", Tags.normalise(tag))
                .execute().orElseThrow();
        if (Rows.longOrNull(open, "beneficiary_id") == null) {
            throw new ValidationException(Map.of(in.field("beneficiaryId"), "Bénéficiaire introuvable."));
        }
        LocalDate due = request.dueOn();
        if (sessionId != null) {
            if (Rows.longOrNull(open, "session_id") == null) {
                throw new ValidationException(Map.of(in.field("sessionId"), "Session introuvable."));
            }
            if (due == null) {
                due = Rows.date(open, "ends_on");
            }
        }
        if (kind == AssignmentKind.LOAN && (due == null || due.isBefore(start))) {
            throw new ValidationException(Map.of(in.field("dueOn"),
                    due == null ? "Indiquez la date de retour du prêt (ou choisissez une session)."
                            : "La date de retour doit suivre le début du prêt."));
        }
        Long lockedId = Rows.longOrNull(open, "machine_id");
        if (lockedId == null) {
            throw Tags.notFound(tag);
        }
        long machineId = lockedId;
        String machineTag = Rows.text(open, "tag");
        MachineState state = MachineState.valueOf(Rows.text(open, "state"));
        if (state == MachineState.ASSIGNED) {
            throw HttpProblem.conflict(ALREADY_ASSIGNED);
        }
        if (state != MachineState.READY) {
            throw HttpProblem.conflict(tx.createNamedGet("machine-open-assignment").addParam("machineId", machineId)
                    .execute().isPresent() ? ALREADY_ASSIGNED
                    : "La machine n'est pas prête : elle est « " + state.label() + " ».");
        }
        long id = Rows.longValue(open, "assignment_id");
        LocalDate loanDue = kind == AssignmentKind.LOAN ? due : null;
        ContractService.Rendering contract = null;
        if (kit.items().isEmpty()) {
            contract = contracts.startRendering(contractOf(tx, open, id, kind, accessories, start, loanDue, actor, base, List.of()));
        }
        var data = Jsonp.objectBuilder().add("kind", kind.name()).add("machineTag", machineTag)
                .add("startsOn", start.toString()).add("accessories", array(accessories));
        if (loanDue != null) {
            data.add("dueOn", loanDue.toString());
        }
        DbRow checks;
        try {
            checks = tx.createNamedGet("assignment-create").addParam("id", id).addParam("machineId", machineId)
                    .addParam("beneficiaryId", beneficiaryId).addParam("sessionId", sessionId)
                    .addParam("kind", kind.name())
                    .addParam("status", kind == AssignmentKind.LOAN ? "ACTIVE" : "GIVEN")
                    .addParam("startsOn", start).addParam("dueOn", loanDue)
                    .addParam("accessories", array(accessories).build().toString()).addParam("createdBy", actor.id())
                    .addParam("note", request.note()).addParam("data", data.build().toString())
                    .execute().orElseThrow();
        } catch (RuntimeException e) {
            // The partial unique index is the last word if two assignments ever pass the lock together.
            if (SqlState.is(e, SqlState.UNIQUE_VIOLATION)) {
                throw HttpProblem.conflict(ALREADY_ASSIGNED);
            }
            throw e;
        }
        if (Boolean.TRUE.equals(Rows.bool(checks, "assigned"))) {
            throw HttpProblem.conflict(ALREADY_ASSIGNED);
        }
        // The machine is locked since assignment-open, which read its state and type under the lock.
        workshop.transitionForAssignment(tx, machineId, state, MachineType.valueOf(Rows.text(open, "type")),
                MachineState.ASSIGNED, actor,
                kind == AssignmentKind.LOAN ? "Prêt (attribution n° " + id + ")" : "Don (attribution n° " + id + ")",
                Jsonp.objectBuilder().add("assignmentId", id).add("kind", kind.name()).build());
        Long reservationId = Rows.longOrNull(checks, "reservation_id");
        reservations.checkForAssignment(tx, reservationId == null ? null : new ReservationService.Held(reservationId,
                Rows.longValue(checks, "reserved_for"), Rows.date(checks, "until")), beneficiaryId, id, actor);
        kit.handOver(tx, id, beneficiaryId, machineTag, workshop, reservations, actor);
        WaitingListService.served(tx, Rows.longOrNull(checks, "waiting_id"), id, actor);
        if (contract == null) {
            contract = contracts.startRendering(contractOf(tx, open, id, kind, accessories, start, loanDue, actor, base,
                    Kit.lines(tx, id)));
        }
        contracts.archive(tx, contract, actor);
        return id;
    }

    /**
     * The contract of a new assignment from what it was created with ({@code open}: its assignment-open row). The
     * machine is read under its lock, which every workshop change takes too: what the contract prints of it
     * (specifications, disks and their erasures) cannot change before the commit; the assignment's transition changes
     * only its state and history, which the contract does not print.
     */
    private ContractDocument contractOf(DbExecute tx, DbRow open, long id, AssignmentKind kind, List<String> accessories,
                                        LocalDate start, LocalDate due, User actor, String base, List<KitLine> kitLines) {
        Machine machine = InventoryRepository.machine(tx, Rows.text(open, "tag")).orElseThrow();
        return contracts.document(kind, id, Rows.text(open, "first_name") + " " + Rows.text(open, "last_name"),
                Rows.text(open, "postcode"), Rows.text(open, "commune"), machine, accessories, start, due, actor, base,
                kitLines);
    }

    public void extend(long id, Input in, User actor) {
        LocalDate today = LocalDate.now(clock);
        Validator v = new Validator();
        LocalDate dueOn = v.date(in.field("dueOn"), in.text("dueOn"), true, today, today.plusYears(3));
        String note = v.optional(in.field("note"), in.text("note"), 2000);
        v.throwIfInvalid();
        database.inTransaction(tx -> {
            DbRow a = activeLoan(tx, id, actor, "prolongé");
            LocalDate before = Rows.date(a, "due_on");
            if (!dueOn.isAfter(before)) {
                throw new ValidationException(Map.of(in.field("dueOn"), "La nouvelle date doit suivre l'échéance actuelle ("
                        + Formats.date(before) + ")."));
            }
            tx.createNamedUpdate("assignment-set-due").addParam("dueOn", dueOn).addParam("id", id).execute();
            event(tx, id, "EXTENDED", actor, note, Jsonp.objectBuilder()
                    .add("from", before.toString()).add("to", dueOn.toString()).build());
            return null;
        });
    }

    /**
     * The loan comes back: condition check and missing accessories go into the history; the machine goes
     * RETURNED, then straight back to diagnosis in the workshop.
     */
    public void returnLoan(long id, Input in, List<String> missingList, User actor) {
        LocalDate today = LocalDate.now(clock);
        Validator v = new Validator();
        ReturnCondition condition = v.requiredEnum(in.field("condition"), in.text("condition"), ReturnCondition.class, ReturnCondition::label);
        LocalDate returnedOn = v.date(in.field("returnedOn"), in.text("returnedOn"), false, today.minusYears(3), today);
        List<String> missing = missingList != null ? clean(missingList) : split(in.text("missingAccessories"));
        String note = v.optional(in.field("note"), in.text("note"), 2000);
        v.throwIfInvalid();
        database.inTransaction(tx -> {
            DbRow a = activeLoan(tx, id, actor, "restitué");
            LocalDate on = returnedOn == null ? today : returnedOn;
            if (on.isBefore(Rows.date(a, "starts_on"))) {
                throw new ValidationException(Map.of(in.field("returnedOn"), "La restitution ne peut précéder le prêt."));
            }
            tx.createNamedUpdate("assignment-end").addParam("status", "RETURNED").addParam("endedOn", on)
                    .addParam("id", id).execute();
            JsonObject data = Jsonp.objectBuilder().add("condition", condition.name()).add("returnedOn", on.toString())
                    .add("missingAccessories", array(missing)).build();
            String tag = Rows.text(a, "tag");
            // The loan's id in the machine's history too: anonymising the person finds the return by it (V16).
            var machineData = Jsonp.objectBuilder().add("assignmentId", id);
            data.forEach(machineData::add);
            workshop.transitionForAssignment(tx, tag, MachineState.RETURNED, actor,
                    "Restitution (attribution n° " + id + ")", machineData.build());
            if (!Lifecycle.allowed(MachineState.RETURNED, MachineState.IN_DIAGNOSIS, Lifecycle.Channel.WORKSHOP)) {
                throw new IllegalStateException("lifecycle no longer sends returns to diagnosis");
            }
            MachineHistory.record(tx, Rows.longValue(a, "machine_id"), MachineEventKind.TRANSITION, MachineState.RETURNED,
                    MachineState.IN_DIAGNOSIS, actor, "Retour de prêt : contrôle en atelier",
                    Jsonp.objectBuilder().add("assignmentId", id).add("condition", condition.name()).build());
            event(tx, id, "RETURNED", actor, note, data);
            return null;
        });
    }

    /** Records an incident on the assignment; returns the incident's id. */
    public long incident(long id, Input in, User actor) {
        LocalDate today = LocalDate.now(clock);
        Validator v = new Validator();
        IncidentKind kind = v.requiredEnum(in.field("kind"), in.text("kind"), IncidentKind.class, IncidentKind::label);
        LocalDate on = v.date(in.field("occurredOn"), in.text("occurredOn"), false, today.minusYears(3), today);
        String note = v.optional(in.field("note"), in.text("note"), 2000);
        v.throwIfInvalid();
        return database.inTransaction(tx -> incident(tx, id, kind, on == null ? today : on, note, actor));
    }

    /** Records an incident in the caller's transaction (the follow-ups report breakdowns through it); returns its id. */
    static long incident(DbExecute tx, long id, IncidentKind kind, LocalDate occurred, String note, User actor) {
        lock(tx, id, actor);
        long incidentId = tx.createNamedGet("incident-insert").addParam("assignmentId", id).addParam("kind", kind.name())
                .addParam("occurredOn", occurred).addParam("note", note).addParam("createdBy", actor.id())
                .execute().map(r -> Rows.longValue(r, "id")).orElseThrow();
        event(tx, id, "INCIDENT", actor, note, Jsonp.objectBuilder().add("incidentId", incidentId)
                .add("kind", kind.name()).add("occurredOn", occurred.toString()).build());
        return incidentId;
    }

    /** An assignment as the reader may see it: names only with BENEFICIARIES_READ, nothing outside their site (404). */
    public Optional<Assignment> find(long id, User reader) {
        return database.client().execute().createNamedGet("assignment-by-id").addParam("id", id)
                .addParam("siteId", reader.siteScope()).execute()
                .map(r -> assignment(r, reader.can(Permission.BENEFICIARIES_READ)));
    }

    public Assignment get(long id, User reader) {
        return find(id, reader).orElseThrow(() -> HttpProblem.notFound("Attribution introuvable."));
    }

    /** The assignments of one machine, newest first: names only for those who may see them, only of their site. */
    /** Every assignment of the machine for its page, newest first, every site's, names included: the page filters. */
    List<MachineAssignments.Line> ofMachinePage(DbExecute db, long machineId) {
        return db.createNamedQuery("machine-assignments")
                .addParam(machineId).addParam((Object) null).addParam((Object) null)
                .execute().map(r -> {
                    Assignment a = assignment(r, true);
                    return new MachineAssignments.Line(a.id(), a.kind().label(), a.status().label(), a.startsOn(), a.dueOn(),
                            Rows.longValue(r, "beneficiary_site_id"), a.beneficiaryName());
                }).toList();
    }

    public List<Assignment> list(Long beneficiaryId, Long machineId, AssignmentStatus status, User reader) {
        return query(database.client().execute(), beneficiaryId, machineId, status, null, reader);
    }

    /** Active loans past their due date, the longest overdue first. */
    public List<Assignment> overdue(User reader) {
        return query(database.client().execute(), null, null, null, LocalDate.now(clock), reader);
    }

    static List<Assignment> query(DbExecute exec, Long beneficiaryId, Long machineId, AssignmentStatus status,
                                  LocalDate overdueBefore, User reader) {
        return exec.createNamedQuery("assignments-list")
                .addParam("beneficiaryId", beneficiaryId).addParam("machineId", machineId)
                .addParam("status", status == null ? null : status.name()).addParam("overdueBefore", overdueBefore)
                .addParam("siteId", reader.siteScope())
                .execute().map(r -> assignment(r, reader.can(Permission.BENEFICIARIES_READ))).toList();
    }

    public List<AssignmentEvent> events(long id) {
        return database.client().execute().createNamedQuery("assignment-events").addParam("assignmentId", id).execute()
                .map(r -> new AssignmentEvent(Rows.longValue(r, "id"), Rows.text(r, "kind"), Rows.text(r, "actor"),
                        Rows.timestamp(r, "at"), Rows.text(r, "note"), Rows.text(r, "data"))).toList();
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** Locks the assignment for a change by the actor; one of another site is "not found", like an unknown one. */
    static DbRow lock(DbExecute tx, long id, User actor) {
        return tx.createNamedGet("assignment-lock").addParam("id", id).addParam("siteId", actor.siteScope()).execute()
                .orElseThrow(() -> HttpProblem.notFound("Attribution introuvable."));
    }

    private static DbRow activeLoan(DbExecute tx, long id, User actor, String verb) {
        DbRow a = lock(tx, id, actor);
        AssignmentStatus status = AssignmentStatus.valueOf(Rows.text(a, "status"));
        if (status == AssignmentStatus.GIVEN) {
            throw HttpProblem.conflict("C'est un don : il ne peut plus être " + verb + ".");
        }
        if (status != AssignmentStatus.ACTIVE) {
            throw HttpProblem.conflict("Ce prêt est terminé (« " + status.label() + " ») : il ne peut plus être " + verb + ".");
        }
        return a;
    }

    static void event(DbExecute tx, long assignmentId, String kind, User actor, String note, JsonObject data) {
        tx.createNamedInsert("assignment-event-insert").addParam("assignmentId", assignmentId).addParam("kind", kind)
                .addParam("actorId", actor.id()).addParam("note", note).addParam("data", data.toString()).execute();
    }

    static Assignment assignment(DbRow r, boolean withNames) {
        String title = ((Optional.ofNullable(Rows.text(r, "brand")).orElse("") + " "
                + Optional.ofNullable(Rows.text(r, "model")).orElse("")).strip());
        MachineType type = MachineType.valueOf(Rows.text(r, "type"));
        return new Assignment(Rows.longValue(r, "id"), Rows.longValue(r, "machine_id"), Rows.text(r, "tag"), type,
                title.isEmpty() ? type.label() : title, Rows.longValue(r, "beneficiary_id"),
                withNames ? Rows.text(r, "first_name") + " " + Rows.text(r, "last_name") : null,
                Rows.longOrNull(r, "session_id"), Rows.text(r, "session_label"),
                AssignmentKind.valueOf(Rows.text(r, "kind")), AssignmentStatus.valueOf(Rows.text(r, "status")),
                Rows.date(r, "starts_on"), Rows.date(r, "due_on"), Rows.date(r, "ended_on"),
                accessories(Rows.text(r, "accessories")), Rows.timestamp(r, "created_at"), Rows.text(r, "created_by_name"));
    }

    static List<String> accessories(String json) {
        if (json == null) {
            return List.of();
        }
        try (var reader = Jsonp.reader(new StringReader(json))) {
            return reader.readArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        }
    }

    private static List<String> split(String text) {
        return text == null ? List.of() : clean(Arrays.asList(text.split("[,;\\n]")));
    }

    private static List<String> clean(List<String> items) {
        List<String> out = new ArrayList<>();
        for (String s : items) {
            String t = s == null ? "" : s.strip();
            if (!t.isEmpty() && !out.contains(t) && t.chars().noneMatch(Character::isISOControl)) {
                out.add(t);
            }
        }
        return out;
    }

    private static JsonArrayBuilder array(List<String> items) {
        JsonArrayBuilder b = Jsonp.arrayBuilder();
        items.forEach(b::add);
        return b;
    }
}
