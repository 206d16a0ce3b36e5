package fr.parcsolidaire.course;

import fr.parcsolidaire.outcomes.CourseFigures;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Validator;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.security.Permission;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who completed a session: each participant's attendance over the workshops held (started) so far and their
 * checklist, judged by the course's rule (its own, else app.course's defaults). Dropped-out participants are listed
 * apart whatever their figures.
 */
final class CompletionService {

    private final Database database;
    private final ChecklistService checklists;
    private final Clock clock;
    private final CompletionRule defaults;

    CompletionService(Database database, ChecklistService checklists, Clock clock, CompletionRule defaults) {
        this.database = database;
        this.checklists = checklists;
        this.clock = clock;
        this.defaults = defaults;
    }

    CompletionRule rule(SessionHead s) {
        return new CompletionRule(s.percent() != null ? s.percent() : defaults.percent(),
                s.needsChecklist() != null ? s.needsChecklist() : defaults.needsChecklist());
    }

    Database database() {
        return database;
    }

    CompletionRule defaults() {
        return defaults;
    }

    SessionCompletion of(long sessionId, User reader) {
        return compute(database.client().execute(), sessionId, reader.siteScope(),
                reader.can(Permission.BENEFICIARIES_READ), now());
    }

    /** Every site's participants: loans asks before converting, within the caller's own site checks. */
    Set<Long> completedIds(long sessionId) {
        return compute(database.client().execute(), sessionId, null, false, now()).completed().stream()
                .map(Participant::beneficiaryId).collect(Collectors.toSet());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    SessionCompletion compute(DbExecute exec, long sessionId, Long siteScope, boolean withNames, OffsetDateTime heldBefore) {
        SessionHead head = SessionHead.of(exec, sessionId);
        CompletionRule rule = rule(head);
        int held = exec.createNamedGet("workshops-held").addParam("sessionId", sessionId).addParam("heldBefore", heldBefore)
                .execute().map(r -> (int) Rows.longValue(r, "held")).orElse(0);
        Map<Long, Map<AttendanceStatus, int[]>> attendance = new HashMap<>();
        exec.createNamedQuery("session-attendance").addParam("sessionId", sessionId).addParam("heldBefore", heldBefore)
                .execute().forEach(r -> attendance.computeIfAbsent(Rows.longValue(r, "beneficiary_id"), k -> new HashMap<>())
                        .put(AttendanceStatus.valueOf(Rows.text(r, "status")),
                                new int[]{(int) Rows.longValue(r, "workshops"), (int) Rows.longValue(r, "minutes")}));
        List<Participant> completed = new ArrayList<>();
        List<Participant> continuing = new ArrayList<>();
        List<Participant> droppedOut = new ArrayList<>();
        double totalHours = 0;
        // The checklist as it stood at the same moment (figures of a past period).
        LocalDate doneBy = heldBefore.minusNanos(1).atZoneSameInstant(SessionWorkshops.PARIS).toLocalDate();
        for (DbRow r : exec.createNamedQuery("session-cohort").addParam("sessionId", sessionId).addParam("siteId", siteScope)
                .addParam("doneBy", doneBy).execute().toList()) {
            long person = Rows.longValue(r, "beneficiary_id");
            Map<AttendanceStatus, int[]> mine = attendance.getOrDefault(person, Map.of());
            int present = mine.getOrDefault(AttendanceStatus.PRESENT, new int[2])[0];
            int excused = mine.getOrDefault(AttendanceStatus.EXCUSED, new int[2])[0];
            double hours = mine.getOrDefault(AttendanceStatus.PRESENT, new int[2])[1] / 60.0;
            totalHours += hours;
            String version = Rows.text(r, "checklist_version");
            Checklist checklist = checklists.followedBy(version);
            int ticks = (int) Rows.longValue(r, "ticks");
            String status = Rows.text(r, "status");
            boolean checklistDone = ticks >= checklist.items().size();
            boolean met = !"DROPPED_OUT".equals(status) && rule.met(held, present, excused, checklistDone);
            Participant p = new Participant(Rows.longValue(r, "enrolment_id"), person,
                    withNames ? (Rows.text(r, "first_name") + " " + Rows.text(r, "last_name")).strip() : null, status,
                    held, present, held - present - excused, excused, CompletionRule.rate(held, present, excused), hours,
                    checklist.version(), ticks, checklist.items().size(), checklistDone, met, Rows.longOrNull(r, "assignment_id"),
                    Rows.text(r, "tag"), Rows.text(r, "assignment_kind"), Rows.text(r, "assignment_status"),
                    Rows.date(r, "due_on"));
            ("DROPPED_OUT".equals(status) ? droppedOut : met ? completed : continuing).add(p);
        }
        return new SessionCompletion(sessionId, rule.describe(), rule.percent(), rule.needsChecklist(), held, totalHours,
                completed, continuing, droppedOut);
    }

    /** A course's own rule; journaled in course_rule_events. */
    void setRule(long courseId, Input in, User actor) {
        Validator v = new Validator();
        Integer percent = v.integer(in.field("attendancePercent"), in.text("attendancePercent"), true, 1, 100);
        Boolean needsChecklist = v.bool(in.field("checklistRequired"), in.text("checklistRequired"), false);
        v.throwIfInvalid();
        boolean checklist = needsChecklist == null || needsChecklist;
        database.inTransaction(tx -> {
            tx.createNamedGet("course-exists").addParam("id", courseId).execute()
                    .orElseThrow(() -> HttpProblem.notFound("Parcours introuvable."));
            tx.createNamedUpdate("course-rule-update").addParam("percent", percent).addParam("needsChecklist", checklist)
                    .addParam("id", courseId).execute();
            tx.createNamedInsert("course-rule-event-insert").addParam("courseId", courseId).addParam("percent", percent)
                    .addParam("needsChecklist", checklist).addParam("actorId", actor.id()).execute();
            return null;
        });
    }

    /** See {@link CourseFigures.Figures}; sessions outside the period count for nothing. */
    CourseFigures.Figures figures(Collection<Long> sessionIds, LocalDate from, LocalDate to) {
        DbExecute exec = database.client().execute();
        String ids = sessionIds.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
        OffsetDateTime start = from.atStartOfDay(SessionWorkshops.PARIS).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime end = to.plusDays(1).atStartOfDay(SessionWorkshops.PARIS).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime now = now();
        OffsetDateTime asOf = end.isBefore(now) ? end : now;
        DbRow w = exec.createNamedGet("figures-workshops").addParam("ids", ids).addParam("from", start).addParam("to", end)
                .addParam("now", now).execute().orElseThrow();
        Set<Long> overlapping = new HashSet<>();
        exec.createNamedQuery("figures-sessions").addParam("ids", ids).addParam("fromDate", from).addParam("toDate", to)
                .execute().forEach(r -> overlapping.add(Rows.longValue(r, "id")));
        int enrolled = 0;
        int completed = 0;
        for (long id : overlapping) {
            SessionCompletion c = compute(exec, id, null, false, asOf);
            enrolled += c.completed().size() + c.continuing().size() + c.droppedOut().size();
            completed += c.completed().size();
        }
        return new CourseFigures.Figures((int) Rows.longValue(w, "held"), Rows.longValue(w, "present_minutes") / 60.0,
                enrolled, completed);
    }
}
