package fr.parcsolidaire.reports;

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return that hides one) as a
 * formula: such text is prefixed with an apostrophe so that it stays text (OWASP "CSV injection").
 */
public final class CellDefuser {

    private CellDefuser() {
    }

    public static String defuse(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        char c = text.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + text : text;
    }
}
