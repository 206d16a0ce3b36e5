package fr.parcsolidaire.platform.security;

import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbRow;

/**
 * A person who signs in. {@code siteId} attaches the account to one site (null: every site); an attached
 * social worker or coordinator only reaches the beneficiaries, assignments and documents of that site.
 */
public record User(long id, String username, String displayName, Role role, boolean active, Long siteId) {

    public User(long id, String username, String displayName, Role role, boolean active) {
        this(id, username, displayName, role, active, null);
    }

    /** A row of the users table (columns id, username, display_name, role, active, site_id). */
    public static User fromRow(DbRow r) {
        return new User(Rows.longValue(r, "id"), Rows.text(r, "username"), Rows.text(r, "display_name"),
                Role.valueOf(Rows.text(r, "role")), Rows.bool(r, "active"), Rows.longOrNull(r, "site_id"));
    }

    public boolean can(Permission permission) {
        return active && role.can(permission);
    }

    /** The only site whose personal data this user may reach, or null for all (administrators, unattached users). */
    public Long siteScope() {
        return role == Role.ADMIN ? null : siteId;
    }
}
