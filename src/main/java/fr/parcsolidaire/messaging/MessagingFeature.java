package fr.parcsolidaire.messaging;

import fr.parcsolidaire.platform.Feature;
import fr.parcsolidaire.platform.Platform;
import io.helidon.webserver.http.HttpService;

import java.util.List;

/** Reminders that reach people: consents, the outbox and its channels (docs/messaging.md). The worker, routes and pages come next. */
public final class MessagingFeature implements Feature {

    @Override
    public List<String> statements() {
        return List.of("statements/messaging.sql");
    }

    @Override
    public void start(Platform platform) {
    }

    @Override
    public List<HttpService> routes() {
        return List.of();
    }
}
