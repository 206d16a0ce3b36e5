package fr.parcsolidaire.gdpr;

import fr.parcsolidaire.platform.Feature;
import fr.parcsolidaire.platform.Platform;
import fr.parcsolidaire.platform.settings.Settings;
import io.helidon.webserver.http.HttpService;

import java.time.Period;
import java.util.ArrayList;
import java.util.List;

/**
 * Data protection: the retention sweep (beneficiaries anonymised {@code app.gdpr.retention} after their last
 * assignment), the rights of access and erasure, the information page and the audit log of personal data.
 */
public final class GdprFeature implements Feature {

    private final PersonLabels labels;
    private final List<HeldPersonalData> elsewhere = new ArrayList<>();
    private Anonymiser anonymiser;
    private RetentionJob retention;
    private List<HttpService> routes;

    public GdprFeature(PersonLabels labels) {
        this.labels = labels;
    }

    /** Another feature holds personal data too: the access report lists it, anonymisation erases it. Before start. */
    public void alsoHeldBy(HeldPersonalData holder) {
        elsewhere.add(holder);
    }

    @Override
    public List<String> statements() {
        return List.of("statements/gdpr.sql");
    }

    @Override
    public void start(Platform platform) {
        Settings gdpr = platform.settings().section("app.gdpr");
        Period period = gdpr.period("retention");
        anonymiser = new Anonymiser(platform.database(), elsewhere);
        retention = new RetentionJob(anonymiser, (int) period.toTotalMonths(), gdpr.duration("sweep-interval"));
        routes = List.of(new GdprRoutes(platform.guard(), platform.pages(), platform.database(), anonymiser, period,
                new PersonalDataReport(platform.database(), labels, elsewhere)));
    }

    /** The anonymiser the service uses (with every holder of personal data), for the tests' sweeps. */
    Anonymiser anonymiser() {
        return anonymiser;
    }

    @Override
    public List<HttpService> routes() {
        return routes;
    }

    @Override
    public void stop() {
        retention.close();
    }
}
