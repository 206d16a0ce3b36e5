package fr.parcsolidaire.platform.sql;

import java.sql.SQLException;

/** What PostgreSQL said went wrong, found under the pool's and Helidon's wrappers. */
public final class SqlState {

    /** unique_violation: a unique index refused the row. */
    public static final String UNIQUE_VIOLATION = "23505";

    private SqlState() {
    }

    /** Whether {@code error} or one of its causes is an SQLException with this SQLSTATE. */
    public static boolean is(Throwable error, String state) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && state.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
