package fr.parcsolidaire.outcomes;

import fr.parcsolidaire.platform.DueReminder;
import fr.parcsolidaire.platform.Feature;
import fr.parcsolidaire.platform.Platform;
import fr.parcsolidaire.platform.http.HomeSection;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.settings.Settings;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.reports.ImpactFactors;
import io.helidon.webserver.http.HttpService;

import java.time.LocalDate;
import java.util.List;

/**
 * What changed for people: the skills self-assessment, the follow-ups at 3 and 6 months, the funding programmes
 * and the outcome report per programme. It needs from loans the words of a person's codes and the breakdown
 * incidents, and from the course side the workshops and completion figures: each through an interface declared
 * here and wired in Main.
 */
public final class OutcomesFeature implements Feature {

    private final PeopleWords words;
    private final MachineIncidents incidents;
    private final CourseFigures courses;
    private Database database;
    private SkillsService skills;
    private FollowUpService followUps;
    private ProgrammeService programmes;
    private List<HttpService> routes;
    private List<HomeSection> home;

    public OutcomesFeature(PeopleWords words, MachineIncidents incidents, CourseFigures courses) {
        this.words = words;
        this.incidents = incidents;
        this.courses = courses;
    }

    @Override
    public List<String> statements() {
        return List.of("statements/outcomes.sql");
    }

    @Override
    public void start(Platform platform) {
        database = platform.database();
        Settings settings = platform.settings().section("app.outcomes");
        skills = new SkillsService(platform.database(), Questionnaire.load(settings.text("skills-version")));
        followUps = new FollowUpService(platform.database(), incidents, settings.period("follow-up-notice"), platform.clock());
        programmes = new ProgrammeService(platform.database(), platform.clock());
        OutcomeReportService reports = new OutcomeReportService(platform.database(), programmes, words, courses,
                ImpactFactors.from(platform.settings().section("app.impact")), platform.clock());
        OutcomeDocuments documents = new OutcomeDocuments(platform.settings().section("app.structure").text("name"));
        routes = List.of(
                new OutcomesApi(platform.guard(), skills, followUps, programmes, reports),
                new OutcomesPages(platform.guard(), platform.pages(), platform.database(), skills, followUps, programmes,
                        reports, documents));
        home = List.of(new FollowUpsHome(followUps, platform.pages()));
    }

    @Override
    public List<HttpService> routes() {
        return routes;
    }

    @Override
    public List<HomeSection> homeSections() {
        return home;
    }

    /** The people whose follow-up at 3 or 6 months falls due on {@code date}, to be told they will be called. */
    public List<DueReminder> followUpRemindersDue(LocalDate date) {
        return followUps.remindersDue(date);
    }

    /** Demo data: a programme with the demo's records attached, entry and exit answers, by {@code actor}. */
    @Override
    public void loadDemo(User actor, String baseUrl) {
        OutcomesDemo.load(database, skills, followUps, programmes, followUps.today(), actor);
    }
}
