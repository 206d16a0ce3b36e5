package fr.parcsolidaire.accounts;

import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Json;
import fr.parcsolidaire.platform.http.Validator;
import fr.parcsolidaire.platform.security.SessionStore;
import fr.parcsolidaire.platform.security.User;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObject;

import java.util.Map;

/** Bearer tokens for scripts: POST /api/v1/auth/token with a username and password. */
final class TokenApi implements HttpService {

    private final AccountService accounts;
    private final SessionStore sessions;
    private final LoginThrottle throttle;

    public TokenApi(AccountService accounts, SessionStore sessions, LoginThrottle throttle) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/api/v1/auth/token", this::token);
    }

    private void token(ServerRequest req, ServerResponse res) {
        JsonObject body = Json.object(req);
        Validator v = new Validator();
        String username = v.required("username", Json.text(body, "username", "username"), 40);
        String password = Json.text(body, "password", "password");
        if (password == null || password.isEmpty()) {
            v.reject("password", "Ce champ est obligatoire.");
        }
        v.throwIfInvalid();
        User user = throttle.attempt(req, username, () -> accounts.login(username, password)).orElseThrow(() -> new HttpProblem(Status.UNAUTHORIZED_401,
                "unauthorized", "Identifiant ou mot de passe incorrect.", Map.of()));
        Json.send(res, Status.CREATED_201, Map.of("token", sessions.open(user.id(), SessionStore.Kind.API)));
    }
}
