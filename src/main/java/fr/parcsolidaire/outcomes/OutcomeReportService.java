package fr.parcsolidaire.outcomes;

import fr.parcsolidaire.inventory.MachineType;
import fr.parcsolidaire.platform.http.ValidationException;
import fr.parcsolidaire.platform.http.Validator;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import fr.parcsolidaire.reports.ImpactFactors;
import fr.parcsolidaire.reports.PeopleBreakdowns;
import fr.parcsolidaire.reports.SmallCount;
import io.helidon.dbclient.DbRow;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Computes the outcome report from plain SQL (statements/outcomes.sql), the course figures (through
 * {@link CourseFigures}) and the impact factors of the reports. Definitions: docs/outcomes.md.
 */
final class OutcomeReportService {

    static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    private final Database database;
    private final ProgrammeService programmes;
    private final PeopleWords words;
    private final CourseFigures courses;
    private final ImpactFactors impact;
    private final Clock clock;

    OutcomeReportService(Database database, ProgrammeService programmes, PeopleWords words, CourseFigures courses,
                         ImpactFactors impact, Clock clock) {
        this.database = database;
        this.programmes = programmes;
        this.words = words;
        this.courses = courses;
        this.impact = impact;
        this.clock = clock;
    }

    /**
     * Reads from, to (AAAA-MM-JJ; default: the programme's dates, else the current calendar year), site (a code;
     * an account attached to a site reports on that site only) and programme (an id).
     */
    OutcomePeriod period(Map<String, String> query, User reader) {
        Validator v = new Validator();
        LocalDate today = LocalDate.now(clock.withZone(ZONE));
        ProgrammeService.Programme programme = null;
        String programmeText = query.get("programme");
        if (programmeText != null && !programmeText.isBlank() && !programmeText.equals("all")) {
            try {
                programme = programmes.find(Long.parseLong(programmeText.strip())).orElse(null);
            } catch (NumberFormatException e) {
                programme = null;
            }
            if (programme == null) {
                v.reject("programme", "Programme inconnu.");
            }
        }
        LocalDate min = LocalDate.of(2000, 1, 1);
        LocalDate max = today.plusYears(5);
        LocalDate from = blank(query.get("from"))
                ? (programme != null ? programme.startsOn() : today.withDayOfYear(1))
                : v.date("from", query.get("from"), true, min, max);
        LocalDate to = blank(query.get("to"))
                ? (programme != null ? programme.endsOn() : today.withDayOfYear(1).plusYears(1).minusDays(1))
                : v.date("to", query.get("to"), true, min, max);
        OutcomePeriod.checkSpan(v, from, to);
        DbRow site = null;
        String asked = query.getOrDefault("site", "").strip();
        Long scope = reader.siteScope();
        if (scope != null) {
            site = database.client().execute().createNamedGet("outcome-site-by-id").addParam("id", scope).execute().orElseThrow();
            if (!asked.isEmpty() && !asked.equals("all") && !asked.equals(Rows.text(site, "code"))) {
                throw new ValidationException(Map.of("site", "Votre compte est rattaché au site « " + Rows.text(site, "name")
                        + " » : les rapports portent sur ce site."));
            }
        } else if (!asked.isEmpty() && !asked.equals("all")) {
            site = database.client().execute().createNamedGet("outcome-site-by-code").addParam("code", asked).execute().orElse(null);
            if (site == null) {
                v.reject("site", "Site inconnu.");
            }
        }
        v.throwIfInvalid();
        return site == null ? new OutcomePeriod(from, to, null, null, null, programme)
                : new OutcomePeriod(from, to, Rows.longValue(site, "id"), Rows.text(site, "code"), Rows.text(site, "name"), programme);
    }

    OutcomeReport report(OutcomePeriod p) {
        List<Long> sessions = query("outcome-sessions", p).stream().map(r -> Rows.longValue(r, "id")).toList();
        String sessionIds = sessions.stream().map(String::valueOf).collect(Collectors.joining(","));
        OutcomeReport.People people = people(query("outcome-people", p));
        CourseFigures.Figures course = courses.of(sessions, p.from(), p.to());
        DbRow skills = database.readReport(db -> db.createNamedGet("outcome-skills").addParam("sessionIds", sessionIds)
                .addParam("siteId", p.siteId()).addParam("capableFrom", Questionnaire.CAPABLE_FROM).execute().orElseThrow());
        DbRow followUps = query("outcome-follow-ups", p).getFirst();
        long received = Rows.longValue(query("outcome-received", p).getFirst(), "n");
        return new OutcomeReport(p, OffsetDateTime.now(clock), people, received, machines(query("outcome-machines", p)),
                course, Share.of(course.completed(), course.enrolled()),
                Share.of(Rows.longValue(skills, "progressed"), Rows.longValue(skills, "both_phases")),
                Share.of(Rows.longValue(skills, "capable"), Rows.longValue(skills, "exit_answered")),
                Share.of(Rows.longValue(followUps, "still_using"), Rows.longValue(followUps, "answered")),
                SmallCount.primary(SmallCount.Raw.people("UNREACHABLE", "Injoignables", Rows.longValue(followUps, "unreachable"))),
                impact(query("outcome-first-use", p)), cost(p, people));
    }

    /** Read from the replica when it is close enough behind the primary (platform/sql/Database#readReport). */
    private List<DbRow> query(String statement, OutcomePeriod p) {
        return database.readReport(db -> {
            try (var rows = db.createNamedQuery(statement).addParam("fromDate", p.from())
                    .addParam("toDate", p.to()).addParam("siteId", p.siteId()).addParam("programmeId", p.programmeId()).execute()) {
                return rows.toList();
            }
        });
    }

    private OutcomeReport.People people(List<DbRow> rows) {
        SmallCount.Protected p = PeopleBreakdowns.of(rows, words.ageBrackets(), words.situations());
        return new OutcomeReport.People(p.total(), p.breakdowns().get(0), p.breakdowns().get(1), p.breakdowns().get(2));
    }

    private static List<OutcomeReport.MachineLine> machines(List<DbRow> rows) {
        Map<MachineType, long[]> byType = new EnumMap<>(MachineType.class);
        for (DbRow r : rows) {
            byType.put(MachineType.valueOf(Rows.text(r, "type")), new long[] {Rows.longValue(r, "lent"), Rows.longValue(r, "given")});
        }
        List<OutcomeReport.MachineLine> out = new ArrayList<>();
        for (MachineType t : MachineType.values()) {
            long[] n = byType.getOrDefault(t, new long[2]);
            out.add(new OutcomeReport.MachineLine(t, n[0], n[1]));
        }
        return out;
    }

    /** Second lives credited once per machine, in the period of its first handover (the reports' rule). */
    private OutcomeReport.Impact impact(List<DbRow> rows) {
        Map<MachineType, Long> firstUse = new EnumMap<>(MachineType.class);
        for (DbRow r : rows) {
            firstUse.put(MachineType.valueOf(Rows.text(r, "type")), Rows.longValue(r, "n"));
        }
        List<OutcomeReport.ImpactLine> lines = new ArrayList<>();
        long machines = 0;
        BigDecimal kgTotal = BigDecimal.ZERO;
        BigDecimal co2Total = BigDecimal.ZERO;
        for (MachineType type : MachineType.values()) {
            long n = firstUse.getOrDefault(type, 0L);
            ImpactFactors.Factor f = impact.of(type);
            BigDecimal kg = f.weightKg().multiply(BigDecimal.valueOf(n)).setScale(1, RoundingMode.HALF_UP);
            BigDecimal co2 = f.co2ePerYearKg().multiply(f.years()).multiply(BigDecimal.valueOf(n)).setScale(0, RoundingMode.HALF_UP);
            if (n > 0) {
                lines.add(new OutcomeReport.ImpactLine(type, n, kg, co2));
            }
            machines += n;
            kgTotal = kgTotal.add(kg);
            co2Total = co2Total.add(co2);
        }
        return new OutcomeReport.Impact(machines, kgTotal, co2Total, lines, impact.source());
    }

    /** Budget ÷ people reached, only with a programme that has a budget and a published count of people. */
    private static OutcomeReport.Cost cost(OutcomePeriod p, OutcomeReport.People people) {
        if (p.programme() == null) {
            return new OutcomeReport.Cost(null, null, "choisissez un programme");
        }
        BigDecimal budget = p.programme().budget();
        if (budget == null) {
            return new OutcomeReport.Cost(null, null, "le programme n'a pas de budget");
        }
        if (people.total().suppressed()) {
            return new OutcomeReport.Cost(budget, null, "moins de 5 personnes");
        }
        if (people.total().value() == 0) {
            return new OutcomeReport.Cost(budget, null, "aucune personne touchée");
        }
        return new OutcomeReport.Cost(budget, budget.divide(BigDecimal.valueOf(people.total().value()), 2, RoundingMode.HALF_UP), null);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
