package fr.parcsolidaire.platform.http;

import io.helidon.dbclient.DbClientException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Each way a connection can die under a request is a 503 with Retry-After, wherever it sits among the causes. */
class DatabaseErrorsTest {

    @Test
    void aConnectionLostInAnyOfItsFormsIsA503WithRetryAfter() {
        for (SQLException lost : new SQLException[] {
                new SQLException("An I/O error occurred while sending to the backend.", "08006"),
                new SQLException("FATAL: terminating connection due to administrator command", "57P01"),
                new SQLException("FATAL: terminating connection due to crash of another server process", "57P02"),
                new SQLException("FATAL: the database system is starting up", "57P03"),
                new SQLException("FATAL: sorry, too many clients already", "53300"),
                new SQLException("This connection has been closed."),
                new SQLException("Connection is closed"),
                new SQLTransientConnectionException("parc - Connection is not available, request timed out after 5000ms.")}) {
            HttpProblem problem = DatabaseErrors.translate(new DbClientException("Failed to execute statement", lost));
            assertInstanceOf(RetryLater.class, problem, lost.getMessage());
            assertEquals(503, problem.status().code(), lost.getMessage());
            assertEquals("unavailable", problem.code());
            assertEquals(10, ((RetryLater) problem).seconds());
        }
    }

    @Test
    void otherFailuresAreNotMistakenForALostConnection() {
        assertEquals(409, DatabaseErrors.translate(new SQLException("could not serialize access", "40001")).status().code());
        assertEquals(409, DatabaseErrors.translate(new SQLException("deadlock detected", "40P01")).status().code());
        assertEquals(400, DatabaseErrors.translate(new SQLException("invalid byte sequence", "22021")).status().code());
        assertNull(DatabaseErrors.translate(new SQLException("duplicate key value violates unique constraint", "23505")));
        assertNull(DatabaseErrors.translate(new SQLException("The column index is out of range: 3, number of columns: 2.")));
        assertNull(DatabaseErrors.translate(new IllegalStateException("Connection is closed")));
    }

    /** The platform knows no feature: a lost race is said in neutral words; inventory names the machine itself. */
    @Test
    void aLostRaceIsSaidWithoutNamingWhatChanged() {
        assertEquals("Les données ont changé entre-temps : rechargez la page et recommencez.",
                DatabaseErrors.translate(new SQLException("could not serialize access", "40001")).getMessage());
        assertNull(DatabaseErrors.translate(new SQLException("machine 1 is not in state READY", "PS409")));
    }
}
