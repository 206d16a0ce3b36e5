package fr.parcsolidaire.platform.security;

import java.util.EnumSet;
import java.util.Set;

/** The four kinds of people who use the service, with what each may do (DESIGN.md, "Roles"). */
public enum Role {
    ADMIN("Administrateur", EnumSet.allOf(Permission.class)),
    TECHNICIAN("Technicien", EnumSet.of(Permission.SIGNED_IN, Permission.INVENTORY_READ, Permission.INVENTORY_WRITE)),
    SOCIAL_WORKER("Travailleur social", EnumSet.of(Permission.SIGNED_IN, Permission.INVENTORY_READ,
            Permission.BENEFICIARIES_READ, Permission.BENEFICIARIES_WRITE, Permission.BENEFICIARY_COUNTS,
            Permission.ASSIGNMENTS_READ, Permission.ASSIGNMENTS_WRITE)),
    // DESIGN.md: coordinators read assignments (machine, kind, dates) but see beneficiaries as counts only.
    COORDINATOR("Coordination", EnumSet.of(Permission.SIGNED_IN, Permission.INVENTORY_READ,
            Permission.BENEFICIARY_COUNTS, Permission.ASSIGNMENTS_READ, Permission.REPORTS));

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
