package fr.parcsolidaire.platform.http;

import fr.parcsolidaire.platform.security.Permission;

/** One protected route: what it answers and what it requires. The role-matrix test walks all of them. */
public record Route(String method, String path, Permission permission) {
}
