package fr.parcsolidaire.outcomes;

import fr.parcsolidaire.platform.DueReminder;
import fr.parcsolidaire.platform.http.Formats;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Labelled;
import fr.parcsolidaire.platform.http.Validator;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbRow;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The follow-up 3 and 6 months after each handover: who is due (computed from the handover's date), each attempt
 * to reach the person, their answers, and the closing as "injoignable" after the third unanswered attempt.
 */
final class FollowUpService {

    /** Unanswered attempts after which a follow-up closes as unreachable. */
    static final int MAX_ATTEMPTS = 3;

    private final Database database;
    private final MachineIncidents incidents;
    private final Period notice;
    private final Clock clock;

    FollowUpService(Database database, MachineIncidents incidents, Period notice, Clock clock) {
        this.database = database;
        this.incidents = incidents;
        this.notice = notice;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The follow-ups due by today plus the notice period, of the reader's site, by site then due date. */
    List<Due> due(User reader) {
        return database.client().execute().createNamedQuery("follow-ups-due").addParam("horizon", today().plus(notice))
                .addParam("siteId", reader.siteScope()).execute()
                .map(r -> new Due(Rows.longValue(r, "assignment_id"), Rows.intOrNull(r, "milestone"),
                        Rows.date(r, "due_on"), Rows.date(r, "starts_on"), Rows.text(r, "tag"),
                        Rows.text(r, "first_name") + " " + Rows.text(r, "last_name"), Rows.text(r, "phone"),
                        Rows.text(r, "site_name"), Rows.longValue(r, "attempts")))
                .toList();
    }

    /** The follow-ups falling due on {@code day}, for their reminder: who, which handover and milestone. */
    List<DueReminder> remindersDue(LocalDate day) {
        return database.client().execute().createNamedQuery("follow-up-reminders-due").addParam("day", day).execute()
                .map(r -> new DueReminder(Rows.longValue(r, "beneficiary_id"),
                        "follow-up-" + Rows.longValue(r, "assignment_id") + "-" + Rows.intOrNull(r, "milestone"), day,
                        java.util.Map.of("months", String.valueOf(Rows.intOrNull(r, "milestone")))))
                .toList();
    }

    /** The handover a follow-up is about, as the reader may see it (404 outside their site). */
    Handover handover(long assignmentId, User reader) {
        return database.client().execute().createNamedGet("follow-up-assignment").addParam("id", assignmentId)
                .addParam("siteId", reader.siteScope()).execute().map(FollowUpService::handover)
                .orElseThrow(() -> HttpProblem.notFound("Attribution introuvable."));
    }

    List<Contact> contacts(long assignmentId) {
        return database.client().execute().createNamedQuery("follow-up-contacts-of").addParam("assignmentId", assignmentId)
                .execute().map(r -> new Contact(Rows.intOrNull(r, "milestone"), Channel.valueOf(Rows.text(r, "channel")),
                        Rows.bool(r, "answered"), Rows.text(r, "machine_use") == null ? null : MachineUse.valueOf(Rows.text(r, "machine_use")),
                        Rows.bool(r, "home_internet"), Rows.bool(r, "breakdown"), Rows.intOrNull(r, "feels_capable"),
                        Rows.timestamp(r, "at"), Rows.text(r, "actor")))
                .toList();
    }

    /**
     * Records an attempt (answered false) or the answers (answered true) of a follow-up. The handover is locked,
     * so two social workers saving at once are served one after the other and the second finds the follow-up
     * closed (409). A breakdown opens an incident on the machine in the same transaction.
     */
    Recorded record(long assignmentId, Input in, User actor) {
        Validator v = new Validator();
        Integer milestone = v.integer(in.field("milestone"), in.text("milestone"), true, 3, 6);
        if (milestone != null && milestone != 3 && milestone != 6) {
            v.reject(in.field("milestone"), "Le suivi a lieu à 3 ou à 6 mois.");
        }
        Channel channel = v.requiredEnum(in.field("channel"), in.text("channel"), Channel.class, Channel::label);
        Boolean answered = v.bool(in.field("answered"), in.text("answered"), true);
        MachineUse use = null;
        String reason = null;
        Boolean internet = null;
        String problems = null;
        Boolean breakdown = null;
        Integer capable = null;
        if (Boolean.TRUE.equals(answered)) {
            use = v.requiredEnum(in.field("machineUse"), in.text("machineUse"), MachineUse.class, MachineUse::label);
            reason = v.optional(in.field("useReason"), in.text("useReason"), 500);
            if (use == MachineUse.NO_LONGER && reason == null && !v.hasError(in.field("useReason"))) {
                v.reject(in.field("useReason"), "Dites pourquoi la machine n'est plus utilisée.");
            }
            internet = v.bool(in.field("homeInternet"), in.text("homeInternet"), true);
            problems = v.optional(in.field("problems"), in.text("problems"), 1000);
            breakdown = v.bool(in.field("breakdown"), in.text("breakdown"), false);
            capable = v.integer(in.field("feelsCapable"), in.text("feelsCapable"), true, 1, 4);
        }
        v.throwIfInvalid();
        boolean broken = Boolean.TRUE.equals(breakdown);
        MachineUse machineUse = use;
        String useReason = reason;
        Boolean homeInternet = internet;
        String problemText = problems;
        Integer feelsCapable = capable;
        return database.inTransaction(tx -> {
            DbRow a = tx.createNamedGet("follow-up-assignment-lock").addParam("id", assignmentId)
                    .addParam("siteId", actor.siteScope()).execute()
                    .orElseThrow(() -> HttpProblem.notFound("Attribution introuvable."));
            LocalDate due = Rows.date(a, "starts_on").plusMonths(milestone);
            if (today().plus(notice).isBefore(due)) {
                throw HttpProblem.conflict("Le suivi à " + milestone + " mois n'est pas encore dû : il l'est le "
                        + Formats.date(due) + ".");
            }
            tx.createNamedGet("follow-up-closure").addParam("assignmentId", assignmentId).addParam("milestone", milestone)
                    .execute().ifPresent(c -> {
                        throw HttpProblem.conflict("Le suivi à " + milestone + " mois est déjà clos ("
                                + Closure.valueOf(Rows.text(c, "status")).label() + ").");
                    });
            Long incident = broken ? incidents.breakdown(tx, assignmentId, today(),
                    "Panne signalée lors du suivi à " + milestone + " mois" + (problemText == null ? "" : " : " + problemText),
                    actor) : null;
            long contact = tx.createNamedGet("follow-up-contact-insert").addParam("assignmentId", assignmentId)
                    .addParam("milestone", milestone).addParam("channel", channel.name()).addParam("answered", answered)
                    .addParam("machineUse", machineUse == null ? null : machineUse.name()).addParam("useReason", useReason)
                    .addParam("homeInternet", homeInternet).addParam("problems", problemText)
                    .addParam("breakdown", answered ? broken : null).addParam("feelsCapable", feelsCapable)
                    .addParam("incidentId", incident).addParam("actorId", actor.id())
                    .execute().map(r -> Rows.longValue(r, "id")).orElseThrow();
            Closure closure = null;
            long attempts = tx.createNamedGet("follow-up-unanswered").addParam("assignmentId", assignmentId)
                    .addParam("milestone", milestone).execute().map(r -> Rows.longValue(r, "n")).orElse(0L);
            if (answered) {
                closure = Closure.ANSWERED;
            } else if (attempts >= MAX_ATTEMPTS) {
                closure = Closure.UNREACHABLE;
            }
            if (closure != null) {
                tx.createNamedInsert("follow-up-closure-insert").addParam("assignmentId", assignmentId)
                        .addParam("milestone", milestone).addParam("status", closure.name()).addParam("contactId", contact)
                        .execute();
            }
            return new Recorded(contact, assignmentId, milestone, attempts, closure, incident);
        });
    }

    /** The due list grouped by site, in the list's order (the page shows one heading per site). */
    static Map<String, List<Due>> bySite(List<Due> due) {
        Map<String, List<Due>> out = new LinkedHashMap<>();
        due.forEach(d -> out.computeIfAbsent(d.site(), k -> new ArrayList<>()).add(d));
        return out;
    }

    private static Handover handover(DbRow r) {
        return new Handover(Rows.longValue(r, "id"), Rows.date(r, "starts_on"), Rows.text(r, "tag"),
                Rows.text(r, "first_name") + " " + Rows.text(r, "last_name"));
    }

    /** A follow-up to make: the handover, the milestone (3 or 6 months), its due date and the attempts so far. */
    public record Due(long assignmentId, int milestone, LocalDate dueOn, LocalDate handedOverOn, String machineTag,
                      String name, String phone, String site, long attempts) {
    }

    public record Handover(long assignmentId, LocalDate handedOverOn, String machineTag, String name) {
        LocalDate dueOn(int milestone) {
            return handedOverOn.plusMonths(milestone);
        }
    }

    public record Contact(int milestone, Channel channel, boolean answered, MachineUse machineUse, Boolean homeInternet,
                          Boolean breakdown, Integer feelsCapable, OffsetDateTime at, String actor) {
    }

    /** What a save did: the contact's id, unanswered attempts so far, the closing if any, the incident opened. */
    public record Recorded(long id, long assignmentId, int milestone, long unansweredAttempts, Closure closed,
                           Long incidentId) {
    }

    /** How the social worker reached (or tried to reach) the person. */
    public enum Channel implements Labelled {
        PHONE("Téléphone"), SMS("SMS"), IN_PERSON("En personne");

        private final String label;

        Channel(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /** Whether the person still uses the machine. */
    public enum MachineUse implements Labelled {
        DAILY("Tous les jours"), WEEKLY("Chaque semaine"), RARELY("Rarement"), NO_LONGER("Plus du tout");

        private final String label;

        MachineUse(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /** How a follow-up ended. */
    public enum Closure implements Labelled {
        ANSWERED("répondu"), UNREACHABLE("injoignable");

        private final String label;

        Closure(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }
}
