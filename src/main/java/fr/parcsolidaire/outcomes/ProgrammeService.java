package fr.parcsolidaire.outcomes;

import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Jsonp;
import fr.parcsolidaire.platform.http.ValidationException;
import fr.parcsolidaire.platform.http.Validator;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import fr.parcsolidaire.platform.http.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Funders and their programmes, and what is attached to each one (donations, sessions, handovers), journaled. */
final class ProgrammeService {

    /** At most this many links per request: a programme is attached to a few dozen things, not a whole base. */
    static final int MAX_LINKS = 500;

    private final Database database;
    private final Clock clock;

    ProgrammeService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Creates a programme, and its funder when the name is new; 409 when the funder already has it. */
    long create(Input in, User actor) {
        Validator v = new Validator();
        String name = v.required(in.field("name"), in.text("name"), 200);
        String funder = v.required(in.field("funder"), in.text("funder"), 200);
        LocalDate today = LocalDate.now(clock);
        LocalDate starts = v.date(in.field("startsOn"), in.text("startsOn"), true, LocalDate.of(2000, 1, 1), today.plusYears(5));
        LocalDate ends = v.date(in.field("endsOn"), in.text("endsOn"), true, LocalDate.of(2000, 1, 1), today.plusYears(10));
        if (starts != null && ends != null && ends.isBefore(starts)) {
            v.reject(in.field("endsOn"), "La fin du programme doit suivre son début.");
        }
        BigDecimal budget = v.decimal(in.field("budget"), in.text("budget"), false, BigDecimal.ZERO, new BigDecimal("9999999999.99"));
        if (budget != null && budget.scale() > 2) {
            v.reject(in.field("budget"), "Deux décimales au plus (euros et centimes).");
        }
        Input targets = in.child("targets");
        Integer people = v.integer(targets.field("people"), targets.text("people"), false, 0, 1_000_000);
        Integer machines = v.integer(targets.field("machines"), targets.text("machines"), false, 0, 1_000_000);
        Integer workshops = v.integer(targets.field("workshops"), targets.text("workshops"), false, 0, 1_000_000);
        v.throwIfInvalid();
        return database.inTransaction(tx -> {
            long funderId = tx.createNamedGet("funder-insert").addParam("name", funder).addParam("actorId", actor.id())
                    .execute().or(() -> tx.createNamedGet("funder-by-name").addParam("name", funder).execute())
                    .map(r -> Rows.longValue(r, "id")).orElseThrow();
            long id = tx.createNamedGet("programme-insert").addParam("funderId", funderId).addParam("name", name)
                    .addParam("startsOn", starts).addParam("endsOn", ends).addParam("budget", budget)
                    .addParam("targetPeople", people).addParam("targetMachines", machines)
                    .addParam("targetWorkshops", workshops).addParam("actorId", actor.id()).execute()
                    .map(r -> Rows.longValue(r, "id"))
                    .orElseThrow(() -> HttpProblem.conflict("Ce financeur a déjà un programme nommé « " + name + " »."));
            event(tx, id, "CREATED", null, null, actor, Jsonp.objectBuilder().add("name", name).add("funder", funder)
                    .add("startsOn", starts.toString()).add("endsOn", ends.toString()).build().toString());
            return id;
        });
    }

    /**
     * Attaches donations, sessions and handovers to a programme, all or nothing; a link already there is kept
     * as it is (not journaled twice). Unknown ids are refused per field.
     */
    Attached attach(long programmeId, Links links, User actor) {
        List<Long> donations = links.donations();
        List<Long> sessions = links.sessions();
        List<Long> assignments = links.assignments();
        if (donations.size() + sessions.size() + assignments.size() > MAX_LINKS) {
            throw new ValidationException(Map.of("links", "Au plus " + MAX_LINKS + " rattachements à la fois."));
        }
        if (donations.isEmpty() && sessions.isEmpty() && assignments.isEmpty()) {
            throw new ValidationException(Map.of("links", "Indiquez au moins un don, une session ou une attribution."));
        }
        return database.inTransaction(tx -> {
            tx.createNamedGet("programme-lock").addParam("id", programmeId).execute()
                    .orElseThrow(() -> HttpProblem.notFound("Programme introuvable."));
            Validator v = new Validator();
            exist(tx, v, "donation-exists", "donations", donations, "Don");
            exist(tx, v, "session-exists", "sessions", sessions, "Session");
            exist(tx, v, "assignment-exists", "assignments", assignments, "Attribution");
            v.throwIfInvalid();
            int n = link(tx, programmeId, "programme-donation-insert", "DONATION", donations, actor)
                    + link(tx, programmeId, "programme-session-insert", "SESSION", sessions, actor)
                    + link(tx, programmeId, "programme-assignment-insert", "ASSIGNMENT", assignments, actor);
            return new Attached(programmeId, n);
        });
    }

    List<Programme> list() {
        return database.client().execute().createNamedQuery("programmes-all").execute().map(ProgrammeService::programme).toList();
    }

    Optional<Programme> find(long id) {
        return database.client().execute().createNamedGet("outcome-programme").addParam("id", id).execute()
                .map(ProgrammeService::programme);
    }

    /** The links of a form: numbers separated by commas or spaces. */
    static Links links(Input in) {
        return new Links(ids(in, "donations"), ids(in, "sessions"), ids(in, "assignments"));
    }

    /** The links of a JSON body: arrays of numbers. */
    static Links links(JsonObject body) {
        return new Links(ids(body, "donations"), ids(body, "sessions"), ids(body, "assignments"));
    }

    private static List<Long> ids(JsonObject body, String name) {
        List<Long> out = new ArrayList<>();
        List<JsonValue> values = Json.array(body, name, name);
        if (values.size() > MAX_LINKS) {
            throw new ValidationException(Map.of(name, "Au plus " + MAX_LINKS + " rattachements à la fois."));
        }
        for (JsonValue value : values) {
            if (!(value instanceof JsonNumber n) || !n.isIntegral() || n.bigIntegerValue().bitLength() > 62) {
                throw new ValidationException(Map.of(name, "Une liste de numéros est attendue."));
            }
            out.add(n.longValue());
        }
        return out;
    }

    private static List<Long> ids(Input in, String name) {
        String text = in.text(name);
        List<Long> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        if (text.length() > MAX_LINKS * 21) {
            throw new ValidationException(Map.of(in.field(name), "Liste trop longue."));
        }
        for (String part : text.split("[,;\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                out.add(Long.parseLong(part.strip()));
            } catch (NumberFormatException e) {
                throw new ValidationException(Map.of(in.field(name), "Des numéros séparés par des virgules sont attendus."));
            }
        }
        return out;
    }

    private static void exist(DbExecute tx, Validator v, String statement, String field, List<Long> ids, String what) {
        for (long id : ids) {
            if (tx.createNamedGet(statement).addParam("id", id).execute().isEmpty()) {
                v.reject(field, what + " n° " + id + " introuvable.");
            }
        }
    }

    private static int link(DbExecute tx, long programmeId, String statement, String target, List<Long> ids, User actor) {
        int n = 0;
        for (long id : ids) {
            if (tx.createNamedGet(statement).addParam("programmeId", programmeId).addParam("targetId", id).execute().isPresent()) {
                event(tx, programmeId, "ATTACHED", target, id, actor, "{}");
                n++;
            }
        }
        return n;
    }

    private static void event(DbExecute tx, long programmeId, String kind, String target, Long targetId, User actor, String data) {
        tx.createNamedInsert("programme-event-insert").addParam("programmeId", programmeId).addParam("kind", kind)
                .addParam("target", target).addParam("targetId", targetId).addParam("actorId", actor.id())
                .addParam("data", data).execute();
    }

    private static Programme programme(DbRow r) {
        return new Programme(Rows.longValue(r, "id"), Rows.text(r, "name"), Rows.text(r, "funder"),
                Rows.date(r, "starts_on"), Rows.date(r, "ends_on"), Rows.decimal(r, "budget_eur"),
                Rows.intOrNull(r, "target_people"), Rows.intOrNull(r, "target_machines"), Rows.intOrNull(r, "target_workshops"),
                Rows.longValue(r, "donations"), Rows.longValue(r, "sessions"), Rows.longValue(r, "assignments"));
    }

    public record Programme(long id, String name, String funder, LocalDate startsOn, LocalDate endsOn, BigDecimal budget,
                            Integer targetPeople, Integer targetMachines, Integer targetWorkshops,
                            long donations, long sessions, long assignments) {
    }

    record Links(List<Long> donations, List<Long> sessions, List<Long> assignments) {
    }

    public record Attached(long programmeId, int attached) {
    }
}
