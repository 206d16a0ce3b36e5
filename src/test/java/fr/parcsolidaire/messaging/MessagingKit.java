package fr.parcsolidaire.messaging;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the messaging tests share: the test service's database (real PostgreSQL), people and loans made through
 * the API as a social worker would, the services built as the feature will build them, and a clean outbox.
 */
final class MessagingKit {

    static final MessagingSettings.Structure STRUCTURE = new MessagingSettings.Structure("Parc Solidaire",
            "12 rue de la République, 93200 Saint-Denis", "Saint-Denis");
    /** Short timeouts so that a silent gateway is found out quickly; a lease long enough for them. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private MessagingKit() {
    }

    static TestApp app() {
        return TestApp.get();
    }

    static Database database() {
        return app().app().database();
    }

    static Outbox outbox() {
        return new Outbox(database(), new Templates(), STRUCTURE);
    }

    static Consents consents() {
        return new Consents(database());
    }

    static MessagingSettings.Worker worker(Duration lease) {
        return new MessagingSettings.Worker(Duration.ofMillis(100), lease, Duration.ofMinutes(1), Duration.ofHours(6), 12);
    }

    static MessagingSettings.Smtp smtp(int port, String user, String password) {
        return new MessagingSettings.Smtp("127.0.0.1", port, user, password, false, "rappels@parc-solidaire.test",
                TIMEOUT, TIMEOUT);
    }

    /** The social worker of the test service, as the services receive them. */
    static User socialWorker() {
        return user(app().username(Role.SOCIAL_WORKER), Role.SOCIAL_WORKER, null);
    }

    static User admin() {
        return user(app().username(Role.ADMIN), Role.ADMIN, null);
    }

    static User user(String username, Role role, Long siteId) {
        long id = app().count("SELECT id FROM users WHERE username = '" + username + "'");
        return new User(id, username, "Test " + username, role, true, siteId);
    }

    /** A social worker attached to another site than the test service's people. */
    static User workerOfAnotherSite() {
        String code = "autre-" + UUID.randomUUID().toString().substring(0, 8);
        app().sql("INSERT INTO sites (code, name, tag_prefix) VALUES ('" + code + "', 'Autre site', 'AU')");
        long site = app().count("SELECT id FROM sites WHERE code = '" + code + "'");
        String username = "sw-" + code;
        app().sql("INSERT INTO users (username, display_name, role, password_hash, site_id) VALUES ('" + username
                + "', 'Autre site', 'SOCIAL_WORKER', 'x', " + site + ")");
        return user(username, Role.SOCIAL_WORKER, site);
    }

    /** The site of the test service whose name the messages and letters are expected to carry. */
    static final String SITE = "atelier";

    /**
     * A person registered through the API at {@link #SITE}; email and phone may be null. The site is named: the
     * test social worker is attached to no site, and the service would otherwise take the first site by name,
     * which another test class (loans, handover) may have created in the shared database.
     */
    static long person(String firstName, String lastName, String email, String phone) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("site", SITE).add("lastName", lastName).add("firstName", firstName)
                .add("commune", "Saint-Denis").add("postcode", "93200").add("ageBracket", "FROM_45_TO_59")
                .add("situation", "JOB_SEEKER").add("gdprNoticeOn", LocalDate.now().toString());
        if (email != null) {
            body.add("email", email);
        }
        if (phone != null) {
            body.add("phone", phone);
        }
        return Http.json(Fixtures.expect(201, Http.api(Role.SOCIAL_WORKER).postJson("/api/v1/beneficiaries", body.build())))
                .getJsonNumber("id").longValue();
    }

    /** A laptop lent to the person through the API until {@code dueOn}; returns the assignment id. */
    static long loan(long beneficiaryId, LocalDate dueOn) {
        String tag = Fixtures.readyMachine();
        return Http.json(Fixtures.expect(201, Http.api(Role.SOCIAL_WORKER).postJson("/api/v1/assignments",
                Json.createObjectBuilder().add("machineTag", tag).add("beneficiaryId", beneficiaryId).add("kind", "LOAN")
                        .add("dueOn", dueOn.toString()).build()))).getJsonNumber("id").longValue();
    }

    static void consent(long beneficiaryId, Channel channel, String street) {
        consents().record(beneficiaryId, new Consents.Request(channel, true, LocalDate.now(), street), socialWorker());
    }

    /**
     * Tests share one database: what earlier tests left waiting would be claimed by this test's workers. It is
     * cancelled (a journaled change like any other), so each test counts only its own messages.
     */
    static void quietOutbox() {
        app().sql("UPDATE outbox SET state = 'CANCELLED', lease_until = NULL WHERE state IN ('PENDING', 'SENDING')");
    }

    static String state(long messageId) {
        return text("SELECT state FROM outbox WHERE id = " + messageId);
    }

    static String text(String query) {
        try (Connection c = app().connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }

    static List<String> column(String query) {
        try (Connection c = app().connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }

    static long count(String query) {
        return app().count(query);
    }
}
