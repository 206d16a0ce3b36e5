package fr.parcsolidaire.loans;

import fr.parcsolidaire.platform.http.HomeSection;
import fr.parcsolidaire.platform.http.Pages;
import fr.parcsolidaire.platform.security.Principal;
import fr.parcsolidaire.platform.security.Role;
import gg.jte.Content;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The social worker's home page: who is waiting for a machine on the worker's site, the most urgent first. */
final class WaitingHome implements HomeSection {

    private static final int SHOWN = 10;

    private final WaitingListService waiting;
    private final Pages pages;

    WaitingHome(WaitingListService waiting, Pages pages) {
        this.waiting = waiting;
        this.pages = pages;
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.SOCIAL_WORKER);
    }

    @Override
    public int rank() {
        return 30;
    }

    @Override
    public Optional<Content> render(Principal who) {
        List<WaitingEntry> open = waiting.open(who.user());
        // The count from its own query: the list stops at 500, the count does not.
        return Optional.of(pages.fragment("loans/waiting-home.jte", Map.of("counts", waiting.counts(who.user()),
                "first", open.subList(0, Math.min(SHOWN, open.size())))));
    }
}
