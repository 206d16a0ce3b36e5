package fr.parcsolidaire.course;

import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

import java.time.LocalDate;

/** What the course pages show of a session: its title, dates, facilitator, and its course's completion rule. */
record SessionHead(long id, long courseId, String courseName, String label, LocalDate startsOn, LocalDate endsOn,
                   String facilitator, String siteName, Integer percent, Boolean needsChecklist) {

    String title() {
        return courseName + " · " + label;
    }

    static SessionHead of(DbExecute exec, long id) {
        return exec.createNamedGet("course-session-head").addParam("id", id).execute().map(SessionHead::row)
                .orElseThrow(() -> HttpProblem.notFound("Session introuvable."));
    }

    private static SessionHead row(DbRow r) {
        return new SessionHead(Rows.longValue(r, "id"), Rows.longValue(r, "course_id"), Rows.text(r, "course_name"),
                Rows.text(r, "label"), Rows.date(r, "starts_on"), Rows.date(r, "ends_on"), Rows.text(r, "facilitator"),
                Rows.text(r, "site_name"), Rows.intOrNull(r, "completion_percent"), Rows.bool(r, "completion_needs_checklist"));
    }
}
