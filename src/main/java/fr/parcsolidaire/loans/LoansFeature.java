package fr.parcsolidaire.loans;

import fr.parcsolidaire.gdpr.PersonLabels;
import fr.parcsolidaire.inventory.InventoryFeature;
import fr.parcsolidaire.inventory.MachineAssignments;
import fr.parcsolidaire.inventory.MachineProspects;
import fr.parcsolidaire.inventory.MachineType;
import fr.parcsolidaire.outcomes.MachineIncidents;
import fr.parcsolidaire.outcomes.PeopleWords;
import fr.parcsolidaire.platform.Feature;
import fr.parcsolidaire.platform.Platform;
import fr.parcsolidaire.platform.http.HomeSection;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import io.helidon.dbclient.DbExecute;
import io.helidon.webserver.http.HttpService;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Beneficiaries, courses and their sessions, enrolments, and the assignments of machines with their contracts.
 * Also the journey around the handover (docs/handover.md): waiting list, matching, reservations, kits, cohort
 * handovers. Provides the inventory with the assignments, reservation and matching people of a machine, gdpr and
 * outcomes with the words of a beneficiary's codes, outcomes with breakdown incidents.
 */
public final class LoansFeature implements Feature, MachineAssignments, MachineProspects, PersonLabels, PeopleWords,
        MachineIncidents {

    private final InventoryFeature inventory;
    private final List<BeneficiarySection> sections = new ArrayList<>();
    private Database database;
    private BeneficiaryService beneficiaries;
    private CourseService courses;
    private AssignmentService assignments;
    private WaitingListService waiting;
    private ReservationService reservations;
    private MatchingService matching;
    private KitService kits;
    private CohortHandover cohort;
    private CourseCompletion completion;
    private List<HttpService> routes;
    private LoansHome home;
    private WaitingHome waitingHome;
    private Supplier<List<WaitingEntry>> openWaiting;

    public LoansFeature(InventoryFeature inventory) {
        this.inventory = inventory;
    }

    /** Another feature's part of the beneficiary's page, shown after loans' own; before start. */
    public void showOnBeneficiaryPage(BeneficiarySection section) {
        sections.add(section);
    }

    @Override
    public List<String> statements() {
        return List.of("statements/loans.sql", "statements/handover.sql");
    }

    @Override
    public void start(Platform platform) {
        database = platform.database();
        beneficiaries = new BeneficiaryService(database, platform.clock());
        courses = new CourseService(database, platform.clock());
        ContractService contracts = new ContractService(database,
                Structure.from(platform.settings().section("app.structure")), platform.clock());
        reservations = new ReservationService(database, platform.clock());
        assignments = new AssignmentService(database, inventory.workshop(), contracts, platform.clock(), reservations);
        waiting = new WaitingListService(database, platform.clock());
        openWaiting = inventory.keep("waiting-list", waiting::openEverywhere);
        matching = new MatchingService(database, waiting, reservations, platform.clock());
        kits = new KitService(database, inventory.workshop(), assignments, platform.clock());
        cohort = new CohortHandover(database, assignments);
        GiftConversions gifts = new GiftConversions(database, contracts, platform.clock(),
                platform.settings().section("app.gifts").period("cancel-window"), this::completion);
        home = new LoansHome(database, platform.pages(), platform.clock(),
                platform.settings().section("app.home").integer("due-soon-days"));
        waitingHome = new WaitingHome(waiting, platform.pages());
        routes = List.of(
                new LoansPages(platform.guard(), platform.pages(), beneficiaries, courses, assignments, contracts,
                        database, platform.urls(), gifts, sections),
                new LoansApi(platform.guard(), beneficiaries, courses, assignments, contracts, platform.urls()),
                new HandoverPages(platform.guard(), platform.pages(), beneficiaries, courses, assignments, waiting,
                        matching, reservations, kits, cohort, platform.urls()),
                new HandoverApi(platform.guard(), waiting, matching, reservations, kits, cohort, platform.urls()),
                new GiftPages(platform.guard(), platform.pages(), courses, assignments, gifts, platform.urls()),
                new GiftApi(platform.guard(), assignments, gifts, platform.urls()));
    }

    /** Who completed a session's course: the course feature decides (Main wires it before the start). */
    public void decideCompletionBy(CourseCompletion completion) {
        this.completion = completion;
    }

    private CourseCompletion completion() {
        if (completion == null) {
            throw new IllegalStateException("no CourseCompletion wired: Main must call decideCompletionBy");
        }
        return completion;
    }

    @Override
    public List<HttpService> routes() {
        return routes;
    }

    @Override
    public List<HomeSection> homeSections() {
        return List.of(home, waitingHome);
    }

    /**
     * The course "À portée de clics", a few participants, two loans and a gift; three people waiting, a reservation
     * and a kit; by {@code actor}.
     */
    @Override
    public void loadDemo(User actor, String base) {
        LoansDemo.load(database, beneficiaries, courses, assignments, actor, base);
        HandoverDemo.load(beneficiaries, waiting, matching, reservations, assignments, cohort, courses, actor, base);
    }

    @Override
    public List<MachineAssignments.Line> of(DbExecute db, long machineId) {
        return assignments.ofMachinePage(db, machineId);
    }

    @Override
    public MachineProspects.Part of(DbExecute db, long machineId, String tag, boolean ready) {
        MatchCandidate candidate = ready ? matching.candidates(db, tag).stream().findFirst().orElse(null) : null;
        return new PageProspects(reservations.ofMachinePage(db, machineId).orElse(null), candidate, openWaiting);
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
    public String journey(String kind, String code) {
        return JourneyLabels.of(kind, code);
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
