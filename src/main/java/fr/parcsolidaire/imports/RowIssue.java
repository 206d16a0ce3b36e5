package fr.parcsolidaire.imports;

/**
 * One thing to say about one row of the file, in French. An error keeps the whole file from being imported;
 * a warning says what the import will do on the person's behalf (a tag replaced, a state held back).
 *
 * @param line  the row's number in the file, as the spreadsheet shows it (0 for the file as a whole)
 * @param field the column concerned, or null for the row as a whole
 */
public record RowIssue(int line, ImportField field, Severity severity, String message) {

    public enum Severity { ERROR, WARNING }

    static RowIssue error(int line, ImportField field, String message) {
        return new RowIssue(line, field, Severity.ERROR, message);
    }

    static RowIssue warning(int line, ImportField field, String message) {
        return new RowIssue(line, field, Severity.WARNING, message);
    }

    public boolean blocking() {
        return severity == Severity.ERROR;
    }
}
