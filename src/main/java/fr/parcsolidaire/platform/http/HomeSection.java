package fr.parcsolidaire.platform.http;

import fr.parcsolidaire.platform.security.Principal;
import fr.parcsolidaire.platform.security.Role;
import gg.jte.Content;

import java.util.Optional;
import java.util.Set;

/**
 * One block of a role's home page (docs/ui.md, "Pages d'accueil"): a feature contributes its sections through
 * {@code Feature.homeSections()}, and the home page shows, in rank order, those meant for the caller's role.
 * A section renders its own template ({@link Pages#fragment}) and reads its own data, scoped to the caller.
 */
public interface HomeSection {

    /** The roles whose home page shows this section. */
    Set<Role> roles();

    /** Its place on the page, lower first: 10 for the role's main task, 50 for what can wait. */
    int rank();

    /** The section's HTML (a {@code <section>} with its heading), or nothing when it has nothing to say today. */
    Optional<Content> render(Principal who);
}
