package fr.parcsolidaire.loans;

import fr.parcsolidaire.inventory.MachineEventKind;
import fr.parcsolidaire.inventory.MachineHistory;
import fr.parcsolidaire.inventory.MachineState;
import fr.parcsolidaire.inventory.MachineType;
import fr.parcsolidaire.inventory.Tags;
import fr.parcsolidaire.inventory.WorkshopService;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Jsonp;
import fr.parcsolidaire.platform.http.ValidationException;
import fr.parcsolidaire.platform.http.Validator;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Rows;
import fr.parcsolidaire.platform.sql.SqlState;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.helidon.http.Status;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The other items of a kit, as asked: {@code "items": [{"tag"} or {"name", "quantity"}]}. A tagged item is a READY
 * machine that goes ASSIGNED with the assignment, in its transaction, under the same checks (reservation included);
 * an accessory without a tag is kept by name and quantity. The contract lists them all (ContractService).
 */
record Kit(List<Item> items) {

    static final int MAX_ITEMS = 20;
    static final Kit NONE = new Kit(List.of());

    /** One requested item; {@code field} is how errors name it ("items[2].tag"). */
    record Item(String tag, String name, int quantity, String field) {
    }

    /** Reads and checks the items; every mistake at once, per field. */
    static Kit parse(Input in) {
        return parse(in, false);
    }

    /** As {@link #parse(Input)}; {@code skipBlank}: a form's empty rows are not items. */
    static Kit parse(Input in, boolean skipBlank) {
        List<Input> raw = in.list("items");
        Validator v = new Validator();
        if (raw.size() > MAX_ITEMS) {
            v.reject(in.field("items"), "Un lot compte au plus " + MAX_ITEMS + " éléments.");
            v.throwIfInvalid();
        }
        List<Item> items = new ArrayList<>();
        Set<String> tags = new HashSet<>();
        for (Input item : raw) {
            String tag = v.optional(item.field("tag"), item.text("tag"), 40);
            String name = v.optional(item.field("name"), item.text("name"), 80);
            Integer quantity = v.integer(item.field("quantity"), item.text("quantity"), false, 1, 20);
            if (skipBlank && tag == null && name == null && (item.text("quantity") == null || item.text("quantity").isBlank())) {
                continue;
            }
            if (tag != null && name != null) {
                v.reject(item.field("tag"), "Un élément a soit un numéro d'inventaire, soit un nom, pas les deux.");
            } else if (tag == null && name == null && !v.hasError(item.field("tag")) && !v.hasError(item.field("name"))) {
                v.reject(item.field("name"), "Indiquez le numéro d'inventaire ou le nom de l'élément.");
            } else if (tag != null) {
                if (quantity != null && quantity != 1) {
                    v.reject(item.field("quantity"), "Un élément qui a un numéro d'inventaire est unique.");
                }
                if (!tags.add(Tags.normalise(tag))) {
                    v.reject(item.field("tag"), "Cet élément figure deux fois dans le lot.");
                }
                items.add(new Item(Tags.normalise(tag), null, 1, item.field("tag")));
            } else if (name != null) {
                items.add(new Item(null, name, quantity == null ? 1 : quantity, item.field("name")));
            }
        }
        v.throwIfInvalid();
        return new Kit(List.copyOf(items));
    }

    /**
     * A kit asked without {@code machineTag}: its first tagged item becomes the assignment's machine, the others stay
     * items. Anything else is returned as it came, for the validation to judge.
     */
    static JsonObject withMainMachine(JsonObject body) {
        if (body.containsKey("machineTag") || !(body.get("items") instanceof JsonArray items)) {
            return body;
        }
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof JsonObject item && item.get("tag") instanceof JsonString tag) {
                JsonArrayBuilder rest = Jsonp.arrayBuilder();
                for (int j = 0; j < items.size(); j++) {
                    if (j != i) {
                        rest.add(items.get(j));
                    }
                }
                JsonObjectBuilder b = Jsonp.objectBuilder();
                body.forEach(b::add);
                return b.add("machineTag", tag.getString()).add("items", rest).build();
            }
        }
        return body;
    }

    /**
     * Hands the items over with assignment {@code assignmentId} of {@code beneficiaryId} (whose machine is
     * {@code mainTag}), inside its transaction: nothing is kept if one item fails.
     */
    void handOver(DbExecute tx, long assignmentId, long beneficiaryId, String mainTag, WorkshopService workshop,
                  ReservationService reservations, User actor) {
        int position = 0;
        for (Item item : items) {
            position++;
            Long machineId = null;
            if (item.tag() != null) {
                if (item.tag().equals(mainTag)) {
                    throw new ValidationException(Map.of(item.field(), "C'est déjà la machine principale de l'attribution."));
                }
                DbRow m = tx.createNamedGet("kit-machine-lock").addParam("tag", item.tag()).execute()
                        .orElseThrow(() -> new ValidationException(Map.of(item.field(), "Aucune machine ne porte le numéro " + item.tag() + ".")));
                machineId = Rows.longValue(m, "id");
                MachineState state = MachineState.valueOf(Rows.text(m, "state"));
                if (state == MachineState.ASSIGNED
                        || tx.createNamedGet("machine-open-assignment").addParam("machineId", machineId).execute().isPresent()
                        || tx.createNamedGet("kit-machine-out").addParam("machineId", machineId).execute().isPresent()) {
                    throw conflict(item, item.tag() + " : " + AssignmentService.ALREADY_ASSIGNED);
                }
                if (state != MachineState.READY) {
                    throw conflict(item, item.tag() + " n'est pas prête : elle est « " + state.label() + " ».");
                }
                try {
                    reservations.checkForAssignment(tx, machineId, beneficiaryId, assignmentId, actor);
                } catch (HttpProblem e) {
                    throw conflict(item, item.tag() + " : " + e.getMessage());
                }
            }
            long itemId;
            try {
                itemId = tx.createNamedGet("kit-item-insert").addParam("assignmentId", assignmentId)
                        .addParam("position", position).addParam("machineId", machineId).addParam("name", item.name())
                        .addParam("quantity", item.quantity()).execute().map(r -> Rows.longValue(r, "id")).orElseThrow();
            } catch (RuntimeException e) {
                if (SqlState.is(e, SqlState.UNIQUE_VIOLATION)) {
                    throw conflict(item, item.tag() + " : " + AssignmentService.ALREADY_ASSIGNED);
                }
                throw e;
            }
            var data = Jsonp.objectBuilder().add("assignmentId", assignmentId).add("itemId", itemId);
            if (item.tag() != null) {
                data.add("machineTag", item.tag());
                workshop.transitionForAssignment(tx, item.tag(), MachineState.ASSIGNED, actor,
                        "Remis dans le lot de l'attribution n° " + assignmentId, data.build());
            }
            tx.createNamedInsert("kit-item-event-insert").addParam("itemId", itemId).addParam("kind", "HANDED_OVER")
                    .addParam("actorId", actor.id()).addParam("note", (Object) null).addParam("data", data.build().toString()).execute();
        }
    }

    private static HttpProblem conflict(Item item, String message) {
        return new HttpProblem(Status.CONFLICT_409, "conflict", message, Map.of(item.field(), message));
    }

    static List<KitLine> lines(DbExecute exec, long assignmentId) {
        return exec.createNamedQuery("kit-items").addParam("assignmentId", assignmentId).execute().map(r -> {
            String tag = Rows.text(r, "tag");
            String title = null;
            String type = null;
            if (tag != null) {
                MachineType t = MachineType.valueOf(Rows.text(r, "type"));
                type = t.label();
                String bm = ((Rows.text(r, "brand") == null ? "" : Rows.text(r, "brand")) + " "
                        + (Rows.text(r, "model") == null ? "" : Rows.text(r, "model"))).strip();
                title = bm.isEmpty() ? t.label() : t.label() + " " + bm;
            }
            return new KitLine(Rows.longValue(r, "id"), Rows.intOrNull(r, "position"), tag, type, title,
                    Rows.text(r, "serial"), Rows.text(r, "name"), Rows.intOrNull(r, "quantity"), Rows.date(r, "returned_on"));
        }).toList();
    }

    /**
     * One item comes back on its own (the screen returned, the bag kept): recorded with its date; a tagged one goes
     * back to the workshop's diagnosis like a returned loan. A gift's items are not returned.
     */
    static long returnItem(DbExecute tx, long itemId, java.time.LocalDate on, String condition,
                           String note, WorkshopService workshop, User actor) {
        long assignmentId = tx.createNamedGet("kit-item-assignment").addParam("id", itemId).execute()
                .map(r -> Rows.longValue(r, "assignment_id")).orElseThrow(() -> HttpProblem.notFound("Élément introuvable."));
        // The assignment first, as every change of an assignment does: another site's item is "not found".
        DbRow a = AssignmentService.lock(tx, assignmentId, actor);
        if ("GIVEN".equals(Rows.text(a, "status"))) {
            throw HttpProblem.conflict("C'est un don : ses éléments ne sont pas restitués.");
        }
        DbRow item = tx.createNamedGet("kit-item-lock").addParam("id", itemId).addParam("assignmentId", assignmentId).execute()
                .orElseThrow(() -> HttpProblem.notFound("Élément introuvable."));
        if (Rows.date(item, "returned_on") != null) {
            throw HttpProblem.conflict("Cet élément est déjà restitué.");
        }
        if (on.isBefore(Rows.date(a, "starts_on"))) {
            throw new ValidationException(Map.of("returnedOn", "La restitution ne peut précéder la remise."));
        }
        tx.createNamedUpdate("kit-item-return").addParam("returnedOn", on).addParam("id", itemId).execute();
        var data = Jsonp.objectBuilder().add("assignmentId", assignmentId).add("itemId", itemId)
                .add("returnedOn", on.toString()).add("condition", condition);
        String tag = Rows.text(item, "tag");
        if (tag != null) {
            data.add("machineTag", tag);
            workshop.transitionForAssignment(tx, tag, MachineState.RETURNED, actor,
                    "Restitution d'un élément du lot (attribution n° " + assignmentId + ")", data.build());
            MachineHistory.record(tx, Rows.longValue(item, "machine_id"), MachineEventKind.TRANSITION, MachineState.RETURNED,
                    MachineState.IN_DIAGNOSIS, actor, "Retour d'un élément de lot : contrôle en atelier",
                    Jsonp.objectBuilder().add("assignmentId", assignmentId).add("condition", condition).build());
        }
        tx.createNamedInsert("kit-item-event-insert").addParam("itemId", itemId).addParam("kind", "RETURNED")
                .addParam("actorId", actor.id()).addParam("note", note).addParam("data", data.build().toString()).execute();
        return assignmentId;
    }
}
