package fr.parcsolidaire.platform.security;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.util.Optional;

/** Finds who is calling: a bearer token (scripts) or the session cookie (browsers). Memoised per request. */
public final class Authenticator {

    public static final String COOKIE = "ps_session";
    private static final String BEARER = "Bearer ";

    private final SessionStore sessions;

    public Authenticator(SessionStore sessions) {
        this.sessions = sessions;
    }

    public Optional<Principal> authenticate(ServerRequest req) {
        Optional<Principal> known = req.context().get(Principal.class);
        if (known.isPresent()) {
            return known;
        }
        Optional<Principal> found = resolve(req);
        found.ifPresent(p -> req.context().register(p));
        return found;
    }

    private Optional<Principal> resolve(ServerRequest req) {
        Optional<String> authorization = req.headers().first(HeaderNames.AUTHORIZATION);
        if (authorization.isPresent()) {
            String value = authorization.get();
            if (value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return sessions.find(value.substring(BEARER.length()).strip(), SessionStore.Kind.API);
            }
            return Optional.empty();
        }
        return sessionCookie(req).flatMap(token -> sessions.find(token, SessionStore.Kind.WEB));
    }

    public static Optional<String> sessionCookie(ServerRequest req) {
        return req.headers().cookies().first(COOKIE).asOptional().filter(v -> !v.isBlank());
    }
}
