package fr.parcsolidaire.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;

/** Where the database is; holds the embedded server, if one was started, so it can be stopped. */
public record DatabaseCoordinates(String url, String user, String password, EmbeddedPostgres embedded) implements AutoCloseable {

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
