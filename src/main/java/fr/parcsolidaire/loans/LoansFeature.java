package fr.parcsolidaire.loans;

import fr.parcsolidaire.gdpr.PersonLabels;
import fr.parcsolidaire.inventory.InventoryFeature;
import fr.parcsolidaire.inventory.MachineAssignments;
import fr.parcsolidaire.outcomes.CourseFigures;
import fr.parcsolidaire.outcomes.MachineIncidents;
import fr.parcsolidaire.outcomes.PeopleWords;
import fr.parcsolidaire.platform.Feature;
import fr.parcsolidaire.platform.Platform;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import io.helidon.dbclient.DbExecute;
import io.helidon.webserver.http.HttpService;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Beneficiaries, courses and their sessions, enrolments, and the assignments of machines with their contracts.
 * Provides the inventory with the assignments of a machine, gdpr and outcomes with the words of a beneficiary's
 * codes, outcomes with breakdown incidents and (until workshops land) the interim course figures.
 */
public final class LoansFeature implements Feature, MachineAssignments, PersonLabels, PeopleWords, MachineIncidents,
        CourseFigures {

    private final InventoryFeature inventory;
    private Database database;
    private BeneficiaryService beneficiaries;
    private CourseService courses;
    private AssignmentService assignments;
    private List<HttpService> routes;

    public LoansFeature(InventoryFeature inventory) {
        this.inventory = inventory;
    }

    @Override
    public List<String> statements() {
        return List.of("statements/loans.sql");
    }

    @Override
    public void start(Platform platform) {
        database = platform.database();
        beneficiaries = new BeneficiaryService(database, platform.clock());
        courses = new CourseService(database, platform.clock());
        ContractService contracts = new ContractService(database,
                Structure.from(platform.settings().section("app.structure")), platform.clock());
        assignments = new AssignmentService(database, inventory.workshop(), contracts, platform.clock());
        routes = List.of(
                new LoansPages(platform.guard(), platform.pages(), beneficiaries, courses, assignments, contracts,
                        database, platform.urls()),
                new LoansApi(platform.guard(), beneficiaries, courses, assignments, contracts, platform.urls()));
    }

    @Override
    public List<HttpService> routes() {
        return routes;
    }

    /** The course "À portée de clics", a few participants, two loans and a gift, by {@code actor}. */
    public void loadDemo(User actor, String base) {
        LoansDemo.load(database, beneficiaries, courses, assignments, actor, base);
    }

    @Override
    public List<Line> of(long machineId, User reader) {
        return assignments.ofMachine(machineId, reader).stream()
                .map(a -> new Line(a.id(), a.kind().label(), a.status().label(), a.startsOn(), a.dueOn(), a.beneficiaryName()))
                .toList();
    }

    @Override
    public String ageBracket(String code) {
        return AgeBracket.valueOf(code).label();
    }

    @Override
    public String situation(String code) {
        return Situation.valueOf(code).label();
    }

    @Override
    public Map<String, String> ageBrackets() {
        Map<String, String> words = new LinkedHashMap<>();
        for (AgeBracket b : AgeBracket.values()) {
            words.put(b.name(), b.label());
        }
        return words;
    }

    @Override
    public Map<String, String> situations() {
        Map<String, String> words = new LinkedHashMap<>();
        for (Situation s : Situation.values()) {
            words.put(s.name(), s.label());
        }
        return words;
    }

    @Override
    public long breakdown(DbExecute tx, long assignmentId, LocalDate occurredOn, String note, User actor) {
        return AssignmentService.incident(tx, assignmentId, IncidentKind.BREAKAGE, occurredOn, note, actor);
    }

    @Override
    public Figures of(Collection<Long> sessionIds, LocalDate from, LocalDate to) {
        return new EnrolmentFigures(database).of(sessionIds, from, to);
    }
}
