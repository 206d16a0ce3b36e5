package fr.parcsolidaire.course;

import fr.parcsolidaire.loans.CourseCompletion;
import fr.parcsolidaire.outcomes.CourseFigures;
import fr.parcsolidaire.platform.DueReminder;
import fr.parcsolidaire.platform.Feature;
import fr.parcsolidaire.platform.Platform;
import fr.parcsolidaire.platform.http.HomeSection;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.settings.Settings;
import io.helidon.webserver.http.HttpService;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The course as a trainer and a social worker run it: the workshops of a session, attendance, the set-up checklist
 * and the completion rule that decides who keeps the machine. Loans (the loan desk) asks it who completed before a
 * loan becomes a gift; outcome reports ask it for their figures.
 */
public final class CourseFeature implements Feature, CourseCompletion, CourseFigures {

    private SessionWorkshops workshops;
    private AttendanceService attendance;
    private ChecklistService checklists;
    private CompletionService completion;
    private List<HttpService> routes;
    private List<HomeSection> home;
    private WorkshopReminders reminders;

    @Override
    public List<String> statements() {
        return List.of("statements/course.sql");
    }

    @Override
    public void start(Platform platform) {
        Settings settings = platform.settings().section("app.course");
        workshops = new SessionWorkshops(platform.database(), platform.clock());
        attendance = new AttendanceService(platform.database(), workshops, platform.clock());
        checklists = new ChecklistService(platform.database(), platform.clock(), settings.text("checklist"));
        completion = new CompletionService(platform.database(), checklists, platform.clock(),
                new CompletionRule(settings.integer("completion-percent"), settings.flag("completion-needs-checklist")));
        routes = List.of(
                new CoursePages(platform.guard(), platform.pages(), workshops, attendance, checklists, completion),
                new CourseApi(platform.guard(), workshops, attendance, checklists, completion));
        home = List.of(new SessionsEndingHome(platform.database(), platform.pages(), platform.clock()));
        reminders = new WorkshopReminders(platform.database());
    }

    @Override
    public List<HomeSection> homeSections() {
        return home;
    }

    /** The participants to remind on {@code date} of a workshop taking place the next day (Paris time). */
    public List<DueReminder> workshopRemindersDue(LocalDate date) {
        return reminders.due(date);
    }

    @Override
    public List<HttpService> routes() {
        return routes;
    }

    @Override
    public Set<Long> completed(long sessionId) {
        return completion.completedIds(sessionId);
    }

    /**
     * Outcome figures of the given sessions over [from, to] (dates in Paris time, both included): workshops held,
     * hours of attendance, people enrolled and those who completed. Unknown ids count for nothing.
     */
    @Override
    public Figures of(Collection<Long> sessionIds, LocalDate from, LocalDate to) {
        return completion.figures(sessionIds, from, to);
    }

    /** Four workshops with attendance and checklists for the demo session's participants, by {@code actor}. */
    @Override
    public void loadDemo(User actor, String baseUrl) {
        CourseDemo.load(workshops, attendance, checklists, completion, actor);
    }
}
