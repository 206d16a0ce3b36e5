package fr.parcsolidaire.course;

import fr.parcsolidaire.platform.http.Formats;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Validator;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbRow;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The workshops of a session: planned with a date, time, duration, topic and trainer; today's for the trainer. */
final class SessionWorkshops {

    /** Workshops happen in France: a time without offset (a datetime-local field) is Paris time. */
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final Database database;
    private final Clock clock;

    SessionWorkshops(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    long create(long sessionId, Input in, User actor) {
        SessionHead session = SessionHead.of(database.client().execute(), sessionId);
        Validator v = new Validator();
        OffsetDateTime startsAt = startsAt(v, in.field("startsAt"), in.text("startsAt"));
        Integer minutes = v.integer(in.field("durationMinutes"), in.text("durationMinutes"), true, 15, 480);
        String topic = v.required(in.field("topic"), in.text("topic"), 200);
        String trainer = v.optional(in.field("trainer"), in.text("trainer"), 120);
        if (startsAt != null) {
            LocalDate day = startsAt.atZoneSameInstant(PARIS).toLocalDate();
            if (day.isBefore(session.startsOn()) || day.isAfter(session.endsOn())) {
                v.reject(in.field("startsAt"), "L'atelier doit avoir lieu pendant la session, du "
                        + Formats.date(session.startsOn()) + " au " + Formats.date(session.endsOn()) + ".");
            }
        }
        v.throwIfInvalid();
        String who = trainer != null ? trainer : session.facilitator() != null ? session.facilitator() : actor.displayName();
        return database.inTransaction(tx -> tx.createNamedGet("workshop-insert").addParam("sessionId", sessionId)
                .addParam("startsAt", startsAt.withOffsetSameInstant(ZoneOffset.UTC)).addParam("durationMinutes", minutes)
                .addParam("topic", topic).addParam("trainer", who).addParam("createdBy", actor.id())
                .execute().map(r -> Rows.longValue(r, "id")).orElseThrow());
    }

    /** "2026-11-28T14:00" (Paris time, as a datetime-local field sends it) or with an offset ("...+01:00", "...Z"). */
    private static OffsetDateTime startsAt(Validator v, String field, String text) {
        String t = v.required(field, text, 40);
        if (t == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(t);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(t).atZone(PARIS).toOffsetDateTime();
            } catch (DateTimeParseException again) {
                v.reject(field, "Date et heure invalides (format attendu : AAAA-MM-JJTHH:MM).");
                return null;
            }
        }
    }

    List<Workshop> ofSession(long sessionId) {
        return database.client().execute().createNamedQuery("workshops-of-session").addParam("sessionId", sessionId)
                .execute().map(this::workshop).toList();
    }

    Workshop get(long id) {
        return database.client().execute().createNamedGet("workshop-by-id").addParam("id", id).execute()
                .map(this::workshop).orElseThrow(() -> HttpProblem.notFound("Atelier introuvable."));
    }

    /** Today's workshops (Paris day) of the sessions of the reader's site, for the trainer's tablet. */
    List<Workshop> today(User reader) {
        LocalDate today = LocalDate.now(clock.withZone(PARIS));
        return database.client().execute().createNamedQuery("workshops-between")
                .addParam("from", today.atStartOfDay(PARIS).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC))
                .addParam("to", today.plusDays(1).atStartOfDay(PARIS).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC))
                .addParam("siteId", reader.siteScope())
                .execute().map(this::workshop).toList();
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(PARIS));
    }

    private Workshop workshop(DbRow r) {
        OffsetDateTime at = Rows.timestamp(r, "starts_at");
        return new Workshop(Rows.longValue(r, "id"), Rows.longValue(r, "session_id"), at,
                Rows.intOrNull(r, "duration_minutes"), Rows.text(r, "topic"), Rows.text(r, "trainer"),
                !at.toInstant().isAfter(clock.instant()), Rows.longValue(r, "present"), Rows.text(r, "session_title"));
    }
}
