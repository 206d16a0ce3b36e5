package fr.parcsolidaire.outcomes;

import fr.parcsolidaire.platform.http.HomeSection;
import fr.parcsolidaire.platform.http.Pages;
import fr.parcsolidaire.platform.security.Principal;
import fr.parcsolidaire.platform.security.Role;
import gg.jte.Content;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The social worker's home page: the follow-ups at 3 and 6 months due now or within the notice period, the same
 * list as {@code GET /api/v1/follow-ups/due} (the worker's site only), the first few.
 */
final class FollowUpsHome implements HomeSection {

    private static final int SHOWN = 10;

    private final FollowUpService followUps;
    private final Pages pages;

    FollowUpsHome(FollowUpService followUps, Pages pages) {
        this.followUps = followUps;
        this.pages = pages;
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.SOCIAL_WORKER);
    }

    @Override
    public int rank() {
        return 20;
    }

    @Override
    public Optional<Content> render(Principal who) {
        List<FollowUpService.Due> due = followUps.due(who.user());
        return Optional.of(pages.fragment("outcomes/home.jte",
                Map.of("count", due.size(), "first", due.subList(0, Math.min(SHOWN, due.size())))));
    }
}
