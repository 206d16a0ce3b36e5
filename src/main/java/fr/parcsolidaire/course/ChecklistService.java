package fr.parcsolidaire.course;

import fr.parcsolidaire.platform.http.Confirmations;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.ValidationException;
import fr.parcsolidaire.platform.http.Validator;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbRow;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The set-up checklist of each participant. The first tick fixes the version the person follows (the current one,
 * app.course.checklist); a later version of the file changes nothing for them. Ticking an item again changes its
 * date, journaled with the before and after.
 */
final class ChecklistService {

    private final Database database;
    private final Clock clock;
    private final String currentVersion;
    private final Map<String, Checklist> versions = new ConcurrentHashMap<>();

    ChecklistService(Database database, Clock clock, String currentVersion) {
        this.database = database;
        this.clock = clock;
        this.currentVersion = currentVersion;
        if (version(currentVersion).isEmpty()) {
            throw new IllegalStateException("app.course.checklist: no course/checklist-" + currentVersion + ".properties");
        }
    }

    Optional<Checklist> version(String version) {
        Checklist known = versions.get(version == null ? "" : version);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Checklist> loaded = Checklist.load(version);
        // Declared as the version is read (the current one at start-up, an older one before its first page or
        // tick), so every instance knows the keys before it shows one.
        loaded.ifPresent(c -> {
            Confirmations.declare(c.confirmations());
            versions.put(c.version(), c);
        });
        return loaded;
    }

    Checklist current() {
        return version(currentVersion).orElseThrow();
    }

    /** The version a participant follows: theirs once started, else the current one. */
    Checklist followedBy(String storedVersion) {
        return storedVersion == null ? current() : version(storedVersion).orElseThrow(() ->
                new IllegalStateException("checklist version " + storedVersion + " is no longer in the repository"));
    }

    record Sheet(long enrolmentId, long sessionId, long beneficiaryId, String name, Checklist checklist,
                 Map<String, LocalDate> done) {
    }

    Sheet sheet(long enrolmentId, User reader) {
        DbRow e = database.client().execute().createNamedGet("enrolment-for-checklist").addParam("id", enrolmentId)
                .addParam("siteId", reader.siteScope()).execute()
                .orElseThrow(() -> HttpProblem.notFound("Inscription introuvable."));
        Map<String, LocalDate> done = new HashMap<>();
        database.client().execute().createNamedQuery("checklist-ticks").addParam("enrolmentId", enrolmentId).execute()
                .forEach(r -> done.put(Rows.text(r, "item"), Rows.date(r, "done_on")));
        return new Sheet(enrolmentId, Rows.longValue(e, "session_id"), Rows.longValue(e, "beneficiary_id"),
                (Rows.text(e, "first_name") + " " + Rows.text(e, "last_name")).strip(),
                followedBy(Rows.text(e, "version")), done);
    }

    /**
     * Ticks an item (doneOn: today when absent), or takes a mistaken tick back ({@code done: false}); returns the
     * key of its confirmation (platform/http/Confirmations).
     */
    String tick(long enrolmentId, Input in, User actor) {
        LocalDate today = LocalDate.now(clock.withZone(SessionWorkshops.PARIS));
        Validator v = new Validator();
        String item = v.required(in.field("item"), in.text("item"), 40);
        LocalDate doneOn = v.date(in.field("doneOn"), in.text("doneOn"), false, today.minusYears(2), today);
        Boolean done = v.bool(in.field("done"), in.text("done"), false);
        v.throwIfInvalid();
        LocalDate on = Boolean.FALSE.equals(done) ? null : doneOn == null ? today : doneOn;
        return database.inTransaction(tx -> {
            DbRow e = tx.createNamedGet("enrolment-for-checklist-lock").addParam("id", enrolmentId)
                    .addParam("siteId", actor.siteScope()).execute()
                    .orElseThrow(() -> HttpProblem.notFound("Inscription introuvable."));
            String stored = Rows.text(e, "version");
            Checklist checklist = followedBy(stored);
            Checklist.Item it = checklist.item(item).orElseThrow(() -> new ValidationException(
                    Map.of(in.field("item"), "Cet élément ne fait pas partie de la prise en main suivie (version "
                            + checklist.version() + ").")));
            if (stored == null) {
                tx.createNamedInsert("enrolment-checklist-insert").addParam("enrolmentId", enrolmentId)
                        .addParam("version", checklist.version()).execute();
            }
            LocalDate before = tx.createNamedGet("checklist-tick-current").addParam("enrolmentId", enrolmentId)
                    .addParam("item", it.code()).execute().map(r -> Rows.date(r, "done_on")).orElse(null);
            String confirmation = checklist.confirmation(it, on != null);
            if (Objects.equals(on, before)) {
                return confirmation;
            }
            if (on == null) {
                tx.createNamedDelete("checklist-tick-delete").addParam("enrolmentId", enrolmentId).addParam("item", it.code())
                        .execute();
            } else {
                tx.createNamedUpdate("checklist-tick-upsert").addParam("enrolmentId", enrolmentId).addParam("item", it.code())
                        .addParam("doneOn", on).addParam("actorId", actor.id()).execute();
            }
            tx.createNamedInsert("checklist-event-insert").addParam("enrolmentId", enrolmentId)
                    .addParam("version", checklist.version()).addParam("item", it.code()).addParam("fromDoneOn", before)
                    .addParam("toDoneOn", on).addParam("actorId", actor.id()).execute();
            return confirmation;
        });
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(SessionWorkshops.PARIS));
    }
}
