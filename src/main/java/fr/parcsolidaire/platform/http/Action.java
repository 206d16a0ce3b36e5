package fr.parcsolidaire.platform.http;

import fr.parcsolidaire.platform.security.Principal;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** A route's work, run once the caller is known and allowed ({@code who} is null only on a page for anyone). */
@FunctionalInterface
public interface Action {
    void handle(ServerRequest req, ServerResponse res, Principal who) throws Exception;
}
