package fr.parcsolidaire.platform.settings;

/**
 * The service cannot start as configured: a French sentence for the person starting it, printed alone (no stack
 * trace) before the process stops. Thrown for settings that are missing, unreadable or contradictory, and for a
 * database that cannot be found or prepared.
 */
public final class StartupRefused extends RuntimeException {

    public StartupRefused(String message) {
        super(message, null, false, false);
    }
}
