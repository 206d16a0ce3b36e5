package fr.parcsolidaire.web;

import io.helidon.http.Status;

import java.sql.SQLException;

/**
 * Turns the database's refusals that a person can cause into French answers:
 * a lost race on a state change, or the database being unreachable.
 */
final class DatabaseErrors {

    private DatabaseErrors() {
    }

    static HttpProblem translate(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.equals("PS409") || state.equals("40001") || state.equals("40P01")) {
                    return HttpProblem.conflict("La machine a changé entre-temps : rechargez la page et recommencez.");
                }
                if (state.startsWith("08")) {
                    return unavailable();
                }
                if (state.startsWith("22")) {
                    // Data the validators let through but PostgreSQL cannot store, such as a NUL character.
                    return HttpProblem.badRequest("Une valeur envoyée contient des caractères ou un format que le service n'accepte pas.");
                }
            }
            if (t instanceof java.sql.SQLTransientConnectionException) {
                return unavailable();
            }
        }
        return null;
    }

    private static HttpProblem unavailable() {
        return new RetryLater(Status.SERVICE_UNAVAILABLE_503, "unavailable",
                "La base de données est momentanément indisponible. Réessayez dans un instant.", 10);
    }
}
