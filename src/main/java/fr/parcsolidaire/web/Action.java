package fr.parcsolidaire.web;

import fr.parcsolidaire.auth.Principal;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** A route's work, run once the caller is known and allowed. */
@FunctionalInterface
public interface Action {
    void handle(ServerRequest req, ServerResponse res, Principal who) throws Exception;
}
