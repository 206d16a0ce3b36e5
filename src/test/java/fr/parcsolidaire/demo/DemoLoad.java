package fr.parcsolidaire.demo;

import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.inventory.InventoryFeature;
import fr.parcsolidaire.platform.security.Role;
import fr.parcsolidaire.platform.security.User;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The demo data of every feature loaded into the test service once per JVM, through the same services as
 * {@code ./parc start --demo}: the pages and documents of the people tests are read on believable data.
 */
public final class DemoLoad {

    private static boolean loaded;
    /** A load that failed half-way is not tried again: its second try would only fail on what the first one left. */
    private static RuntimeException failure;

    private DemoLoad() {
    }

    public static synchronized void once() {
        if (loaded) {
            return;
        }
        if (failure != null) {
            throw new IllegalStateException("the demo data failed to load earlier in this JVM", failure);
        }
        TestApp app = TestApp.get();
        long adminId = app.count("SELECT id FROM users WHERE username = '" + app.username(Role.ADMIN) + "'");
        User admin = new User(adminId, app.username(Role.ADMIN), "Test admin", Role.ADMIN, true);
        InventoryFeature inventory = app.app().feature(InventoryFeature.class);
        try {
            DemoFeature.load(app.app().database(), inventory, app.app().features(), admin, app.baseUrl());
            inventory.catchUp(Duration.ofSeconds(10));
        } catch (TimeoutException e) {
            failure = new IllegalStateException(e);
            throw failure;
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
        loaded = true;
    }
}
