package fr.parcsolidaire.outcomes;

import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Jsonp;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import jakarta.json.JsonObjectBuilder;

import java.time.LocalDate;
import java.util.List;

/**
 * Demo data of outcomes, through the real services: a funder's programme over the current year with the demo's
 * donations, sessions and handovers attached, the participants' entry questionnaires (exit for some), and one
 * unanswered call on each follow-up already due.
 */
final class OutcomesDemo {

    /**
     * Entry and exit levels of the demo participants, statement by statement (the last one is "capable"): the
     * first six have both and all progressed, the last two only the entry (they joined late).
     */
    private static final int[][] ENTRY = {{1, 1, 2, 1, 1, 1, 1, 1, 1}, {2, 2, 2, 2, 1, 1, 2, 1, 2},
            {3, 3, 3, 2, 2, 2, 1, 2, 2}, {1, 2, 1, 1, 1, 1, 1, 1, 1}, {2, 1, 1, 1, 1, 1, 1, 1, 2},
            {2, 2, 3, 2, 1, 2, 2, 1, 2}, {1, 1, 1, 1, 1, 1, 1, 1, 1}, {2, 2, 2, 1, 1, 1, 1, 1, 2}};
    private static final int[][] EXIT = {{3, 3, 3, 3, 2, 2, 3, 2, 3}, {3, 3, 4, 3, 3, 2, 3, 3, 4},
            {4, 4, 4, 3, 3, 3, 3, 3, 4}, {2, 3, 2, 2, 2, 1, 2, 2, 3}, {3, 3, 3, 2, 2, 2, 2, 2, 3},
            {3, 3, 4, 3, 2, 3, 3, 2, 4}};

    private OutcomesDemo() {
    }

    static void load(Database database, SkillsService skills, FollowUpService followUps, ProgrammeService programmes,
                     LocalDate today, User actor) {
        long programme = programmes.create(Input.of(Jsonp.objectBuilder().add("name", "Inclusion numérique " + today.getYear())
                .add("funder", "Département de la Seine-Saint-Denis")
                .add("startsOn", today.withDayOfYear(1).toString())
                .add("endsOn", today.withDayOfYear(1).plusYears(1).minusDays(1).toString())
                .add("budget", "24000").add("targets", Jsonp.objectBuilder().add("people", 60).add("machines", 40)
                        .add("workshops", 48)).build()), actor);
        programmes.attach(programme, new ProgrammeService.Links(ids(database, "outcome-demo-donations"),
                ids(database, "outcome-demo-sessions"), ids(database, "outcome-demo-assignments")), actor);
        // One unanswered call on each follow-up already due: the list shows "1 essai sans réponse".
        for (FollowUpService.Due due : followUps.due(actor)) {
            followUps.record(due.assignmentId(), Input.of(Jsonp.objectBuilder().add("milestone", due.milestone())
                    .add("channel", "PHONE").add("answered", false).build()), actor);
        }
        List<Long> enrolments = ids(database, "outcome-demo-enrolments");
        List<Questionnaire.Statement> statements = skills.questionnaire().statements();
        for (int i = 0; i < enrolments.size() && i < ENTRY.length; i++) {
            skills.record(enrolments.get(i), answers("ENTRY", statements, ENTRY[i]), actor);
            if (i < EXIT.length) {
                skills.record(enrolments.get(i), answers("EXIT", statements, EXIT[i]), actor);
            }
        }
    }

    private static Input answers(String phase, List<Questionnaire.Statement> statements, int[] levels) {
        JsonObjectBuilder answers = Jsonp.objectBuilder();
        for (int i = 0; i < statements.size(); i++) {
            answers.add(statements.get(i).code(), levels[Math.min(i, levels.length - 1)]);
        }
        return Input.of(Jsonp.objectBuilder().add("phase", phase).add("answers", answers).build());
    }

    private static List<Long> ids(Database database, String statement) {
        return database.client().execute().createNamedQuery(statement).execute().map(r -> Rows.longValue(r, "id")).toList();
    }
}
