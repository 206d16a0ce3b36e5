package fr.parcsolidaire.course;

import fr.parcsolidaire.platform.http.Formats;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Validator;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Attendance at a workshop, one row per person: taking it again replaces the status (last write wins) and the
 * journal keeps the before and after. The participant's enrolment is locked first, so that two tablets marking the
 * same person at once are serialised and each change is journaled from the status it really replaced.
 */
final class AttendanceService {

    private final Database database;
    private final SessionWorkshops workshops;
    private final Clock clock;

    AttendanceService(Database database, SessionWorkshops workshops, Clock clock) {
        this.database = database;
        this.workshops = workshops;
        this.clock = clock;
    }

    /** Records the status of one participant at the workshop; returns it. */
    AttendanceStatus take(long workshopId, Input in, User actor) {
        Validator v = new Validator();
        Integer beneficiaryId = v.integer(in.field("beneficiaryId"), in.text("beneficiaryId"), true, 1, Integer.MAX_VALUE);
        AttendanceStatus status = v.requiredEnum(in.field("status"), in.text("status"), AttendanceStatus.class, AttendanceStatus::label);
        v.throwIfInvalid();
        Workshop w = workshops.get(workshopId);
        LocalDate day = w.startsAt().atZoneSameInstant(SessionWorkshops.PARIS).toLocalDate();
        if (day.isAfter(LocalDate.now(clock.withZone(SessionWorkshops.PARIS)))) {
            throw HttpProblem.conflict("L'atelier du " + Formats.date(day)
                    + " n'a pas encore eu lieu : la présence se note le jour même ou après.");
        }
        return database.inTransaction(tx -> {
            tx.createNamedGet("workshop-participant-lock").addParam("sessionId", w.sessionId())
                    .addParam("beneficiaryId", beneficiaryId).addParam("siteId", actor.siteScope()).execute()
                    .orElseThrow(() -> HttpProblem.notFound("Participant introuvable dans cette session."));
            String before = tx.createNamedGet("attendance-current").addParam("workshopId", workshopId)
                    .addParam("beneficiaryId", beneficiaryId).execute().map(r -> Rows.text(r, "status")).orElse(null);
            if (status.name().equals(before)) {
                return status;
            }
            tx.createNamedUpdate("attendance-upsert").addParam("workshopId", workshopId).addParam("beneficiaryId", beneficiaryId)
                    .addParam("status", status.name()).addParam("actorId", actor.id()).execute();
            tx.createNamedInsert("attendance-event-insert").addParam("workshopId", workshopId)
                    .addParam("beneficiaryId", beneficiaryId).addParam("fromStatus", before)
                    .addParam("toStatus", status.name()).addParam("actorId", actor.id()).execute();
            return status;
        });
    }

    /** The statuses recorded at a workshop, by beneficiary. */
    Map<Long, AttendanceStatus> of(long workshopId) {
        Map<Long, AttendanceStatus> out = new HashMap<>();
        database.client().execute().createNamedQuery("workshop-attendance").addParam("workshopId", workshopId)
                .execute().forEach(r -> out.put(Rows.longValue(r, "beneficiary_id"),
                AttendanceStatus.valueOf(Rows.text(r, "status"))));
        return out;
    }
}
