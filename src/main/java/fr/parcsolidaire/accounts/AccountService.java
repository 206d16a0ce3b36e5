package fr.parcsolidaire.accounts;

import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Jsonp;
import fr.parcsolidaire.platform.http.ValidationException;
import fr.parcsolidaire.platform.http.Validator;
import fr.parcsolidaire.platform.security.PasswordHasher;
import fr.parcsolidaire.platform.security.Role;
import fr.parcsolidaire.platform.security.SessionStore;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbExecute;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Signing in, and the administration of accounts (every change journaled in user_events). */
public final class AccountService {

    public static final int MIN_PASSWORD_LENGTH = 8;

    private final Database database;
    private final UserRepository users;
    private final SessionStore sessions;

    public AccountService(Database database, UserRepository users, SessionStore sessions) {
        this.database = database;
        this.users = users;
        this.sessions = sessions;
    }

    /** The active user whose password matches, or empty; the same work is done when the user does not exist. */
    public Optional<User> login(String username, String password) {
        if (username == null || password == null || username.length() > 40 || password.length() > 200) {
            return Optional.empty();
        }
        Optional<UserRepository.Credentials> credentials = users.credentials(username.strip().toLowerCase());
        if (credentials.isEmpty()) {
            PasswordHasher.burnDecoy(password);
            return Optional.empty();
        }
        UserRepository.Credentials c = credentials.get();
        if (!PasswordHasher.matches(password, c.passwordHash()) || !c.user().active()) {
            return Optional.empty();
        }
        return Optional.of(c.user());
    }

    public long create(String username, String displayName, String role, String password, User actor) {
        Validator v = new Validator();
        String name = v.required("username", username == null ? null : username.toLowerCase(), 40);
        if (name != null && !name.matches("[a-z0-9._-]{3,40}")) {
            v.reject("username", "De 3 à 40 caractères : lettres minuscules sans accent, chiffres, point, tiret.");
        }
        String display = v.required("displayName", displayName, 120);
        Role r = v.requiredEnum("role", role, Role.class, Role::label);
        String pw = checkedPassword(v, "password", password);
        if (name != null && users.credentials(name).isPresent()) {
            v.reject("username", "Cet identifiant est déjà pris.");
        }
        v.throwIfInvalid();
        String hash = PasswordHasher.hash(pw);
        return database.inTransaction(tx -> {
            long id = UserRepository.insert(tx, name, display, r, hash);
            UserRepository.recordEvent(tx, id, actor == null ? null : actor.id(), "CREATED",
                    Jsonp.objectBuilder().add("role", r.name()).build().toString());
            return id;
        });
    }

    public void changeRole(long userId, String role, User actor) {
        Validator v = new Validator();
        Role r = v.requiredEnum("role", role, Role.class, Role::label);
        v.throwIfInvalid();
        database.inTransaction(tx -> {
            User before = lock(tx, userId);
            if (before.id() == actor.id() && r != Role.ADMIN) {
                throw HttpProblem.conflict("Vous ne pouvez pas retirer votre propre rôle d'administrateur.");
            }
            tx.createNamedUpdate("user-set-role").addParam("role", r.name()).addParam("id", userId).execute();
            UserRepository.recordEvent(tx, userId, actor.id(), "ROLE_CHANGED", Jsonp.objectBuilder()
                    .add("from", before.role().name()).add("to", r.name()).build().toString());
            return null;
        });
        sessions.forgetUser(userId);
    }

    /**
     * Attaches the account to one site (its code), or to every site (blank): an attached social worker or
     * coordinator then reaches only that site's beneficiaries and loans.
     */
    public void changeSite(long userId, String siteCode, User actor) {
        String code = siteCode == null || siteCode.isBlank() ? null : siteCode.strip();
        database.inTransaction(tx -> {
            Long siteId = null;
            if (code != null) {
                siteId = tx.createNamedGet("user-site-by-code").addParam("code", code).execute().map(r -> Rows.longValue(r, "id"))
                        .orElseThrow(() -> new ValidationException(Map.of("site", "Site inconnu : choisissez-en un dans la liste.")));
            }
            User before = lock(tx, userId);
            if (Objects.equals(before.siteId(), siteId)) {
                return null;
            }
            tx.createNamedUpdate("user-set-site").addParam("siteId", siteId).addParam("id", userId).execute();
            var data = Jsonp.objectBuilder();
            if (before.siteId() == null) {
                data.addNull("from");
            } else {
                data.add("from", before.siteId());
            }
            if (siteId == null) {
                data.addNull("to");
            } else {
                data.add("to", siteId).add("site", code);
            }
            UserRepository.recordEvent(tx, userId, actor.id(), "SITE_CHANGED", data.build().toString());
            return null;
        });
        sessions.forgetUser(userId);
    }

    public void resetPassword(long userId, String password, User actor) {
        Validator v = new Validator();
        String pw = checkedPassword(v, "password", password);
        v.throwIfInvalid();
        String hash = PasswordHasher.hash(pw);
        database.inTransaction(tx -> {
            lock(tx, userId);
            tx.createNamedUpdate("user-set-password").addParam("passwordHash", hash).addParam("id", userId).execute();
            tx.createNamedDelete("sessions-revoke-user").addParam("userId", userId).execute();
            UserRepository.recordEvent(tx, userId, actor.id(), "PASSWORD_RESET", "{}");
            return null;
        });
        sessions.forgetUser(userId);
    }

    public void setActive(long userId, boolean active, User actor) {
        database.inTransaction(tx -> {
            User before = lock(tx, userId);
            if (before.id() == actor.id() && !active) {
                throw HttpProblem.conflict("Vous ne pouvez pas désactiver votre propre compte.");
            }
            if (before.active() == active) {
                return null;
            }
            tx.createNamedUpdate("user-set-active").addParam("active", active).addParam("id", userId).execute();
            if (!active) {
                tx.createNamedDelete("sessions-revoke-user").addParam("userId", userId).execute();
            }
            UserRepository.recordEvent(tx, userId, actor.id(), active ? "REACTIVATED" : "DEACTIVATED", "{}");
            return null;
        });
        sessions.forgetUser(userId);
    }

    private static User lock(DbExecute tx, long userId) {
        return tx.createNamedGet("user-lock").addParam("id", userId).execute().map(User::fromRow)
                .orElseThrow(() -> HttpProblem.notFound("Utilisateur introuvable."));
    }

    private static String checkedPassword(Validator v, String field, String password) {
        if (password == null || password.isEmpty()) {
            v.reject(field, "Ce champ est obligatoire.");
            return null;
        }
        if (password.length() < MIN_PASSWORD_LENGTH || password.length() > 200) {
            v.reject(field, "Le mot de passe doit compter de " + MIN_PASSWORD_LENGTH + " à 200 caractères.");
            return null;
        }
        return password;
    }
}
