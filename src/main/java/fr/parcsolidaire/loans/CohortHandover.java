package fr.parcsolidaire.loans;

import fr.parcsolidaire.inventory.MachineState;
import fr.parcsolidaire.inventory.Tags;
import fr.parcsolidaire.platform.http.Formats;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.ValidationException;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.helidon.http.Status;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "Fill once, scan many": the machines of a whole session handed over in one go. Each row pairs a participant with
 * a machine (scanned or picked); every row is checked first and every mistake reported on its row, then all the
 * loans are created in one transaction: one conflict and nothing is kept.
 */
final class CohortHandover {

    static final int MAX_ROWS = 60;

    /** A participant of the session still without a machine. */
    record Participant(long id, String name) {
    }

    private final Database database;
    private final AssignmentService assignments;

    CohortHandover(Database database, AssignmentService assignments) {
        this.database = database;
        this.assignments = assignments;
    }

    List<Participant> participants(long sessionId, User reader) {
        return participants(database.client().execute(), sessionId, reader);
    }

    private static List<Participant> participants(DbExecute exec, long sessionId, User reader) {
        return exec.createNamedQuery("cohort-participants").addParam("sessionId", sessionId)
                .addParam("siteId", reader.siteScope()).execute()
                .map(r -> new Participant(Rows.longValue(r, "id"), Rows.text(r, "first_name") + " " + Rows.text(r, "last_name")))
                .toList();
    }

    /** Creates every loan of the rows that name a machine; returns their ids in the rows' order. */
    List<Long> handOver(long sessionId, Input in, User actor, String base) {
        List<Input> rows = in.list("rows");
        if (rows.size() > MAX_ROWS) {
            throw new ValidationException(Map.of(in.field("rows"), "Au plus " + MAX_ROWS + " lignes à la fois."));
        }
        database.client().execute().createNamedGet("course-session-by-id").addParam("id", sessionId).execute()
                .orElseThrow(() -> HttpProblem.notFound("Session introuvable."));
        Map<String, String> errors = new LinkedHashMap<>();
        List<AssignmentService.Request> requests = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        Map<String, String> conflicts = new HashMap<>();
        List<Long> enrolled = participants(sessionId, actor).stream().map(Participant::id).toList();
        for (Input row : rows) {
            String tag = row.text("machineTag");
            if (tag == null || tag.isBlank()) {
                continue;
            }
            String scanned;
            try {
                // A scanner types the label's URL as often as the bare tag.
                scanned = Tags.fromScan(tag);
            } catch (HttpProblem e) {
                errors.put(row.field("machineTag"), e.getMessage());
                continue;
            }
            Input filled = new Filled(row, Map.of("machineTag", scanned),
                    Map.of("kind", "LOAN", "sessionId", String.valueOf(sessionId)));
            try {
                AssignmentService.Request r = assignments.prepare(filled, null);
                String other = seen.putIfAbsent(Tags.normalise(r.tag()), row.field("machineTag"));
                if (other != null) {
                    errors.put(row.field("machineTag"), "Cette machine est déjà sur une autre ligne.");
                } else if (!enrolled.contains((long) r.beneficiaryId())) {
                    errors.put(row.field("beneficiaryId"), "Cette personne n'est pas inscrite à la session ou a déjà une machine.");
                } else {
                    precheck(r, errors, conflicts);
                    errors.putAll(conflicts);
                    requests.add(r);
                }
            } catch (ValidationException e) {
                errors.putAll(e.fields());
            }
        }
        if (errors.isEmpty() && requests.isEmpty()) {
            errors.put(in.field("rows"), "Scannez ou choisissez au moins une machine.");
        }
        if (!errors.isEmpty()) {
            // Only machines taken meanwhile (assigned, reserved, no longer READY): a conflict with the current state.
            if (conflicts.keySet().containsAll(errors.keySet())) {
                throw new HttpProblem(Status.CONFLICT_409, "conflict",
                        "Rien n'a été enregistré : certaines machines ne sont plus disponibles.", errors);
            }
            throw new ValidationException(errors);
        }
        return database.inTransaction(tx -> {
            List<Long> ids = new ArrayList<>();
            for (AssignmentService.Request r : requests) {
                try {
                    ids.add(assignments.create(tx, r, Kit.NONE, actor, base));
                } catch (HttpProblem e) {
                    // Someone took the machine between the check and now: the whole batch is refused, on this row.
                    if (e.fields().isEmpty()) {
                        throw new HttpProblem(e.status(), e.code(), e.getMessage(), Map.of(r.in().field("machineTag"), e.getMessage()));
                    }
                    throw e;
                }
            }
            return ids;
        });
    }

    /**
     * What can be told before the transaction: an unknown tag (an error of the row), a machine assigned, not READY or
     * reserved for someone else (a conflict with the current state).
     */
    private void precheck(AssignmentService.Request r, Map<String, String> errors, Map<String, String> conflicts) {
        String field = r.in().field("machineTag");
        Optional<DbRow> m = database.client().execute().createNamedGet("cohort-machine-check")
                .addParam("tag", Tags.normalise(r.tag())).execute();
        if (m.isEmpty()) {
            errors.put(field, "Aucune machine ne porte le numéro " + Tags.normalise(r.tag()) + ".");
            return;
        }
        MachineState state = MachineState.valueOf(Rows.text(m.get(), "state"));
        Long reservedFor = Rows.longOrNull(m.get(), "reserved_for");
        if (state == MachineState.ASSIGNED) {
            conflicts.put(field, AssignmentService.ALREADY_ASSIGNED);
        } else if (state != MachineState.READY) {
            conflicts.put(field, "La machine n'est pas prête : elle est « " + state.label() + " ».");
        } else if (reservedFor != null && reservedFor != r.beneficiaryId()
                && !Rows.date(m.get(), "until").isBefore(assignments.today())) {
            conflicts.put(field, "Cette machine est réservée pour une autre personne jusqu'au "
                    + Formats.date(Rows.date(m.get(), "until")) + ".");
        }
    }

    /** A row of the form with the tag as read from the scan, and the session's values where the row says nothing. */
    private record Filled(Input row, Map<String, String> overrides, Map<String, String> defaults) implements Input {
        @Override
        public String text(String name) {
            if (overrides.containsKey(name)) {
                return overrides.get(name);
            }
            String v = row.text(name);
            return v == null ? defaults.get(name) : v;
        }

        @Override
        public List<Input> list(String name) {
            return row.list(name);
        }

        @Override
        public Input child(String name) {
            return row.child(name);
        }

        @Override
        public String field(String name) {
            return row.field(name);
        }
    }
}
