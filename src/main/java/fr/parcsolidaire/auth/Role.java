package fr.parcsolidaire.auth;

import java.util.EnumSet;
import java.util.Set;

/** The four kinds of people who use the service, with what each may do (DESIGN.md, "Roles"). */
public enum Role {
    ADMIN("Administrateur", EnumSet.allOf(Permission.class)),
    TECHNICIAN("Technicien", EnumSet.of(Permission.SIGNED_IN, Permission.INVENTORY_READ, Permission.INVENTORY_WRITE)),
    SOCIAL_WORKER("Travailleur social", EnumSet.of(Permission.SIGNED_IN, Permission.INVENTORY_READ)),
    COORDINATOR("Coordination", EnumSet.of(Permission.SIGNED_IN, Permission.INVENTORY_READ));

    private final String label;
    private final Set<Permission> permissions;

    Role(String label, Set<Permission> permissions) {
        this.label = label;
        this.permissions = permissions;
    }

    public String label() {
        return label;
    }

    public boolean can(Permission permission) {
        return permissions.contains(permission);
    }
}
