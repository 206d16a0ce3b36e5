package fr.parcsolidaire.imports;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which column (0 for the first) holds which field, and which row holds the headers (0: the file has none, every
 * row is a machine). Guessed from the header names, then corrected by the person on the mapping page.
 */
public record ColumnMapping(int headerLine, Map<ImportField, Integer> columns) {

    /** Rows looked at for the header: a title or a blank line above it is common. */
    static final int HEADER_SEARCH_ROWS = 10;

    public ColumnMapping {
        if (headerLine < 0) {
            throw new IllegalArgumentException("headerLine < 0");
        }
        EnumMap<ImportField, Integer> copy = new EnumMap<>(ImportField.class);
        (columns == null ? Map.<ImportField, Integer>of() : columns).forEach((field, column) -> {
            if (column != null) {
                if (column < 0) {
                    throw new IllegalArgumentException("column < 0");
                }
                copy.put(field, column);
            }
        });
        columns = Collections.unmodifiableMap(copy);
    }

    /** The column of a field, or -1 when no column holds it. */
    public int column(ImportField field) {
        return columns.getOrDefault(field, -1);
    }

    public boolean has(ImportField field) {
        return columns.containsKey(field);
    }

    /** A correction from the mapping page: this field is in that column (null: in none). */
    public ColumnMapping with(ImportField field, Integer column) {
        EnumMap<ImportField, Integer> copy = new EnumMap<>(ImportField.class);
        copy.putAll(columns);
        if (column == null) {
            copy.remove(field);
        } else {
            copy.put(field, column);
        }
        return new ColumnMapping(headerLine, copy);
    }

    /**
     * The header row is the row, among the first ones, whose cells name the most fields; its columns are matched
     * to fields by name. A file whose first rows name no field is taken as having no header row.
     */
    static ColumnMapping guess(List<Spreadsheet.Row> rows) {
        ColumnMapping best = new ColumnMapping(0, Map.of());
        for (int i = 0; i < Math.min(HEADER_SEARCH_ROWS, rows.size()); i++) {
            Spreadsheet.Row row = rows.get(i);
            ColumnMapping candidate = new ColumnMapping(row.line(), match(row.cells()));
            if (candidate.columns().size() > best.columns().size()) {
                best = candidate;
            }
        }
        return best;
    }

    /** Exact names first (so "Type de donateur" is not taken for "Type"), then names that contain a telling word. */
    static Map<ImportField, Integer> match(List<String> headers) {
        EnumMap<ImportField, Integer> found = new EnumMap<>(ImportField.class);
        boolean[] used = new boolean[headers.size()];
        for (int c = 0; c < headers.size(); c++) {
            String key = Vocabulary.key(headers.get(c));
            for (ImportField field : ImportField.values()) {
                if (!found.containsKey(field) && !used[c] && field.headers().contains(key)) {
                    found.put(field, c);
                    used[c] = true;
                }
            }
        }
        for (int c = 0; c < headers.size(); c++) {
            if (used[c]) {
                continue;
            }
            ImportField field = byWord(Vocabulary.key(headers.get(c)));
            if (field != null && !found.containsKey(field)) {
                found.put(field, c);
                used[c] = true;
            }
        }
        return found;
    }

    private static ImportField byWord(String key) {
        String padded = " " + key + " ";
        if (padded.contains(" donat") || padded.contains(" donor")) {
            return padded.contains(" type ") || padded.contains(" categorie ") || padded.contains(" kind ")
                    ? ImportField.DONOR_KIND : ImportField.DONOR;
        }
        if (padded.contains(" serie ") || padded.contains(" serial ")) {
            return ImportField.SERIAL;
        }
        if (padded.contains(" inventaire ") || padded.contains(" asset ")) {
            return ImportField.TAG;
        }
        if (padded.contains(" date ")) {
            return ImportField.RECEIVED_ON;
        }
        if (padded.contains(" marque ") || padded.contains(" brand ")) {
            return ImportField.BRAND;
        }
        if (padded.contains(" modele ") || padded.contains(" model ")) {
            return ImportField.MODEL;
        }
        if (padded.contains(" etat ") || padded.contains(" statut ")) {
            return ImportField.STATE;
        }
        if (padded.contains(" type ")) {
            return ImportField.TYPE;
        }
        return null;
    }
}
