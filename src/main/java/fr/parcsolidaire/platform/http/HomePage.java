package fr.parcsolidaire.platform.http;

import fr.parcsolidaire.platform.security.Permission;
import fr.parcsolidaire.platform.security.Principal;
import gg.jte.Content;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /}: each role lands on its own home page, built from the sections the features contribute for that role
 * (technician: the workshop queue and the scan field; social worker: loans due, contracts to sign; coordinator:
 * the month's figures and the reports; administrator: accounts, audit, health). A search typed in a scan field
 * ({@code /?q=}) goes on to {@code /find}, the inventory's lookup.
 */
public final class HomePage implements HttpService {

    private final Guard guard;
    private final Pages pages;
    private final List<HomeSection> sections;

    public HomePage(Guard guard, Pages pages, List<HomeSection> sections) {
        this.guard = guard;
        this.pages = pages;
        this.sections = sections.stream().sorted(Comparator.comparingInt(HomeSection::rank)).toList();
    }

    @Override
    public void routing(HttpRules rules) {
        guard.on(rules).get("/", Permission.SIGNED_IN, this::home);
    }

    private void home(ServerRequest req, ServerResponse res, Principal who) {
        Optional<String> q = req.query().first("q").map(String::strip).filter(s -> !s.isEmpty());
        if (q.isPresent() && who.user().can(Permission.INVENTORY_READ)) {
            Pages.redirect(res, "/find?q=" + URLEncoder.encode(q.get(), StandardCharsets.UTF_8));
            return;
        }
        List<Content> shown = sections.stream().filter(s -> s.roles().contains(who.user().role()))
                .map(s -> s.render(who)).flatMap(Optional::stream).toList();
        pages.render(res, "platform/http/home.jte", Map.of("me", who, "sections", shown));
    }
}
