package fr.parcsolidaire.platform;

import fr.parcsolidaire.platform.http.Guard;
import fr.parcsolidaire.platform.http.Pages;
import fr.parcsolidaire.platform.http.PublicUrls;
import fr.parcsolidaire.platform.security.SessionStore;
import fr.parcsolidaire.platform.settings.Settings;
import fr.parcsolidaire.platform.sql.Database;

import java.time.Clock;

/**
 * What every feature is started with: the settings (each feature reads its own section), the database, the
 * Guard through which every route is registered, the page renderer, the public address, the sessions and the
 * clock.
 */
public record Platform(Settings settings, Database database, Guard guard, Pages pages, PublicUrls urls,
                       SessionStore sessions, Clock clock) {
}
