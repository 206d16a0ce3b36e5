package fr.parcsolidaire.platform.sql;

import fr.parcsolidaire.platform.settings.Settings;
import fr.parcsolidaire.platform.settings.StartupRefused;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Finds the PostgreSQL database to use, in the order the README promises:
 * the configured URL, then the local server on 127.0.0.1:5432 (creating the database),
 * then an embedded PostgreSQL under ./data when not root (initdb refuses to run as root).
 */
public final class DatabaseLocator {

    private static final Logger LOG = Logger.getLogger(DatabaseLocator.class.getName());

    private DatabaseLocator() {
    }

    /** From the {@code db} settings: {@code connection.url} (or DATABASE_URL), else {@code local}, else {@code embedded}. */
    public static DatabaseCoordinates locate(Settings db) {
        Optional<String> url = db.optionalText("connection.url");
        String user = db.text("connection.username");
        String password = db.text("connection.password");
        if (url.isPresent()) {
            return new DatabaseCoordinates(url.get(), user, password, null);
        }
        String name = db.text("local.name");
        String host = db.text("local.host");
        int port = db.integer("local.port");
        if (portOpen(host, port)) {
            String server = "jdbc:postgresql://" + host + ":" + port + "/";
            createDatabaseIfMissing(server + "postgres", user, password, name);
            return new DatabaseCoordinates(server + name, user, password, null);
        }
        if (isRoot()) {
            throw new StartupRefused("""
                    Aucune base PostgreSQL trouvée. Démarrez PostgreSQL sur %s:%d \
                    (pg_ctlcluster 15 main start, ou apt-get install -y postgresql), \
                    ou indiquez-en une avec DATABASE_URL=jdbc:postgresql://hôte:5432/base. \
                    La base embarquée ne peut pas tourner en root.""".formatted(host, port));
        }
        return startEmbedded(Path.of(db.text("embedded.directory")), name);
    }

    private static DatabaseCoordinates startEmbedded(Path directory, String name) {
        try {
            LOG.info("No PostgreSQL on 127.0.0.1:5432: starting an embedded one under " + directory.toAbsolutePath());
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(directory.resolve("pg"))
                    .setCleanDataDirectory(false)
                    .setPort(54329)
                    .start();
            String adminUrl = pg.getJdbcUrl("postgres", "postgres");
            createDatabaseIfMissing(adminUrl, "postgres", "", name);
            return new DatabaseCoordinates(pg.getJdbcUrl("postgres", name), "postgres", "", pg);
        } catch (IOException e) {
            throw Redaction.failure("Impossible de démarrer la base PostgreSQL embarquée", e, null, null);
        }
    }

    static void createDatabaseIfMissing(String adminUrl, String user, String password, String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Invalid database name: " + name);
        }
        try (Connection c = DriverManager.getConnection(adminUrl, user, password);
             var check = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            check.setString(1, name);
            if (!check.executeQuery().next()) {
                try (var create = c.createStatement()) {
                    // Identifiers cannot be bound; the name was checked against a strict pattern above.
                    create.execute("CREATE DATABASE " + name);
                }
                LOG.info("Created database " + name);
            }
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) {
                throw Redaction.failure("Impossible de créer la base " + name + " sur " + Redaction.redact(adminUrl, adminUrl, password),
                        e, adminUrl, password);
            }
        }
    }

    private static boolean portOpen(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
