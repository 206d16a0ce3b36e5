package fr.parcsolidaire.platform.sql;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Where the database is; holds the embedded server, if one was started, so it can be stopped. */
public record DatabaseCoordinates(String url, String user, String password, EmbeddedPostgres embedded) implements AutoCloseable {

    /**
     * A connection of its own, outside the pool, for a thread that keeps it (LISTEN, the notice sender): kept alive by
     * TCP and named in pg_stat_activity.
     */
    public Connection connectAlone(String applicationName) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(url, props);
    }

    /** {@code text} without this database's password, in the URL or anywhere else (see {@link Redaction}). */
    public String redact(String text) {
        return Redaction.redact(text, url, password);
    }

    /**
     * A failure to report about this database: {@code message} (French) followed by what the causes said, redacted.
     * The causes are left out: printed with their stack traces they would show the password again.
     */
    public IllegalStateException failure(String message, Throwable cause) {
        return Redaction.failure(message, cause, url, password);
    }

    /** Never the password: coordinates end up in log lines and error messages. */
    @Override
    public String toString() {
        return "DatabaseCoordinates[url=" + redact(url) + ", user=" + user + ", password=" + Redaction.MASK + "]";
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
