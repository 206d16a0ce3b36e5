package fr.parcsolidaire.gdpr;

import fr.parcsolidaire.platform.Feature;
import fr.parcsolidaire.platform.Platform;
import fr.parcsolidaire.platform.settings.Settings;
import io.helidon.webserver.http.HttpService;

import java.time.Period;
import java.util.List;

/**
 * Data protection: the retention sweep (beneficiaries anonymised {@code app.gdpr.retention} after their last
 * assignment), the rights of access and erasure, the information page and the audit log of personal data.
 */
public final class GdprFeature implements Feature {

    private final PersonLabels labels;
    private RetentionJob retention;
    private List<HttpService> routes;

    public GdprFeature(PersonLabels labels) {
        this.labels = labels;
    }

    @Override
    public List<String> statements() {
        return List.of("statements/gdpr.sql");
    }

    @Override
    public void start(Platform platform) {
        Settings gdpr = platform.settings().section("app.gdpr");
        Period period = gdpr.period("retention");
        Anonymiser anonymiser = new Anonymiser(platform.database());
        retention = new RetentionJob(anonymiser, (int) period.toTotalMonths(), gdpr.duration("sweep-interval"));
        routes = List.of(new GdprRoutes(platform.guard(), platform.pages(), platform.database(), anonymiser, period,
                new PersonalDataReport(platform.database(), labels)));
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
