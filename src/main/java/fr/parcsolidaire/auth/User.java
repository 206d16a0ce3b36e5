package fr.parcsolidaire.auth;

/** A person who signs in. */
public record User(long id, String username, String displayName, Role role, boolean active) {

    public boolean can(Permission permission) {
        return active && role.can(permission);
    }
}
