package fr.parcsolidaire.course;

import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Jsonp;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbRow;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Demo data (./parc start --demo): the loans demo's session gets four weekly workshops, the last one today at 14:00
 * (attendance still to take on the trainer's page), attendance at the three before, and checklists under way; and
 * a fifth tomorrow, whose reminder the next reminder pass queues for those who agreed (docs/messaging.md).
 */
final class CourseDemo {

    private static final String[] TOPICS = {"Allumer, se connecter, le Wi-Fi", "Naviguer et garder ses favoris",
            "Courriel et pièces jointes", "Démarches en ligne : FranceConnect, ameli, CAF"};

    private CourseDemo() {
    }

    static void load(SessionWorkshops workshops, AttendanceService attendance, ChecklistService checklists,
                     CompletionService completion, User actor) {
        var exec = completion.database().client().execute();
        long session = exec.createNamedGet("course-demo-session").execute().map(r -> Rows.longValue(r, "id")).orElseThrow();
        List<DbRow> cohort = exec.createNamedQuery("session-cohort").addParam("sessionId", session)
                .addParam("siteId", (Object) null).addParam("doneBy", LocalDate.now()).execute().toList();
        LocalDate today = workshops.today();
        String[][] marks = {{"PRESENT", "PRESENT", "PRESENT"}, {"PRESENT", "EXCUSED", "PRESENT"},
                {"PRESENT", "ABSENT", "ABSENT"}, {"ABSENT", "ABSENT", "ABSENT"}};
        for (int w = 0; w < TOPICS.length; w++) {
            LocalDate day = today.minusWeeks(TOPICS.length - 1 - w);
            long id = workshops.create(session, input(Map.of("startsAt", day + "T14:00", "durationMinutes", "120",
                    "topic", TOPICS[w])), actor);
            for (int p = 0; p < cohort.size() && w < 3; p++) {
                attendance.take(id, input(Map.of("beneficiaryId", String.valueOf(Rows.longValue(cohort.get(p), "beneficiary_id")),
                        "status", marks[p % marks.length][w])), actor);
            }
        }
        workshops.create(session, input(Map.of("startsAt", today.plusDays(1) + "T14:00", "durationMinutes", "120",
                "topic", "Sécurité : mots de passe et arnaques")), actor);
        Checklist list = checklists.current();
        for (int p = 0; p < cohort.size(); p++) {
            int items = p == 0 ? list.items().size() : p == 1 ? 6 : p == 2 ? 2 : 0;
            for (int i = 0; i < items; i++) {
                checklists.tick(Rows.longValue(cohort.get(p), "enrolment_id"), input(Map.of("item", list.items().get(i).code(),
                        "doneOn", today.minusDays(14 - i).toString())), actor);
            }
        }
    }

    private static Input input(Map<String, String> values) {
        var b = Jsonp.objectBuilder();
        values.forEach(b::add);
        return Input.of(b.build());
    }
}
