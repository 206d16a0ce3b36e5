package fr.parcsolidaire.platform.security;

import java.util.Optional;

/**
 * Bearer tokens a feature issues for one task (a workbench token for one machine), tried when a bearer token is
 * not an API session. The source may refuse a token it knows but that no longer holds (expired, revoked) by
 * throwing the French 401 itself; an unknown token is an empty answer.
 */
@FunctionalInterface
public interface TokenSource {

    /** Who the token speaks for, with its scope, for this request (method and raw path, for the source's journal). */
    Optional<Principal> find(String token, String method, String rawPath);
}
