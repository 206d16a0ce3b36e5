package fr.parcsolidaire;

import fr.parcsolidaire.bench.Seeder;
import fr.parcsolidaire.platform.settings.Settings;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.DatabaseCoordinates;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A database of its own on the local PostgreSQL, filled by the bench's Seeder (a long generated history of machines,
 * events, people and assignments) and opened with the statements a test needs; dropped by {@link #close()}. For tests
 * that compare two ways of computing the same answer on varied data.
 */
public final class SeededDatabase implements AutoCloseable {

    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private final String name;
    private final String url;
    private final Settings settings;
    private final Database database;

    private SeededDatabase(String name, String url, Settings settings, Database database) {
        this.name = name;
        this.url = url;
        this.settings = settings;
        this.database = database;
    }

    /** A fresh database named {@code prefix_<random>} with {@code machines} seeded machines and their history. */
    public static SeededDatabase create(String prefix, int machines, String... statements) throws Exception {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        exec(ADMIN_URL, "CREATE DATABASE " + name);
        String url = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
        DatabaseCoordinates coordinates = new DatabaseCoordinates(url, "postgres", "", null);
        new Seeder().run(coordinates, machines);
        Config config = Config.builder()
                .addSource(ConfigSources.create(Map.of("db.connection.url", url, "db.connection.username", "postgres")))
                .addSource(ConfigSources.classpath("application.yaml"))
                .disableEnvironmentVariablesSource()
                .build();
        Settings settings = Settings.of(config);
        return new SeededDatabase(name, url, settings, Database.open(settings.section("db"), coordinates, List.of(statements)));
    }

    public String url() {
        return url;
    }

    public Settings settings() {
        return settings;
    }

    public Database database() {
        return database;
    }

    /** One statement on a connection of its own, outside the service's pool (setting up a case, as psql would). */
    public void exec(String statement) {
        exec(url, statement);
    }

    @Override
    public void close() {
        database.close();
        exec(ADMIN_URL, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void exec(String jdbc, String statement) {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", ""); var st = c.createStatement()) {
            st.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement, e);
        }
    }
}
