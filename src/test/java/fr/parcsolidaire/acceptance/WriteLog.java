package fr.parcsolidaire.acceptance;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Which request wrote what: for the length of a test, a row trigger on every table records each committed
 * insert, update and delete (a rolled-back write leaves no trace, as it should), so a test can check the
 * database after every request instead of once at the end. Same exceptions as the corpus's fingerprint: the
 * login throttle, sessions' last-seen time, and READ / LIST / EXPORT entries (journaled reads) of the GDPR access log.
 */
final class WriteLog implements AutoCloseable {

    private final Connection connection;

    private WriteLog(Connection connection) {
        this.connection = connection;
    }

    static WriteLog install(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE corpus_write_log (id bigserial PRIMARY KEY, tbl text NOT NULL, op text NOT NULL)");
            st.execute("CREATE FUNCTION corpus_write_log() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "INSERT INTO corpus_write_log (tbl, op) VALUES (TG_TABLE_NAME, TG_OP); RETURN NULL; END $$");
            List<String> tables = new ArrayList<>();
            try (var rs = st.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                    + "AND table_type = 'BASE TABLE' AND table_name NOT IN ('corpus_write_log', 'login_throttle')")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                String on = switch (table) {
                    case "sessions" -> "INSERT OR DELETE";
                    default -> "INSERT OR UPDATE OR DELETE";
                };
                String when = table.equals("beneficiary_access_log") ? " WHEN (NEW.action NOT IN ('READ', 'LIST', 'EXPORT'))" : "";
                if (!when.isEmpty()) {
                    on = "INSERT";
                }
                st.execute("CREATE TRIGGER corpus_write_log AFTER " + on + " ON \"" + table + "\" FOR EACH ROW" + when
                        + " EXECUTE FUNCTION corpus_write_log()");
            }
        }
        return new WriteLog(c);
    }

    long last() throws SQLException {
        try (Statement st = connection.createStatement(); var rs = st.executeQuery("SELECT coalesce(max(id), 0) FROM corpus_write_log")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** "machines INSERT, machine_events INSERT" for the writes after {@code id}. */
    String since(long id) throws SQLException {
        List<String> writes = new ArrayList<>();
        try (Statement st = connection.createStatement(); var rs = st.executeQuery(
                "SELECT tbl || ' ' || op FROM corpus_write_log WHERE id > " + id + " ORDER BY id")) {
            while (rs.next()) {
                writes.add(rs.getString(1));
            }
        }
        return String.join(", ", writes);
    }

    @Override
    public void close() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("DROP FUNCTION corpus_write_log() CASCADE");
            st.execute("DROP TABLE corpus_write_log");
        }
    }
}
