package fr.parcsolidaire.accounts;

import fr.parcsolidaire.platform.http.Jsonp;
import fr.parcsolidaire.platform.security.Role;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbExecute;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Users and the append-only journal of changes to their accounts. */
final class UserRepository {

    public record Credentials(User user, String passwordHash) {
    }

    /** One line of an account's journal; the page reads {@link #label()} and {@link #details()}, never the codes. */
    public record AccountEvent(OffsetDateTime at, String kind, String data, String actor) {

        public String label() {
            return switch (kind) {
                case "CREATED" -> "Compte créé";
                case "ROLE_CHANGED" -> "Rôle changé";
                case "SITE_CHANGED" -> "Site changé";
                case "PASSWORD_RESET" -> "Mot de passe réinitialisé";
                case "REACTIVATED" -> "Compte réactivé";
                case "DEACTIVATED" -> "Compte désactivé";
                default -> "Modification du compte";
            };
        }

        /** The journaled data in French: roles by their label, the site by its code. */
        public String details() {
            if (data == null || data.isBlank()) {
                return "";
            }
            JsonObject o;
            try (var reader = Jsonp.reader(new StringReader(data))) {
                o = reader.readObject();
            }
            List<String> parts = new ArrayList<>();
            if (o.get("role") instanceof JsonString r) {
                parts.add("rôle : " + roleLabel(r.getString()));
            }
            if (kind.equals("ROLE_CHANGED") && o.get("from") instanceof JsonString f && o.get("to") instanceof JsonString t) {
                parts.add(roleLabel(f.getString()) + " → " + roleLabel(t.getString()));
            }
            if (kind.equals("SITE_CHANGED")) {
                parts.add(o.get("site") instanceof JsonString site ? "site : " + site.getString() : "tous les sites");
            }
            return String.join(" · ", parts);
        }

        private static String roleLabel(String code) {
            try {
                return Role.valueOf(code).label();
            } catch (IllegalArgumentException e) {
                return "rôle inconnu";
            }
        }
    }

    private final Database database;

    public UserRepository(Database database) {
        this.database = database;
    }

    public Optional<Credentials> credentials(String username) {
        return database.client().execute().createNamedGet("user-credentials").addParam("username", username).execute()
                .map(r -> new Credentials(User.fromRow(r), Rows.text(r, "password_hash")));
    }

    public Optional<User> byId(long id) {
        return database.client().execute().createNamedGet("user-by-id").addParam("id", id).execute().map(User::fromRow);
    }

    public long count() {
        return database.client().execute().namedGet("users-count").map(r -> Rows.longValue(r, "n")).orElseThrow();
    }

    public List<User> all() {
        return database.client().execute().namedQuery("users-all").map(User::fromRow).toList();
    }

    /** The sites an account may be attached to: code → name, in name order. */
    public Map<String, String> sites() {
        Map<String, String> sites = new LinkedHashMap<>();
        database.client().execute().namedQuery("user-sites")
                .forEach(r -> sites.put(Rows.text(r, "code"), Rows.text(r, "name")));
        return sites;
    }

    /** The code of the site an account is attached to, or null for all sites. */
    public String siteCode(User user) {
        if (user.siteId() == null) {
            return null;
        }
        return database.client().execute().namedQuery("user-sites")
                .filter(r -> Rows.longValue(r, "id") == user.siteId()).map(r -> Rows.text(r, "code")).findFirst().orElse(null);
    }

    public List<AccountEvent> events(long userId) {
        return database.client().execute().createNamedQuery("user-events").addParam("userId", userId).execute()
                .map(r -> new AccountEvent(Rows.timestamp(r, "at"), Rows.text(r, "kind"), Rows.text(r, "data"),
                        Rows.text(r, "actor")))
                .toList();
    }

    static long insert(DbExecute tx, String username, String displayName, Role role, String passwordHash) {
        return tx.createNamedGet("user-insert")
                .addParam("username", username)
                .addParam("displayName", displayName)
                .addParam("role", role.name())
                .addParam("passwordHash", passwordHash)
                .execute()
                .map(r -> Rows.longValue(r, "id"))
                .orElseThrow();
    }

    static void recordEvent(DbExecute tx, long userId, Long actorId, String kind, String jsonData) {
        tx.createNamedInsert("user-event-insert")
                .addParam("userId", userId)
                .addParam("actorId", actorId)
                .addParam("kind", kind)
                .addParam("data", jsonData)
                .execute();
    }
}
