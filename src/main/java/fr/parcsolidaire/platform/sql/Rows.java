package fr.parcsolidaire.platform.sql;

import io.helidon.dbclient.DbRow;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Reads columns the way PostgreSQL's JDBC driver hands them back (timestamps as java.sql types, nulls). */
public final class Rows {

    private Rows() {
    }

    /** The column's value as the driver returned it, or null for SQL NULL. */
    public static Object raw(DbRow row, String column) {
        return row.column(column).asOptional().orElse(null);
    }

    public static String text(DbRow row, String column) {
        Object v = raw(row, column);
        return v == null ? null : v.toString();
    }

    public static Long longOrNull(DbRow row, String column) {
        Object v = raw(row, column);
        return v == null ? null : ((Number) v).longValue();
    }

    public static long longValue(DbRow row, String column) {
        return ((Number) raw(row, column)).longValue();
    }

    public static Integer intOrNull(DbRow row, String column) {
        Object v = raw(row, column);
        return v == null ? null : ((Number) v).intValue();
    }

    public static BigDecimal decimal(DbRow row, String column) {
        Object v = raw(row, column);
        return v == null ? null : new BigDecimal(v.toString());
    }

    public static Boolean bool(DbRow row, String column) {
        return (Boolean) raw(row, column);
    }

    public static LocalDate date(DbRow row, String column) {
        Object v = raw(row, column);
        return switch (v) {
            case null -> null;
            case Date d -> d.toLocalDate();
            case LocalDate d -> d;
            default -> LocalDate.parse(v.toString());
        };
    }

    public static OffsetDateTime timestamp(DbRow row, String column) {
        Object v = raw(row, column);
        return switch (v) {
            case null -> null;
            case Timestamp t -> t.toInstant().atOffset(ZoneOffset.UTC);
            case OffsetDateTime t -> t;
            case Instant i -> i.atOffset(ZoneOffset.UTC);
            default -> OffsetDateTime.parse(v.toString());
        };
    }
}
