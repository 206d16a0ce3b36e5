package fr.parcsolidaire.loans;

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
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The waiting list: a person asks for a machine (uses, needs, priority with its reason, household categories); the
 * request stays WAITING until the person is equipped or the request is withdrawn. Every change is journaled; a
 * reader sees only the requests of their site.
 */
final class WaitingListService {

    static final String ALREADY_WAITING = "Cette personne a déjà une demande en attente.";

    private final Database database;
    private final Clock clock;

    WaitingListService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** What a request says, checked. */
    record Fields(List<WaitingUse> uses, List<WaitingNeed> needs, WaitingPriority priority, String reason,
                  ChildrenAtHome children, InternetAccess internet) {
    }

    /** The fields a request and its edit share; mistakes go into {@code v}. */
    private static Fields fields(Validator v, Input in, List<String> useCodes, List<String> needCodes) {
        List<WaitingUse> uses = codes(v, in.field("uses"), useCodes, WaitingUse.class, WaitingUse::label);
        if (uses.isEmpty() && !v.hasError(in.field("uses"))) {
            v.reject(in.field("uses"), "Cochez au moins un usage prévu.");
        }
        List<WaitingNeed> needs = codes(v, in.field("needs"), needCodes, WaitingNeed.class, WaitingNeed::label);
        WaitingPriority priority = v.requiredEnum(in.field("priority"), in.text("priority"), WaitingPriority.class, WaitingPriority::label);
        String reason = v.optional(in.field("priorityReason"), in.text("priorityReason"), 500);
        if (priority != null && priority != WaitingPriority.NORMAL && reason == null && !v.hasError(in.field("priorityReason"))) {
            v.reject(in.field("priorityReason"), "Indiquez la raison d'une priorité « " + priority.label() + " ».");
        }
        ChildrenAtHome children = v.requiredEnum(in.field("children"), in.text("children"), ChildrenAtHome.class, ChildrenAtHome::label);
        InternetAccess internet = v.requiredEnum(in.field("internet"), in.text("internet"), InternetAccess.class, InternetAccess::label);
        return new Fields(uses, needs, priority, reason, children, internet);
    }

    /** Uses and needs come as lists of codes (API arrays, form checkboxes). */
    long create(Input in, List<String> useCodes, List<String> needCodes, User actor) {
        LocalDate today = LocalDate.now(clock);
        Validator v = new Validator();
        Integer beneficiaryId = v.integer(in.field("beneficiaryId"), in.text("beneficiaryId"), true, 1, Integer.MAX_VALUE);
        LocalDate askedOn = v.date(in.field("askedOn"), in.text("askedOn"), false, today.minusYears(2), today);
        Fields f = fields(v, in, useCodes, needCodes);
        List<WaitingUse> uses = f.uses();
        List<WaitingNeed> needs = f.needs();
        WaitingPriority priority = f.priority();
        String reason = f.reason();
        ChildrenAtHome children = f.children();
        InternetAccess internet = f.internet();
        String note = v.optional(in.field("note"), in.text("note"), 2000);
        String siteCode = v.optional(in.field("site"), in.text("site"), 30);
        v.throwIfInvalid();
        return database.inTransaction(tx -> {
            // Locks the person's row: two workers registering the same request at once queue here.
            DbRow person = tx.createNamedGet("waiting-lock-person").addParam("id", beneficiaryId)
                    .addParam("siteId", actor.siteScope()).execute()
                    .orElseThrow(() -> new ValidationException(Map.of(in.field("beneficiaryId"), "Bénéficiaire introuvable.")));
            long siteId = site(tx, siteCode, person, actor, in.field("site"));
            if (tx.createNamedGet("waiting-open-of-beneficiary").addParam("beneficiaryId", beneficiaryId).execute().isPresent()) {
                throw HttpProblem.conflict(ALREADY_WAITING);
            }
            long id;
            try {
                id = tx.createNamedGet("waiting-insert").addParam("beneficiaryId", beneficiaryId).addParam("siteId", siteId)
                        .addParam("askedOn", askedOn == null ? today : askedOn)
                        .addParam("uses", array(uses)).addParam("needs", array(needs))
                        .addParam("priority", priority.name()).addParam("priorityReason", reason)
                        .addParam("children", children.name()).addParam("internet", internet.name())
                        .addParam("createdBy", actor.id())
                        .execute().map(r -> Rows.longValue(r, "id")).orElseThrow();
            } catch (RuntimeException e) {
                if (SqlState.is(e, SqlState.UNIQUE_VIOLATION)) {
                    throw HttpProblem.conflict(ALREADY_WAITING);
                }
                throw e;
            }
            event(tx, id, "CREATED", actor, note, Jsonp.objectBuilder().add("priority", priority.name())
                    .add("uses", names(uses)).add("needs", names(needs)).build());
            return id;
        });
    }

    /**
     * The social worker revises a request still waiting (a new need, a priority raised with its reason); the journal
     * keeps the names of the fields changed, never their values.
     */
    void update(long id, Input in, List<String> useCodes, List<String> needCodes, User actor) {
        Validator v = new Validator();
        Fields f = fields(v, in, useCodes, needCodes);
        String note = v.optional(in.field("note"), in.text("note"), 2000);
        v.throwIfInvalid();
        database.inTransaction(tx -> {
            DbRow row = tx.createNamedGet("waiting-lock").addParam("id", id).addParam("siteId", actor.siteScope()).execute()
                    .orElseThrow(() -> HttpProblem.notFound("Demande introuvable."));
            if (!"WAITING".equals(Rows.text(row, "status"))) {
                throw HttpProblem.conflict("Cette demande n'est plus en attente : elle ne peut plus être modifiée.");
            }
            WaitingEntry before = query(tx, null, id, null).getFirst();
            JsonArrayBuilder changed = Jsonp.arrayBuilder();
            int count = 0;
            for (var c : List.of(
                    Map.entry("uses", before.uses().equals(f.uses())), Map.entry("needs", before.needs().equals(f.needs())),
                    Map.entry("priority", before.priority() == f.priority()),
                    Map.entry("priorityReason", java.util.Objects.equals(before.priorityReason(), f.reason())),
                    Map.entry("children", before.children() == f.children()),
                    Map.entry("internet", before.internet() == f.internet()))) {
                if (!c.getValue()) {
                    changed.add(c.getKey());
                    count++;
                }
            }
            if (count == 0) {
                return null;
            }
            tx.createNamedUpdate("waiting-update").addParam("uses", array(f.uses())).addParam("needs", array(f.needs()))
                    .addParam("priority", f.priority().name()).addParam("priorityReason", f.reason())
                    .addParam("children", f.children().name()).addParam("internet", f.internet().name())
                    .addParam("id", id).execute();
            event(tx, id, "UPDATED", actor, note, Jsonp.objectBuilder().add("fields", changed).build());
            return null;
        });
    }

    /** The request ends: the person is equipped (SERVED) or no longer waits (WITHDRAWN). */
    void close(long id, WaitingStatus to, String note, User actor) {
        database.inTransaction(tx -> {
            DbRow row = tx.createNamedGet("waiting-lock").addParam("id", id).addParam("siteId", actor.siteScope()).execute()
                    .orElseThrow(() -> HttpProblem.notFound("Demande introuvable."));
            if (!"WAITING".equals(Rows.text(row, "status"))) {
                throw HttpProblem.conflict("Cette demande n'est plus en attente.");
            }
            tx.createNamedUpdate("waiting-set-status").addParam("status", to.name()).addParam("id", id).execute();
            event(tx, id, to.name(), actor, note, Jsonp.objectBuilder().build());
            return null;
        });
    }

    /**
     * Marks the person's open request {@code entryId} (read with the assignment's checks; null: none) SERVED, with its
     * event, inside a handover's transaction.
     */
    static void served(DbExecute tx, Long entryId, long assignmentId, User actor) {
        if (entryId != null) {
            tx.createNamedInsert("waiting-served").addParam("id", entryId).addParam("actorId", actor.id())
                    .addParam("data", Jsonp.objectBuilder().add("assignmentId", assignmentId).build().toString()).execute();
        }
    }

    /** Counts of the reader's site (or all sites), for those who see no names. */
    WaitingCounts counts(User reader) {
        DbRow r = database.client().execute().createNamedGet("waiting-counts").addParam("today", LocalDate.now(clock))
                .addParam("siteId", reader.siteScope()).execute().orElseThrow();
        return new WaitingCounts(Rows.longValue(r, "waiting"), Rows.longValue(r, "prioritised"), Rows.longValue(r, "reserved"));
    }

    List<WaitingEntry> open(User reader) {
        return query(database.client().execute(), WaitingStatus.WAITING, null, reader.siteScope());
    }

    /** Every open request of every site, in the order of {@link #open}, for the machine page's kept copy. */
    List<WaitingEntry> openEverywhere() {
        return database.client().execute().createNamedQuery("waiting-open-everywhere").execute()
                .map(WaitingListService::entry).toList();
    }

    Optional<WaitingEntry> find(long id, User reader) {
        return query(database.client().execute(), null, id, reader.siteScope()).stream().findFirst();
    }

    WaitingEntry get(long id, User reader) {
        return find(id, reader).orElseThrow(() -> HttpProblem.notFound("Demande introuvable."));
    }

    static List<WaitingEntry> query(DbExecute exec, WaitingStatus status, Long id, Long siteId) {
        return exec.createNamedQuery("waiting-list").addParam("status", status == null ? null : status.name())
                .addParam("id", id).addParam("siteId", siteId).execute().map(WaitingListService::entry).toList();
    }

    private static WaitingEntry entry(DbRow r) {
        return new WaitingEntry(Rows.longValue(r, "id"), Rows.longValue(r, "beneficiary_id"),
                Rows.text(r, "first_name") + " " + Rows.text(r, "last_name"), AgeBracket.valueOf(Rows.text(r, "age_bracket")),
                Situation.valueOf(Rows.text(r, "situation")), Rows.longValue(r, "site_id"), Rows.text(r, "site_code"),
                Rows.text(r, "site_name"), Rows.date(r, "asked_on"), parse(Rows.text(r, "uses"), WaitingUse::valueOf),
                parse(Rows.text(r, "needs"), WaitingNeed::valueOf), WaitingPriority.valueOf(Rows.text(r, "priority")),
                Rows.text(r, "priority_reason"), ChildrenAtHome.valueOf(Rows.text(r, "children")),
                InternetAccess.valueOf(Rows.text(r, "internet")), WaitingStatus.valueOf(Rows.text(r, "status")));
    }

    private static <E> List<E> parse(String csv, Function<String, E> valueOf) {
        return csv == null || csv.isEmpty() ? List.of() : Arrays.stream(csv.split(",")).map(valueOf).toList();
    }

    /** The site of the request: the one named (within the actor's own), else the person's. */
    private static long site(DbExecute tx, String code, DbRow person, User actor, String field) {
        if (code == null) {
            return Rows.longValue(person, "site_id");
        }
        long id = tx.createNamedGet("site-by-code").addParam("code", code).execute().map(r -> Rows.longValue(r, "id"))
                .orElseThrow(() -> new ValidationException(Map.of(field, "Site inconnu.")));
        if (actor.siteScope() != null && actor.siteScope() != id) {
            throw new ValidationException(Map.of(field, "Vous ne pouvez inscrire une demande que sur votre site."));
        }
        return id;
    }

    /** Known codes, each once, at most as many as the enum has; one French message for the field otherwise. */
    static <E extends Enum<E>> List<E> codes(Validator v, String field, List<String> raw, Class<E> type, Function<E, String> label) {
        List<E> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        if (raw.size() > type.getEnumConstants().length) {
            v.reject(field, "Trop de valeurs.");
            return out;
        }
        for (String code : raw) {
            E value = v.optionalEnum(field, code == null ? null : code.toUpperCase(Locale.ROOT), type, label);
            if (value != null && !out.contains(value)) {
                out.add(value);
            }
        }
        return out;
    }

    private static String array(List<? extends Enum<?>> values) {
        return "{" + String.join(",", values.stream().map(Enum::name).toList()) + "}";
    }

    private static JsonArrayBuilder names(List<? extends Enum<?>> values) {
        JsonArrayBuilder b = Jsonp.arrayBuilder();
        values.forEach(e -> b.add(e.name()));
        return b;
    }

    static void event(DbExecute tx, long entryId, String kind, User actor, String note, JsonObject data) {
        tx.createNamedInsert("waiting-event-insert").addParam("entryId", entryId).addParam("kind", kind)
                .addParam("actorId", actor.id()).addParam("note", note).addParam("data", data.toString()).execute();
    }
}
