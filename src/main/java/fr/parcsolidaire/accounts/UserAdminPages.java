package fr.parcsolidaire.accounts;

import fr.parcsolidaire.platform.http.Confirmations;
import fr.parcsolidaire.platform.http.Form;
import fr.parcsolidaire.platform.http.Guard;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Pages;
import fr.parcsolidaire.platform.http.ValidationException;
import fr.parcsolidaire.platform.security.Permission;
import fr.parcsolidaire.platform.security.Principal;
import fr.parcsolidaire.platform.security.User;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.HashMap;
import java.util.Map;

/** Admin pages: create accounts, change roles, reset passwords, deactivate and reactivate. */
final class UserAdminPages implements HttpService {

    private final Guard guard;
    private final Pages pages;
    private final AccountService accounts;
    private final UserRepository users;

    public UserAdminPages(Guard guard, Pages pages, AccountService accounts, UserRepository users) {
        this.guard = guard;
        this.pages = pages;
        this.accounts = accounts;
        this.users = users;
    }

    /** What each form confirms once saved (platform/http/Confirmations). */
    static {
        Confirmations.declare(Map.of(
                "account-created", "Compte créé.",
                "role", "Rôle changé : il s'applique dès la prochaine page de cette personne.",
                "password", "Mot de passe réinitialisé.",
                "active", "État du compte enregistré.",
                "site", "Site du compte enregistré."));
    }

    @Override
    public void routing(HttpRules rules) {
        guard.on(rules)
                .get("/admin/users", Permission.ADMINISTRATION, (req, res, who) -> list(res, who, Map.of(), Map.of(), Status.OK_200))
                .post("/admin/users", Permission.ADMINISTRATION, this::create)
                .get("/admin/users/{id}", Permission.ADMINISTRATION, (req, res, who) -> show(req, res, who, Map.of(), Status.OK_200))
                .post("/admin/users/{id}/role", Permission.ADMINISTRATION, (req, res, who) -> change(req, res, who, "role",
                        () -> accounts.changeRole(id(req), Form.of(req).get("role"), who.user())))
                .post("/admin/users/{id}/password", Permission.ADMINISTRATION, (req, res, who) -> change(req, res, who, "password",
                        () -> accounts.resetPassword(id(req), Form.of(req).get("password"), who.user())))
                .post("/admin/users/{id}/active", Permission.ADMINISTRATION, (req, res, who) -> change(req, res, who, "active",
                        () -> accounts.setActive(id(req), "true".equals(Form.of(req).get("active")), who.user())))
                .post("/admin/users/{id}/site", Permission.ADMINISTRATION, (req, res, who) -> change(req, res, who, "site",
                        () -> accounts.changeSite(id(req), Form.of(req).get("site"), who.user())));
    }

    private void list(ServerResponse res, Principal who, Map<String, String> values, Map<String, String> errors, Status status) {
        Map<String, Object> params = new HashMap<>();
        params.put("me", who);
        params.put("users", users.all());
        params.put("values", values);
        params.put("errors", errors);
        pages.render(res, status, "accounts/users.jte", params);
    }

    private void create(ServerRequest req, ServerResponse res, Principal who) {
        Form form = Form.of(req);
        try {
            long id = accounts.create(form.get("username"), form.get("displayName"), form.get("role"), form.get("password"), who.user());
            Confirmations.redirect(res, "/admin/users/" + id, "account-created");
        } catch (ValidationException e) {
            Map<String, String> values = new HashMap<>(form.values());
            values.remove("password");
            list(res, who, values, e.fields(), Status.BAD_REQUEST_400);
        }
    }

    private void show(ServerRequest req, ServerResponse res, Principal who, Map<String, String> errors, Status status) {
        long id = id(req);
        User user = users.byId(id).orElseThrow(() -> HttpProblem.notFound("Utilisateur introuvable."));
        Map<String, Object> params = new HashMap<>();
        params.put("me", who);
        params.put("user", user);
        params.put("events", users.events(id));
        params.put("sites", users.sites());
        String site = users.siteCode(user);
        params.put("site", site == null ? Map.<String, String>of() : Map.of("site", site));
        params.put("errors", errors);
        pages.render(res, status, "accounts/user.jte", params);
    }

    private void change(ServerRequest req, ServerResponse res, Principal who, String saved, Runnable change) {
        try {
            change.run();
            Confirmations.redirect(res, "/admin/users/" + id(req), saved);
        } catch (ValidationException e) {
            show(req, res, who, e.fields(), Status.BAD_REQUEST_400);
        }
    }

    private static long id(ServerRequest req) {
        try {
            return Long.parseLong(req.path().pathParameters().get("id"));
        } catch (NumberFormatException e) {
            throw HttpProblem.notFound("Utilisateur introuvable.");
        }
    }
}
