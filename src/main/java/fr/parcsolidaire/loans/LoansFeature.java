package fr.parcsolidaire.loans;

import fr.parcsolidaire.gdpr.PersonLabels;
import fr.parcsolidaire.inventory.InventoryFeature;
import fr.parcsolidaire.inventory.MachineAssignments;
import fr.parcsolidaire.inventory.MachineType;
import fr.parcsolidaire.platform.Feature;
import fr.parcsolidaire.platform.Platform;
import fr.parcsolidaire.platform.http.HomeSection;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import io.helidon.webserver.http.HttpService;

import java.util.List;

/**
 * Beneficiaries, courses and their sessions, enrolments, and the assignments of machines with their contracts.
 * Provides the inventory with the assignments of a machine, and gdpr with the words of a beneficiary's codes.
 */
public final class LoansFeature implements Feature, MachineAssignments, PersonLabels {

    private final InventoryFeature inventory;
    private Database database;
    private BeneficiaryService beneficiaries;
    private CourseService courses;
    private AssignmentService assignments;
    private List<HttpService> routes;
    private LoansHome home;

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
        home = new LoansHome(database, platform.pages(), platform.clock(),
                platform.settings().section("app.home").integer("due-soon-days"));
        routes = List.of(
                new LoansPages(platform.guard(), platform.pages(), beneficiaries, courses, assignments, contracts,
                        database, platform.urls()),
                new LoansApi(platform.guard(), beneficiaries, courses, assignments, contracts, platform.urls()));
    }

    @Override
    public List<HttpService> routes() {
        return routes;
    }

    @Override
    public List<HomeSection> homeSections() {
        return List.of(home);
    }

    /** The course "À portée de clics", a few participants, two loans, a gift and a returned loan, by {@code actor}. */
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
    public String enrolmentStatus(String code) {
        return EnrolmentStatus.valueOf(code).label();
    }

    @Override
    public String assignmentKind(String code) {
        return AssignmentKind.valueOf(code).label();
    }

    @Override
    public String assignmentStatus(String code) {
        return AssignmentStatus.valueOf(code).label();
    }

    @Override
    public String assignmentEvent(String code) {
        return AssignmentEvent.label(code);
    }

    @Override
    public String machineType(String code) {
        return MachineType.valueOf(code).label();
    }

    @Override
    public String contractKind(String code) {
        return code.equals(ContractDocument.Kind.GIFT_CERTIFICATE.name()) ? "Attestation de remise en don" : "Convention de prêt";
    }
}
