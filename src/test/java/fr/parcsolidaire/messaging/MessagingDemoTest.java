package fr.parcsolidaire.messaging;

import fr.parcsolidaire.Main;
import fr.parcsolidaire.platform.Server;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** ./parc start --demo on an empty database shows reminders: consents, and a message in each state a page names. */
class MessagingDemoTest {

    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    @Test
    void theDemoHasConsentsAndAMessageInEachStateThePagesShow() throws SQLException {
        String name = "parc_test_demo_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        exec(ADMIN_URL, "CREATE DATABASE " + name);
        String url = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
        Server.Running app = null;
        try {
            app = Main.start(Config.builder()
                    .addSource(ConfigSources.create(Map.of("server.port", "0", "server.host", "127.0.0.1",
                            "db.connection.url", url, "db.connection.username", "postgres", "db.pool-size", "4",
                            "app.demo", "true")))
                    .addSource(ConfigSources.classpath("application.yaml"))
                    .disableEnvironmentVariablesSource()
                    .build());
            Map<String, Long> states = new TreeMap<>();
            try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT state || ':' || channel, count(*) FROM outbox GROUP BY 1")) {
                    while (rs.next()) {
                        states.put(rs.getString(1), rs.getLong(2));
                    }
                }
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM consents WHERE given")) {
                    rs.next();
                    assertEquals(4, rs.getLong(1), "letter, e-mail, SMS, e-mail given; one SMS withdrawn");
                }
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM postal_addresses")) {
                    rs.next();
                    assertEquals(1, rs.getLong(1));
                }
            }
            assertEquals(Map.of("CANCELLED:EMAIL", 1L, "FAILED:EMAIL", 1L, "PENDING:LETTER", 1L, "PENDING:SMS", 1L,
                    "SENT:EMAIL", 1L, "UNCERTAIN:EMAIL", 1L), states);
        } finally {
            if (app != null) {
                app.stop();
            }
            exec(ADMIN_URL, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static void exec(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
