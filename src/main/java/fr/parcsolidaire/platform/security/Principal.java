package fr.parcsolidaire.platform.security;

/**
 * The authenticated caller of one request: the user and how they proved it.
 * A browser session carries a CSRF token that every state-changing request must echo;
 * a bearer token sent by a script is not replayed by browsers, so it needs none.
 * A token made for one task (a feature's {@link TokenSource}) carries a {@link Scope}: the Guard refuses every
 * route outside it, whatever the user's role would allow.
 */
public record Principal(User user, String csrfToken, boolean bearer, Scope scope) {

    public Principal(User user, String csrfToken, boolean bearer) {
        this(user, csrfToken, bearer, null);
    }

    /** The requests a narrowed token may make, and the French refusal of the others. */
    public interface Scope {

        boolean allows(String method, String rawPath);

        String refusal();
    }
}
