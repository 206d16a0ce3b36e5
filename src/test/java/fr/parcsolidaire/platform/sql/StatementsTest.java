package fr.parcsolidaire.platform.sql;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The .sql files of named statements: how they split, and the mistakes that must stop the start. */
class StatementsTest {

    @Test
    void eachNameLineStartsAStatementThatRunsToTheNext() {
        Map<String, String> s = Statements.parse("""
                -- name: one
                SELECT 1

                -- Why the second exists (a comment above a name line).
                -- name: two-parts
                SELECT *
                  FROM t
                """);
        assertEquals(List.of("one", "two-parts"), List.copyOf(s.keySet()));
        assertEquals("SELECT *\n  FROM t", s.get("two-parts"));
        // The comment that introduces the next statement ends up in the one before: harmless for PostgreSQL.
        assertEquals("SELECT 1\n\n-- Why the second exists (a comment above a name line).", s.get("one"));
    }

    @Test
    void textBeforeTheFirstNameAndMalformedNameLinesAreNotStatements() {
        Map<String, String> s = Statements.parse("""
                -- A header comment.
                -- name: Upper_Case
                -- name:missing-space
                --  name: indented
                -- name: real
                SELECT 3""");
        assertEquals(Map.of("real", "SELECT 3"), s);
    }

    @Test
    void aNameDefinedTwiceInAFileOrAcrossFilesIsRefused() {
        assertThrows(IllegalStateException.class, () -> Statements.parse("-- name: x\nSELECT 1\n-- name: x\nSELECT 2"));
        IllegalStateException across = assertThrows(IllegalStateException.class,
                () -> Statements.load(List.of("statements/test-a.sql", "statements/test-b.sql")));
        assertTrue(across.getMessage().contains("second") && across.getMessage().contains("test-b.sql"), across.getMessage());
    }

    @Test
    void filesAreReadFromTheClasspathAndOneStatementCanBeTakenAlone() {
        Map<String, String> all = Statements.load(List.of("statements/test-a.sql"));
        assertEquals(List.of("first", "second"), List.copyOf(all.keySet()));
        assertEquals("SELECT *\n  FROM t\n WHERE id = :id", Statements.text("statements/test-a.sql", "second"));
        assertThrows(IllegalArgumentException.class, () -> Statements.text("statements/test-a.sql", "third"));
        assertThrows(IllegalStateException.class, () -> Statements.load(List.of("statements/missing.sql")));
    }

    @Test
    void theServiceStatementFilesParseWithoutClash() {
        Map<String, String> all = Statements.load(List.of(Database.STATEMENTS, "statements/security.sql",
                "statements/accounts.sql", "statements/inventory.sql", "statements/labels.sql", "statements/loans.sql",
                "statements/reports.sql", "statements/gdpr.sql"));
        assertTrue(all.size() > 120, "statements: " + all.size());
        all.forEach((name, sql) -> assertTrue(!sql.isBlank(), name + " is empty"));
    }
}
