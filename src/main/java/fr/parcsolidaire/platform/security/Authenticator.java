package fr.parcsolidaire.platform.security;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Finds who is calling: a bearer token (scripts) or the session cookie (browsers). Memoised per request. */
public final class Authenticator {

    public static final String COOKIE = "ps_session";
    private static final String BEARER = "Bearer ";

    private final SessionStore sessions;
    private final List<TokenSource> tokenSources = new CopyOnWriteArrayList<>();

    public Authenticator(SessionStore sessions) {
        this.sessions = sessions;
    }

    /** Also accepts the bearer tokens of this source (registered at start-up by the feature that issues them). */
    public void accept(TokenSource source) {
        tokenSources.add(source);
    }

    public Optional<Principal> authenticate(ServerRequest req) {
        Optional<Principal> known = req.context().get(Principal.class);
        if (known.isPresent()) {
            return known;
        }
        Optional<Refusal> refused = req.context().get(Refusal.class);
        if (refused.isPresent()) {
            throw refused.get().error();
        }
        Optional<Principal> found;
        try {
            found = resolve(req);
        } catch (RuntimeException e) {
            // A token source refused the token (expired, revoked): the error page asks again, and must hear the same.
            req.context().register(new Refusal(e));
            throw e;
        }
        found.ifPresent(p -> req.context().register(p));
        return found;
    }

    private Optional<Principal> resolve(ServerRequest req) {
        Optional<String> authorization = req.headers().first(HeaderNames.AUTHORIZATION);
        if (authorization.isPresent()) {
            String value = authorization.get();
            if (value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                String token = value.substring(BEARER.length()).strip();
                Optional<Principal> session = sessions.find(token, SessionStore.Kind.API);
                for (TokenSource source : tokenSources) {
                    if (session.isPresent()) {
                        break;
                    }
                    session = source.find(token, req.prologue().method().text(), req.path().rawPath());
                }
                return session;
            }
            return Optional.empty();
        }
        return sessionCookie(req).flatMap(token -> sessions.find(token, SessionStore.Kind.WEB));
    }

    private record Refusal(RuntimeException error) {
    }

    public static Optional<String> sessionCookie(ServerRequest req) {
        return req.headers().cookies().first(COOKIE).asOptional().filter(v -> !v.isBlank());
    }
}
