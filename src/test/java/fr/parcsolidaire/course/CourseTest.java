package fr.parcsolidaire.course;

import fr.parcsolidaire.Race;
import fr.parcsolidaire.outcomes.CourseFigures;
import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import static fr.parcsolidaire.course.CourseFixtures.SOCIAL;
import static fr.parcsolidaire.course.CourseFixtures.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Workshops, attendance, the checklist, completion and the outcome figures over the real API and database. */
class CourseTest {

    @Test
    void attendanceTakenTwiceKeepsOneRecordAndJournalsBeforeAndAfter() {
        CourseFixtures.Cohort c = CourseFixtures.cohort("Présence");
        CourseFixtures.Person p = c.people().getFirst();
        long w = CourseFixtures.workshop(c.session(), 2);
        CourseFixtures.mark(w, p, "PRESENT");
        CourseFixtures.mark(w, p, "ABSENT");
        CourseFixtures.mark(w, p, "ABSENT");
        assertEquals(1, count("SELECT count(*) FROM attendance WHERE workshop_id = " + w));
        assertEquals(1, count("SELECT count(*) FROM attendance WHERE workshop_id = " + w + " AND status = 'ABSENT'"));
        assertEquals(1, count("SELECT count(*) FROM attendance_events WHERE workshop_id = " + w
                + " AND from_status IS NULL AND to_status = 'PRESENT'"));
        assertEquals(1, count("SELECT count(*) FROM attendance_events WHERE workshop_id = " + w
                + " AND from_status = 'PRESENT' AND to_status = 'ABSENT'"));
        assertEquals(2, count("SELECT count(*) FROM attendance_events WHERE workshop_id = " + w), "the repeat changed nothing");
    }

    /** Two tablets marking the same person at once: one row, and a journal whose every "before" is the last "after". */
    @Test
    void attendanceTakenAtOnceFromSeveralTabletsKeepsOneRecordAndAnUnbrokenJournal() throws Exception {
        CourseFixtures.Cohort c = CourseFixtures.cohort("Simultanée");
        CourseFixtures.Person p = c.people().getFirst();
        long w = CourseFixtures.workshop(c.session(), 1);
        Http admin = Http.api(Role.ADMIN);
        List<java.util.concurrent.Callable<HttpResponse<String>>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Http who = i % 2 == 0 ? SOCIAL : admin;
            String status = List.of("PRESENT", "ABSENT", "EXCUSED").get(i % 3);
            calls.add(() -> who.postJson("/api/v1/workshops/" + w + "/attendance", Json.createObjectBuilder()
                    .add("beneficiaryId", p.beneficiaryId()).add("status", status).build()));
        }
        for (HttpResponse<String> answer : Race.run(calls)) {
            assertEquals(200, answer.statusCode(), answer.body());
        }
        assertEquals(1, count("SELECT count(*) FROM attendance WHERE workshop_id = " + w));
        assertEquals(0, count("SELECT count(*) FROM (SELECT to_status, lead(from_status) OVER (ORDER BY id) AS next_from,"
                + " lead(id) OVER (ORDER BY id) AS next_id FROM attendance_events WHERE workshop_id = " + w + ") e"
                + " WHERE e.next_id IS NOT NULL AND e.next_from IS DISTINCT FROM e.to_status"), "each change starts from the previous one");
        assertEquals(1, count("SELECT count(*) FROM attendance a WHERE a.workshop_id = " + w + " AND a.status = "
                + "(SELECT to_status FROM attendance_events WHERE workshop_id = " + w + " ORDER BY id DESC LIMIT 1)"),
                "the last write is the record");
    }

    @Test
    void attendanceRefusesStrangersUnknownStatusesAndFutureWorkshops() {
        CourseFixtures.Cohort c = CourseFixtures.cohort("Refus");
        long w = CourseFixtures.workshop(c.session(), 1);
        long stranger = fr.parcsolidaire.loans.LoanFixtures.beneficiary("Étranger", "Paul");
        HttpResponse<String> r = SOCIAL.postJson("/api/v1/workshops/" + w + "/attendance",
                Json.createObjectBuilder().add("beneficiaryId", stranger).add("status", "PRESENT").build());
        assertEquals(404, r.statusCode(), r.body());
        HttpResponse<String> bad = SOCIAL.postJson("/api/v1/workshops/" + w + "/attendance",
                Json.createObjectBuilder().add("beneficiaryId", c.people().getFirst().beneficiaryId()).add("status", "LATE").build());
        assertEquals(400, bad.statusCode());
        assertTrue(Http.json(bad).getJsonObject("fields").getString("status").contains("Excusé"), bad.body());
        long future = CourseFixtures.workshop(c.session(), -3);
        HttpResponse<String> early = SOCIAL.postJson("/api/v1/workshops/" + future + "/attendance",
                Json.createObjectBuilder().add("beneficiaryId", c.people().getFirst().beneficiaryId()).add("status", "PRESENT").build());
        assertEquals(409, early.statusCode());
        assertTrue(Http.json(early).getString("message").contains("pas encore eu lieu"), early.body());
        HttpResponse<String> outside = SOCIAL.postJson("/api/v1/sessions/" + c.session() + "/workshops", Json.createObjectBuilder()
                .add("startsAt", OffsetDateTime.now().plusYears(1).toString()).add("durationMinutes", 5).add("topic", "").build());
        assertEquals(400, outside.statusCode());
        JsonObject fields = Http.json(outside).getJsonObject("fields");
        assertTrue(fields.getString("startsAt").contains("pendant la session"), outside.body());
        assertTrue(fields.containsKey("durationMinutes") && fields.containsKey("topic"), outside.body());
        assertEquals(0, count("SELECT count(*) FROM attendance WHERE workshop_id IN (" + w + ", " + future + ")"));
    }

    @Test
    void theChecklistKeepsTheVersionFollowedAndRefusesUnknownItems() {
        CourseFixtures.Person p = CourseFixtures.cohort("Liste").people().getFirst();
        String path = "/api/v1/enrolments/" + p.enrolmentId() + "/checklist";
        JsonObject sheet = Http.json(Fixtures.expect(200, SOCIAL.postJson(path, Json.createObjectBuilder().add("item", "wifi")
                .add("doneOn", LocalDate.now().minusDays(3).toString()).build())));
        assertEquals("v1", sheet.getString("version"));
        assertEquals(LocalDate.now().minusDays(3).toString(), sheet.getJsonObject("done").getString("wifi"));
        assertFalse(sheet.getBoolean("complete"));
        assertEquals(1, count("SELECT count(*) FROM enrolment_checklists WHERE enrolment_id = " + p.enrolmentId() + " AND version = 'v1'"));
        Fixtures.expect(200, SOCIAL.postJson(path, Json.createObjectBuilder().add("item", "wifi").add("doneOn", LocalDate.now().toString()).build()));
        assertEquals(2, count("SELECT count(*) FROM checklist_events WHERE enrolment_id = " + p.enrolmentId()
                + " AND item = 'wifi' AND version = 'v1'"));
        HttpResponse<String> unknown = SOCIAL.postJson(path, Json.createObjectBuilder().add("item", "fax").build());
        assertEquals(400, unknown.statusCode());
        assertTrue(Http.json(unknown).getJsonObject("fields").getString("item").contains("version v1"), unknown.body());
        HttpResponse<String> future = SOCIAL.postJson(path, Json.createObjectBuilder().add("item", "compte")
                .add("doneOn", LocalDate.now().plusDays(2).toString()).build());
        assertEquals(400, future.statusCode());
        assertEquals(1, count("SELECT count(*) FROM checklist_ticks WHERE enrolment_id = " + p.enrolmentId()));
        JsonObject back = Http.json(Fixtures.expect(200, SOCIAL.postJson(path, Json.createObjectBuilder().add("item", "wifi")
                .add("done", false).build())));
        assertFalse(back.getJsonObject("done").containsKey("wifi"));
        assertEquals(1, count("SELECT count(*) FROM checklist_events WHERE enrolment_id = " + p.enrolmentId()
                + " AND item = 'wifi' AND to_done_on IS NULL AND from_done_on = current_date"));
        assertEquals(0, count("SELECT count(*) FROM checklist_ticks WHERE enrolment_id = " + p.enrolmentId()));
    }

    @Test
    void completionSortsTheCohortIntoThreeListsAtTheEdges() {
        CourseFixtures.Cohort c = CourseFixtures.cohort("Quatrequarts", "Excusée", "Juste", "Parti");
        CourseFixtures.Person exact = c.people().get(0);
        CourseFixtures.Person excused = c.people().get(1);
        CourseFixtures.Person under = c.people().get(2);
        CourseFixtures.Person gone = c.people().get(3);
        JsonObject none = CourseFixtures.completion(c.session());
        assertEquals(0, none.getInt("workshopsHeld"));
        assertEquals(0, none.getJsonArray("completed").size(), "no workshop held yet: nobody completed");
        assertEquals(4, none.getJsonArray("continuing").size());

        List<Long> w = List.of(CourseFixtures.workshop(c.session(), 20), CourseFixtures.workshop(c.session(), 13),
                CourseFixtures.workshop(c.session(), 6), CourseFixtures.workshop(c.session(), 1));
        String[][] marks = {{"PRESENT", "PRESENT", "PRESENT", "ABSENT"}, {"PRESENT", "EXCUSED", "PRESENT", "ABSENT"},
                {"PRESENT", "ABSENT", "PRESENT", "ABSENT"}, {"PRESENT", "PRESENT", "PRESENT", "PRESENT"}};
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                CourseFixtures.mark(w.get(j), c.people().get(i), marks[i][j]);
            }
            CourseFixtures.checklistDone(c.people().get(i));
        }
        CourseFixtures.workshop(c.session(), -2);
        Fixtures.expect(200, SOCIAL.postJson("/api/v1/enrolments/" + gone.enrolmentId() + "/status",
                Json.createObjectBuilder().add("status", "DROPPED_OUT").build()));

        JsonObject result = CourseFixtures.completion(c.session());
        assertEquals(4, result.getInt("workshopsHeld"), "the workshop to come is not held");
        assertEquals(75, result.getInt("attendancePercentRequired"));
        assertEquals(List.of(exact.beneficiaryId()), ids(result, "completed"), "exactly 75 %: 3 of 4");
        assertEquals(List.of(under.beneficiaryId()), ids(result, "continuing").stream().filter(x -> x == under.beneficiaryId()).toList());
        assertEquals(List.of(gone.beneficiaryId()), ids(result, "droppedOut"));
        // 2 of 3 counted (one excused) is 66 %: continuing; with a 65 % rule, completed.
        assertTrue(ids(result, "continuing").contains(excused.beneficiaryId()));
        JsonObject first = result.getJsonArray("completed").getJsonObject(0);
        assertEquals(6.0, first.getJsonNumber("attendanceHours").doubleValue(), 0.001);
        assertEquals(75, first.getInt("attendancePercent"));
        assertEquals(10, first.getInt("checklistDone"));
        assertEquals(6 + 4 + 4 + 8, result.getJsonNumber("attendanceHours").doubleValue(), 0.001);

        Fixtures.expect(200, SOCIAL.postJson("/api/v1/courses/" + c.course() + "/completion-rule",
                Json.createObjectBuilder().add("attendancePercent", 65).build()));
        JsonObject lower = CourseFixtures.completion(c.session());
        assertTrue(ids(lower, "completed").contains(excused.beneficiaryId()), lower.toString());
        assertFalse(ids(lower, "completed").contains(under.beneficiaryId()), "50 %");
        assertEquals(1, count("SELECT count(*) FROM course_rule_events WHERE course_id = " + c.course() + " AND completion_percent = 65"));
        HttpResponse<String> bad = SOCIAL.postJson("/api/v1/courses/" + c.course() + "/completion-rule",
                Json.createObjectBuilder().add("attendancePercent", 150).build());
        assertEquals(400, bad.statusCode());
    }

    @Test
    void outcomeFiguresCountWorkshopsHoursEnrolledAndCompleted() {
        CourseFixtures.Cohort c = CourseFixtures.cohort("Chiffre", "Compte");
        long w1 = CourseFixtures.workshop(c.session(), 10);
        long w2 = CourseFixtures.workshop(c.session(), 3);
        CourseFixtures.workshop(c.session(), -5);
        for (long w : List.of(w1, w2)) {
            CourseFixtures.mark(w, c.people().get(0), "PRESENT");
        }
        CourseFixtures.mark(w1, c.people().get(1), "PRESENT");
        CourseFixtures.mark(w2, c.people().get(1), "ABSENT");
        CourseFixtures.checklistDone(c.people().get(0));
        CourseFeature feature = TestApp.get().app().feature(CourseFeature.class);
        LocalDate today = LocalDate.now();
        assertEquals(new CourseFigures.Figures(2, 6.0, 2, 1), feature.of(List.of(c.session()), today.minusDays(30), today.plusDays(30)));
        assertEquals(new CourseFigures.Figures(1, 4.0, 2, 0), feature.of(List.of(c.session()), today.minusDays(30), today.minusDays(5)),
                "at the period's end only the first workshop was held; 1 of 1 attended but the checklist was ticked later");
        assertEquals(new CourseFigures.Figures(0, 0.0, 0, 0), feature.of(List.of(c.session()), today.minusYears(3), today.minusYears(2)));
        assertEquals(new CourseFigures.Figures(0, 0.0, 0, 0), feature.of(List.of(), today.minusDays(30), today));
    }

    private static List<Long> ids(JsonObject completion, String list) {
        return completion.getJsonArray(list).getValuesAs(JsonObject.class).stream()
                .map(o -> o.getJsonNumber("beneficiaryId").longValue()).toList();
    }
}
