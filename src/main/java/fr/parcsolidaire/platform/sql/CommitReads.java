package fr.parcsolidaire.platform.sql;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads transaction-local settings in the commit's own round trip: what a transaction's triggers left there (the
 * machines it changed, V12) is only visible inside it, and a SELECT of its own before the COMMIT cost every write
 * transaction one more round trip to PostgreSQL. The pool's connections are handed out behind a proxy whose
 * {@code commit()} sends {@code SELECT current_setting(…); COMMIT} at once (one Sync, one answer) and leaves the
 * values to the committing thread ({@link #taken}). The driver then knows the transaction is over, so the pool's
 * own commit or rollback on return does nothing.
 */
final class CommitReads {

    private record Query(String sql, int columns) {
    }

    private final List<String> settings = new ArrayList<>();
    private final ThreadLocal<String[]> values = new ThreadLocal<>();
    private volatile Query query;

    /** A transaction-local setting to read at each commit; its value is at the same index in {@link #taken}. */
    synchronized int add(String setting) {
        if (!setting.matches("[a-z_]+\\.[a-z_]+")) {
            throw new IllegalArgumentException("setting " + setting);
        }
        settings.add(setting);
        query = new Query("SELECT " + String.join(", ", settings.stream().map(s -> "current_setting('" + s + "', true)").toList())
                + "; COMMIT", settings.size());
        return settings.size() - 1;
    }

    /** Forgets what an earlier commit of this thread left, so that {@link #taken} says only what the next one read. */
    void clear() {
        values.remove();
    }

    /** What the last commit of this thread read, null when it read nothing (no setting, or no statement ran). */
    String[] taken() {
        String[] v = values.get();
        values.remove();
        return v;
    }

    /** A pooled connection whose commit also reads the settings. */
    Connection wrap(Connection pooled) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Committing(pooled));
    }

    private final class Committing implements InvocationHandler {

        private final Connection pooled;

        Committing(Connection pooled) {
            this.pooled = pooled;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Query q = query;
            if (q != null && method.getName().equals("commit") && method.getParameterCount() == 0 && !pooled.getAutoCommit()) {
                commit(q);
                return null;
            }
            try {
                return method.invoke(pooled, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private void commit(Query q) throws SQLException {
            String[] read = new String[q.columns()];
            try (Statement st = pooled.createStatement()) {
                // A failed COMMIT (a deferred constraint, a serialisation failure) throws here, like commit() would.
                st.execute(q.sql());
                try (ResultSet rs = st.getResultSet()) {
                    if (rs.next()) {
                        for (int i = 0; i < read.length; i++) {
                            read[i] = rs.getString(i + 1);
                        }
                    }
                }
            }
            values.set(read);
        }
    }
}
