package fr.parcsolidaire.messaging;

import fr.parcsolidaire.gdpr.HeldPersonalData;
import fr.parcsolidaire.platform.DueReminder;
import fr.parcsolidaire.platform.Feature;
import fr.parcsolidaire.platform.Platform;
import fr.parcsolidaire.platform.security.Principal;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.settings.Settings;
import fr.parcsolidaire.platform.settings.StartupRefused;
import gg.jte.Content;
import io.helidon.dbclient.DbExecute;
import io.helidon.webserver.http.HttpService;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Reminders that reach people (docs/messaging.md): consents, the outbox and the worker that sends it by e-mail and
 * SMS, letter batches, the daily reminder pass over the loans' due dates and over the sources other features
 * register. Provides the beneficiary's page with its consents and messages, and gdpr with what it holds of a person.
 */
public final class MessagingFeature implements Feature, HeldPersonalData {

    private static final Logger LOG = Logger.getLogger(MessagingFeature.class.getName());

    private final List<ReminderSource> sources = new ArrayList<>();
    private final MessagingPersonalData personalData = new MessagingPersonalData();
    private Database database;
    private Consents consents;
    private Outbox outbox;
    private java.time.Clock clock;
    private OutboxWorker worker;
    private ReminderSchedule schedule;
    private MessagingPages pages;
    private List<HttpService> routes;

    /** Reminders another feature knows are due (workshops, follow-ups); before start. */
    public void addReminderSource(ReminderSource source) {
        sources.add(source);
    }

    /**
     * Reminders another feature knows are due, given as a function of the day (Main wires a feature's public method):
     * {@code name} names the source in the pass's report, {@code kind} its text files ({@code messages/<kind>.*.txt}).
     */
    public void addReminderSource(String name, String kind, Function<LocalDate, List<DueReminder>> due) {
        addReminderSource(ReminderSource.of(name, date -> due.apply(date).stream()
                .map(r -> new ReminderSource.Due(r.beneficiaryId(), kind, r.about(), r.date(), r.values())).toList()));
    }

    @Override
    public List<String> statements() {
        return List.of("statements/messaging.sql");
    }

    @Override
    public void start(Platform platform) {
        MessagingSettings settings;
        try {
            settings = MessagingSettings.from(platform.settings().raw(""));
        } catch (IllegalStateException e) {
            throw new StartupRefused(e.getMessage());
        }
        Settings reminderSettings = platform.settings().section("app.messaging.reminders");
        LocalTime dailyAt = dailyAt(reminderSettings.text("daily-at"));

        database = platform.database();
        clock = platform.clock();
        Templates templates = new Templates();
        outbox = new Outbox(platform.database(), templates, settings.structure());
        consents = new Consents(platform.database());
        LetterBatches letters = new LetterBatches(platform.database(), settings.structure(), platform.clock());
        List<Sender> senders = new ArrayList<>();
        if (settings.smtp().configured()) {
            senders.add(new SmtpSender(settings.smtp(), settings.structure().name()));
        }
        if (settings.sms().configured()) {
            senders.add(new SmsGatewaySender(settings.sms()));
        }
        worker = new OutboxWorker(platform.database(), senders, settings.worker(), OutboxWorker.instanceName());
        ChannelStatus channels = new ChannelStatus(worker.channels());
        channels.warnings().forEach(LOG::warning);

        List<ReminderRule> rules = new ArrayList<>(LoanReminders.rules(settings.loans()));
        sources.forEach(s -> rules.add(new SourceRule(s, settings.loans().letterLastDaysBefore())));
        ReminderPass pass = new ReminderPass(new Reminders(platform.database(), outbox, rules), worker);

        pages = new MessagingPages(platform.guard(), platform.pages(), consents, outbox, letters, pass, channels,
                platform.clock());
        routes = List.of(pages, new MessagingApi(platform.guard(), consents, outbox, pass, platform.clock(), platform.database()));
        worker.start();
        schedule = new ReminderSchedule(dailyAt, platform.clock(), pass::run);
        schedule.start();
    }

    private static LocalTime dailyAt(String text) {
        try {
            return LocalTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new StartupRefused("Réglage illisible : « app.messaging.reminders.daily-at » vaut « " + text
                    + " », une heure (08:00) est attendue (application.yaml).");
        }
    }

    @Override
    public List<HttpService> routes() {
        return routes;
    }

    /** The worker finishes the message it is sending (within its grace), then stops; no pass starts after this. */
    @Override
    public void stop() {
        if (schedule != null) {
            schedule.close();
        }
        if (worker != null) {
            worker.close();
        }
    }

    /** Demo consents and a message in each state, on the loans demo's people, by {@code actor}. */
    @Override
    public void loadDemo(User actor, String baseUrl) {
        MessagingDemo.load(database, consents, outbox, actor, java.time.LocalDate.now(clock));
    }

    /** The consents and messages section of the beneficiary's page (loans owns the page; Main wires this). */
    public Content beneficiarySection(Principal reader, long beneficiaryId) {
        return pages.section(reader, beneficiaryId);
    }

    @Override
    public List<Section> report(DbExecute tx, long beneficiaryId) {
        return personalData.report(tx, beneficiaryId);
    }

    @Override
    public void forget(DbExecute tx, long beneficiaryId) {
        personalData.forget(tx, beneficiaryId);
    }
}
