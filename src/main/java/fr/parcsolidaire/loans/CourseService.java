package fr.parcsolidaire.loans;

import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.ValidationException;
import fr.parcsolidaire.platform.http.Validator;
import fr.parcsolidaire.platform.security.Permission;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Courses, their sessions and who is enrolled; every change of an enrolment is journaled. */
final class CourseService {

    private final Database database;
    private final Clock clock;

    public CourseService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public long createCourse(Input in, User actor) {
        Validator v = new Validator();
        String name = v.required(in.field("name"), in.text("name"), 120);
        String description = v.optional(in.field("description"), in.text("description"), 2000);
        v.throwIfInvalid();
        return database.inTransaction(tx -> tx.createNamedGet("course-insert").addParam("name", name)
                .addParam("description", description).addParam("createdBy", actor.id()).execute()
                .map(r -> Rows.longValue(r, "id"))
                .orElseThrow(() -> new ValidationException(Map.of(in.field("name"), "Un parcours porte déjà ce nom."))));
    }

    public long createSession(long courseId, Input in, User actor) {
        course(courseId).orElseThrow(() -> HttpProblem.notFound("Parcours introuvable."));
        Validator v = new Validator();
        String label = v.required(in.field("label"), in.text("label"), 120);
        LocalDate today = LocalDate.now(clock);
        LocalDate starts = v.date(in.field("startsOn"), in.text("startsOn"), true, today.minusYears(2), today.plusYears(2));
        LocalDate ends = v.date(in.field("endsOn"), in.text("endsOn"), true, today.minusYears(2), today.plusYears(3));
        String facilitator = v.optional(in.field("facilitator"), in.text("facilitator"), 120);
        if (starts != null && ends != null && ends.isBefore(starts)) {
            v.reject(in.field("endsOn"), "La fin doit suivre le début de la session.");
        }
        v.throwIfInvalid();
        return database.inTransaction(tx -> {
            long siteId = tx.createNamedQuery("sites-all").execute().findFirst().map(r -> Rows.longValue(r, "id")).orElseThrow();
            if (in.text("site") != null && !in.text("site").isBlank()) {
                siteId = tx.createNamedGet("site-by-code").addParam("code", in.text("site").strip()).execute()
                        .map(r -> Rows.longValue(r, "id"))
                        .orElseThrow(() -> new ValidationException(Map.of(in.field("site"), "Site inconnu.")));
            }
            return tx.createNamedGet("course-session-insert").addParam("courseId", courseId).addParam("siteId", siteId)
                    .addParam("label", label).addParam("startsOn", starts).addParam("endsOn", ends)
                    .addParam("facilitator", facilitator).addParam("createdBy", actor.id())
                    .execute().map(r -> Rows.longValue(r, "id")).orElseThrow();
        });
    }

    public long enrol(long sessionId, Input in, User actor) {
        session(sessionId).orElseThrow(() -> HttpProblem.notFound("Session introuvable."));
        Validator v = new Validator();
        Integer beneficiaryId = v.integer(in.field("beneficiaryId"), in.text("beneficiaryId"), true, 1, Integer.MAX_VALUE);
        v.throwIfInvalid();
        return database.inTransaction(tx -> {
            tx.createNamedGet("beneficiary-by-id").addParam("id", beneficiaryId).addParam("siteId", actor.siteScope()).execute()
                    .orElseThrow(() -> new ValidationException(Map.of(in.field("beneficiaryId"), "Bénéficiaire introuvable.")));
            long id = tx.createNamedGet("enrolment-insert").addParam("sessionId", sessionId)
                    .addParam("beneficiaryId", beneficiaryId).execute().map(r -> Rows.longValue(r, "id"))
                    .orElseThrow(() -> HttpProblem.conflict("Cette personne est déjà inscrite à cette session."));
            journal(tx, id, null, EnrolmentStatus.ENROLLED, actor, null);
            return id;
        });
    }

    /** Marks a participant as having completed the course or dropped out (or enrolled again). */
    public long setStatus(long enrolmentId, Input in, User actor) {
        Validator v = new Validator();
        EnrolmentStatus to = v.requiredEnum(in.field("status"), in.text("status"), EnrolmentStatus.class, EnrolmentStatus::label);
        String note = v.optional(in.field("note"), in.text("note"), 2000);
        v.throwIfInvalid();
        return database.inTransaction(tx -> {
            DbRow e = tx.createNamedGet("enrolment-lock").addParam("id", enrolmentId).addParam("siteId", actor.siteScope())
                    .execute()
                    .orElseThrow(() -> HttpProblem.notFound("Inscription introuvable."));
            changeStatus(tx, e, to, actor, note);
            return Rows.longValue(e, "session_id");
        });
    }

    /** Within the caller's transaction: the enrolment of the person in the session becomes COMPLETED. */
    static void complete(DbExecute tx, long sessionId, long beneficiaryId, User actor) {
        tx.createNamedGet("enrolment-of").addParam("sessionId", sessionId).addParam("beneficiaryId", beneficiaryId)
                .execute().ifPresent(e -> changeStatus(tx, e, EnrolmentStatus.COMPLETED, actor, "Prêt transformé en don"));
    }

    /** Within the caller's transaction: a cancelled gift puts the person back among the enrolled. */
    static void reopen(DbExecute tx, long sessionId, long beneficiaryId, User actor, String note) {
        tx.createNamedGet("enrolment-of").addParam("sessionId", sessionId).addParam("beneficiaryId", beneficiaryId)
                .execute().ifPresent(e -> changeStatus(tx, e, EnrolmentStatus.ENROLLED, actor, note));
    }

    private static void changeStatus(DbExecute tx, DbRow e, EnrolmentStatus to, User actor, String note) {
        EnrolmentStatus from = EnrolmentStatus.valueOf(Rows.text(e, "status"));
        if (from == to) {
            return;
        }
        long id = Rows.longValue(e, "id");
        tx.createNamedUpdate("enrolment-set-status").addParam("status", to.name()).addParam("id", id).execute();
        journal(tx, id, from, to, actor, note);
    }

    private static void journal(DbExecute tx, long id, EnrolmentStatus from, EnrolmentStatus to, User actor, String note) {
        tx.createNamedInsert("enrolment-event-insert").addParam("enrolmentId", id)
                .addParam("fromStatus", from == null ? null : from.name()).addParam("toStatus", to.name())
                .addParam("actorId", actor.id()).addParam("note", note).execute();
    }

    public List<Course> courses() {
        return database.client().execute().createNamedQuery("courses-all").execute()
                .map(r -> new Course(Rows.longValue(r, "id"), Rows.text(r, "name"), Rows.text(r, "description"))).toList();
    }

    public Optional<Course> course(long id) {
        return database.client().execute().createNamedGet("course-by-id").addParam("id", id).execute()
                .map(r -> new Course(Rows.longValue(r, "id"), Rows.text(r, "name"), Rows.text(r, "description")));
    }

    public List<CourseSession> sessions() {
        return database.client().execute().createNamedQuery("course-sessions-all").execute().map(CourseService::session).toList();
    }

    public Optional<CourseSession> session(long id) {
        return database.client().execute().createNamedGet("course-session-by-id").addParam("id", id).execute()
                .map(CourseService::session);
    }

    /** The participants of a session the viewer may see (their site's); names only when the viewer may see them. */
    public List<Enrolment> enrolments(long sessionId, User reader) {
        boolean withNames = reader.can(Permission.BENEFICIARIES_READ);
        return database.client().execute().createNamedQuery("course-session-enrolments").addParam("sessionId", sessionId)
                .addParam("siteId", reader.siteScope()).execute()
                .map(r -> enrolment(r, withNames)).toList();
    }

    /** The sessions a beneficiary followed ("name" holds the session's title). */
    public List<Enrolment> enrolmentsOf(long beneficiaryId, User reader) {
        return database.client().execute().createNamedQuery("beneficiary-enrolments").addParam("beneficiaryId", beneficiaryId)
                .addParam("siteId", reader.siteScope()).execute().map(r -> enrolment(r, true)).toList();
    }

    private static Enrolment enrolment(DbRow r, boolean withNames) {
        String name = withNames ? (Rows.text(r, "first_name") + " " + Rows.text(r, "last_name")).strip() : null;
        return new Enrolment(Rows.longValue(r, "id"), Rows.longValue(r, "session_id"), Rows.longValue(r, "beneficiary_id"),
                EnrolmentStatus.valueOf(Rows.text(r, "status")), name, Rows.longOrNull(r, "assignment_id"));
    }

    private static CourseSession session(DbRow r) {
        return new CourseSession(Rows.longValue(r, "id"), Rows.longValue(r, "course_id"), Rows.text(r, "course_name"),
                Rows.text(r, "label"), Rows.date(r, "starts_on"), Rows.date(r, "ends_on"), Rows.text(r, "facilitator"),
                Rows.text(r, "site_name"), Rows.longValue(r, "enrolled"), Rows.longValue(r, "completed"),
                Rows.longValue(r, "dropped_out"));
    }
}
