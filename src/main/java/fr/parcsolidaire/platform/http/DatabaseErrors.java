package fr.parcsolidaire.platform.http;

import io.helidon.http.Status;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the database's refusals that a person can cause into French answers: a lost race between two
 * transactions (serialization failure, deadlock), the database being unreachable, a value it cannot store.
 */
final class DatabaseErrors {

    /**
     * The connection went away under the request: PostgreSQL ended the session (administrator command, crash,
     * shutdown: 57P01/02/03) or had no room for it (53300). Class 08 (connection exceptions) is matched whole.
     */
    private static final Set<String> CONNECTION_LOST = Set.of("57P01", "57P02", "57P03", "53300");
    /** What pgjdbc ("This connection has been closed.") and HikariCP ("Connection is closed") may say without a state. */
    private static final Pattern CLOSED = Pattern.compile("(?i)\\bconnection (is|has been) closed\\b");

    private DatabaseErrors() {
    }

    static HttpProblem translate(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return unavailable();
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state == null) {
                    if (sql.getMessage() != null && CLOSED.matcher(sql.getMessage()).find()) {
                        return unavailable();
                    }
                    continue;
                }
                if (state.equals("40001") || state.equals("40P01")) {
                    // Features that know what changed say so themselves (inventory/MachineHistory).
                    return HttpProblem.conflict("Les données ont changé entre-temps : rechargez la page et recommencez.");
                }
                if (state.startsWith("08") || CONNECTION_LOST.contains(state)) {
                    return unavailable();
                }
                if (state.startsWith("22")) {
                    // Data the validators let through but PostgreSQL cannot store, such as a NUL character.
                    return HttpProblem.badRequest("Une valeur envoyée contient des caractères ou un format que le service n'accepte pas.");
                }
            }
        }
        return null;
    }

    private static HttpProblem unavailable() {
        return new RetryLater(Status.SERVICE_UNAVAILABLE_503, "unavailable",
                "La base de données est momentanément indisponible. Réessayez dans un instant.", 10);
    }
}
