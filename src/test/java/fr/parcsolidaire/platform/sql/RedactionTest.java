package fr.parcsolidaire.platform.sql;

import org.junit.jupiter.api.Test;

import java.net.UnknownHostException;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedactionTest {

    @Test
    void passwordParametersOfAnyUrlAreMasked() {
        assertEquals("Failed to create a connection to jdbc:postgresql://db:5432/parc?user=parc&password=***&ssl=true",
                Redaction.redact("Failed to create a connection to jdbc:postgresql://db:5432/parc?user=parc&password=s3cr3t&ssl=true",
                        null, null));
        assertEquals("x?sslpassword=*** PASSWORD=***", Redaction.redact("x?sslpassword=k3y PASSWORD=Other", null, null));
    }

    @Test
    void userInfoOfAnyUrlIsMasked() {
        assertEquals("postgresql://parc:***@db:5432/parc", Redaction.redact("postgresql://parc:hunter2@db:5432/parc", null, null));
    }

    @Test
    void theConnectionsOwnSecretsAreMaskedWhereverTheyAppear() {
        String url = "jdbc:postgresql://parc:p%40ss@db/parc?password=Url-Secret";
        // pgjdbc does not read user:password@ and reports it as an unknown host, without the //.
        assertEquals("java.net.UnknownHostException: parc:***@db; *** and ***; and ***",
                Redaction.redact("java.net.UnknownHostException: parc:p%40ss@db; Url-Secret and p@ss; and Env-Secret",
                        url, "Env-Secret"));
    }

    @Test
    void textWithoutSecretsIsLeftAlone() {
        String text = "Connection to 127.0.0.1:5432 refused. Check that the hostname and port are correct.";
        assertEquals(text, Redaction.redact(text, "jdbc:postgresql://127.0.0.1:5432/parc", ""));
        assertNull(Redaction.redact(null, null, "x"));
    }

    @Test
    void coordinatesNeverPrintTheirPassword() {
        DatabaseCoordinates db = new DatabaseCoordinates("jdbc:postgresql://db/parc?password=InUrl", "parc", "Set-Apart", null);
        assertFalse(db.toString().contains("InUrl"), db.toString());
        assertFalse(db.toString().contains("Set-Apart"), db.toString());
        assertTrue(db.toString().contains("jdbc:postgresql://db/parc"), db.toString());
    }

    @Test
    void aFailureKeepsWhatItsCausesSaidButNeitherTheCausesNorTheSecrets() {
        DatabaseCoordinates db = new DatabaseCoordinates("jdbc:postgresql://parc:Secret1@db/parc", "parc", "Secret2", null);
        Exception cause = new RuntimeException("Unable to obtain connection from database (jdbc:postgresql://parc:Secret1@db/parc)",
                new SQLException("The connection attempt failed. Secret2", "08001", new UnknownHostException("parc:Secret1@db")));
        IllegalStateException failure = db.failure("Impossible de préparer la base de données", cause);
        assertNull(failure.getCause());
        assertTrue(failure.getMessage().startsWith("Impossible de préparer la base de données : Unable to obtain connection"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("The connection attempt failed."), failure.getMessage());
        assertFalse(failure.getMessage().contains("Secret1"), failure.getMessage());
        assertFalse(failure.getMessage().contains("Secret2"), failure.getMessage());
    }
}
