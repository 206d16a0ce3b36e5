package fr.parcsolidaire.outcomes;

import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Jsonp;
import fr.parcsolidaire.platform.http.Validator;
import fr.parcsolidaire.platform.security.Permission;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbRow;
import jakarta.json.JsonObjectBuilder;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The skills self-assessment: the participant's answers at entry and exit of a session, kept with the version
 * of the questionnaire, and the progress they show per person and per session (docs/outcomes.md).
 */
final class SkillsService {

    private final Database database;
    private final Questionnaire questionnaire;

    SkillsService(Database database, Questionnaire questionnaire) {
        this.database = database;
        this.questionnaire = questionnaire;
    }

    Questionnaire questionnaire() {
        return questionnaire;
    }

    /** A participant's enrolment, as the reader may see it: 404 outside the reader's site. */
    EnrolmentRef enrolment(long id, User reader) {
        return database.client().execute().createNamedGet("outcome-enrolment").addParam("id", id)
                .addParam("siteId", reader.siteScope()).execute()
                .map(r -> new EnrolmentRef(Rows.longValue(r, "id"), Rows.longValue(r, "session_id"),
                        Rows.text(r, "first_name") + " " + Rows.text(r, "last_name"),
                        Rows.text(r, "course_name") + " · " + Rows.text(r, "session_label")))
                .orElseThrow(() -> HttpProblem.notFound("Inscription introuvable."));
    }

    /**
     * Records one questionnaire. Every statement needs an answer from 1 to 4; a second questionnaire for the same
     * phase is refused (409), so nothing is overwritten, including when two tablets send at once.
     */
    long record(long enrolmentId, Input in, User actor) {
        Validator v = new Validator();
        Phase phase = v.requiredEnum(in.field("phase"), in.text("phase"), Phase.class, Phase::label);
        Input answers = in.child("answers");
        JsonObjectBuilder kept = Jsonp.objectBuilder();
        int sum = 0;
        for (Questionnaire.Statement s : questionnaire.skills()) {
            Integer level = v.integer(answers.field(s.code()), answers.text(s.code()), true, 1, 4);
            if (level != null) {
                kept.add(s.code(), level);
                sum += level;
            }
        }
        Integer capable = v.integer(answers.field(questionnaire.capable().code()),
                answers.text(questionnaire.capable().code()), true, 1, 4);
        v.throwIfInvalid();
        BigDecimal mean = BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(questionnaire.skills().size()), 3, RoundingMode.HALF_UP);
        return database.inTransaction(tx -> {
            tx.createNamedGet("outcome-enrolment-lock").addParam("id", enrolmentId).addParam("siteId", actor.siteScope())
                    .execute().orElseThrow(() -> HttpProblem.notFound("Inscription introuvable."));
            return tx.createNamedGet("skill-assessment-insert").addParam("enrolmentId", enrolmentId)
                    .addParam("phase", phase.name()).addParam("version", questionnaire.version())
                    .addParam("answers", kept.build().toString()).addParam("meanLevel", mean)
                    .addParam("feelsCapable", capable).addParam("actorId", actor.id()).execute()
                    .map(r -> Rows.longValue(r, "id"))
                    .orElseThrow(() -> HttpProblem.conflict("L'auto-évaluation " + phase.label()
                            + " est déjà enregistrée pour cette personne : elle ne peut pas être remplacée."));
        });
    }

    /** Which phases this enrolment has already answered. */
    List<Phase> answered(long enrolmentId) {
        return database.client().execute().createNamedQuery("skill-assessments-of-enrolment")
                .addParam("enrolmentId", enrolmentId).execute()
                .map(r -> Phase.valueOf(Rows.text(r, "phase"))).toList();
    }

    /**
     * The progress of a session: one line per participant for those who may see names, and for everyone the
     * shares who progressed and who feel capable at exit, protected against small counts.
     */
    SessionProgress session(long sessionId, User reader) {
        DbRow s = database.client().execute().createNamedGet("outcome-session").addParam("id", sessionId)
                .addParam("siteId", reader.siteScope()).execute()
                .orElseThrow(() -> HttpProblem.notFound("Session introuvable."));
        List<PersonProgress> people = new ArrayList<>();
        database.client().execute().createNamedQuery("session-skill-progress").addParam("sessionId", sessionId)
                .addParam("siteId", reader.siteScope()).execute().forEach(r -> people.add(new PersonProgress(
                        Rows.longValue(r, "enrolment_id"), Rows.text(r, "first_name") + " " + Rows.text(r, "last_name"),
                        Rows.decimal(r, "entry_mean"), Rows.decimal(r, "exit_mean"),
                        Rows.intOrNull(r, "entry_capable"), Rows.intOrNull(r, "exit_capable"))));
        long both = people.stream().filter(p -> p.progressed() != null).count();
        long progressed = people.stream().filter(p -> Boolean.TRUE.equals(p.progressed())).count();
        long exits = people.stream().filter(p -> p.exitCapable() != null).count();
        long capable = people.stream().filter(p -> p.exitCapable() != null && p.exitCapable() >= Questionnaire.CAPABLE_FROM).count();
        return new SessionProgress(sessionId, Rows.text(s, "course_name") + " · " + Rows.text(s, "label"),
                Rows.text(s, "site_name"), reader.can(Permission.BENEFICIARIES_READ) ? people : List.of(),
                Share.of(progressed, both), Share.of(capable, exits));
    }

    public record EnrolmentRef(long id, long sessionId, String name, String session) {
    }

    /** Entry and exit of one person: mean level of the skill statements (1 to 4) and the feeling of being able. */
    public record PersonProgress(long enrolmentId, String name, BigDecimal entryMean, BigDecimal exitMean,
                                 Integer entryCapable, Integer exitCapable) {
        /** Whether the exit mean is above the entry mean; null until both are filled. */
        public Boolean progressed() {
            return entryMean == null || exitMean == null ? null : exitMean.compareTo(entryMean) > 0;
        }
    }

    public record SessionProgress(long sessionId, String session, String site, List<PersonProgress> people,
                                  Share progressed, Share capableAtExit) {
    }
}
