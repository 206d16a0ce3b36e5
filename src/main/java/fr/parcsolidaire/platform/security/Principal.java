package fr.parcsolidaire.platform.security;

/**
 * The authenticated caller of one request: the user and how they proved it.
 * A browser session carries a CSRF token that every state-changing request must echo;
 * a bearer token sent by a script is not replayed by browsers, so it needs none.
 */
public record Principal(User user, String csrfToken, boolean bearer) {
}
