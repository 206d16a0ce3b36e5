package fr.parcsolidaire.imports;

import fr.parcsolidaire.inventory.DonorKind;
import fr.parcsolidaire.platform.http.ValidationException;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The choices of the mapping page, and the same choices as query parameters of the API: which column holds each
 * field (a letter, A for the first, as the spreadsheet names it; empty for none), which row holds the headers
 * (0: none), and the defaults for rows that leave a field empty.
 */
final class MappingForm {

    static final String HEADER_LINE = "headerLine";
    static final String DEFAULT_SITE = "defaultSite";
    static final String DEFAULT_DONOR = "defaultDonor";
    static final String DEFAULT_DONOR_KIND = "defaultDonorKind";
    static final String DEFAULT_RECEIVED_ON = "defaultReceivedOn";
    /** Sent by the mapping page: every column is given, an empty one means "in no column" (the API overrides a guess). */
    static final String CHOSEN = "mapping";
    private static final int MAX_COLUMN = 16_384;

    private MappingForm() {
    }

    /** The parameter naming a field's column: "type", "receivedOn", "donorKind"… */
    static String parameter(ImportField field) {
        String[] words = field.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return name.toString();
    }

    /**
     * What was chosen. Without any column or header parameter the planner guesses the columns from the headers;
     * with some, they change the guess ({@code guess}), unless the page said every column is given.
     */
    static ImportRequest parse(Map<String, String> values, Supplier<ColumnMapping> guess) {
        Map<String, String> errors = new LinkedHashMap<>();
        boolean chosen = values.containsKey(CHOSEN);
        boolean anyColumn = values.containsKey(HEADER_LINE);
        for (ImportField f : ImportField.values()) {
            anyColumn |= values.containsKey(parameter(f));
        }
        ColumnMapping mapping = null;
        if (chosen || anyColumn) {
            Integer header = headerLine(values.get(HEADER_LINE), errors);
            ColumnMapping start = chosen ? new ColumnMapping(0, Map.of()) : guess.get();
            Map<ImportField, Integer> columns = new EnumMap<>(ImportField.class);
            columns.putAll(start.columns());
            for (ImportField f : ImportField.values()) {
                String p = parameter(f);
                if (values.containsKey(p)) {
                    Integer column = column(values.get(p), p, errors);
                    if (column == null) {
                        columns.remove(f);
                    } else {
                        columns.put(f, column);
                    }
                }
            }
            mapping = new ColumnMapping(header == null ? start.headerLine() : header, columns);
        }
        String site = text(values.get(DEFAULT_SITE), DEFAULT_SITE, 30, errors);
        String donor = text(values.get(DEFAULT_DONOR), DEFAULT_DONOR, 200, errors);
        DonorKind kind = null;
        String kindText = blankToNull(values.get(DEFAULT_DONOR_KIND));
        if (kindText != null) {
            kind = kind(kindText);
            if (kind == null) {
                errors.put(DEFAULT_DONOR_KIND, "Type de donateur inconnu : entreprise, organisme public, association ou particulier.");
            }
        }
        LocalDate receivedOn = null;
        String dateText = blankToNull(values.get(DEFAULT_RECEIVED_ON));
        if (dateText != null) {
            receivedOn = dateText.length() > 40 ? null : FrenchDates.parse(dateText, false, false);
            if (receivedOn == null) {
                errors.put(DEFAULT_RECEIVED_ON, "Date illisible : écrivez-la comme 28/11/2026.");
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new ImportRequest(mapping, site, donor, kind, receivedOn);
    }

    /** The form's values for a request: what the mapping page shows selected. */
    static Map<String, String> values(ColumnMapping mapping, ImportRequest request) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put(HEADER_LINE, String.valueOf(mapping.headerLine()));
        for (ImportField f : ImportField.values()) {
            v.put(parameter(f), mapping.has(f) ? ImportPlanner.columnName(mapping.column(f)) : "");
        }
        v.put(DEFAULT_SITE, request.defaultSite() == null ? "" : request.defaultSite());
        v.put(DEFAULT_DONOR, request.defaultDonor() == null ? "" : request.defaultDonor());
        v.put(DEFAULT_DONOR_KIND, request.donorKindOrDefault().name());
        v.put(DEFAULT_RECEIVED_ON, request.defaultReceivedOn() == null ? "" : request.defaultReceivedOn().toString());
        return v;
    }

    private static DonorKind kind(String text) {
        for (DonorKind k : DonorKind.values()) {
            if (k.name().equalsIgnoreCase(text.strip())) {
                return k;
            }
        }
        return Vocabulary.donorKind(text).orElse(null);
    }

    private static Integer headerLine(String text, Map<String, String> errors) {
        String t = blankToNull(text);
        if (t == null) {
            return null;
        }
        if (!t.matches("\\d{1,7}")) {
            errors.put(HEADER_LINE, "Indiquez le numéro de la ligne des en-têtes (0 si le fichier n'en a pas).");
            return null;
        }
        return Integer.parseInt(t);
    }

    /** "C" or "c" → 2; "3" → 2 (numbered from 1, as a person counts); empty or "aucune" → none. */
    static Integer column(String text, String parameter, Map<String, String> errors) {
        String t = blankToNull(text);
        if (t == null || t.equalsIgnoreCase("aucune") || t.equalsIgnoreCase("none")) {
            return null;
        }
        t = t.toUpperCase(Locale.ROOT);
        int column = -1;
        if (t.matches("[A-Z]{1,3}")) {
            column = 0;
            for (char c : t.toCharArray()) {
                column = column * 26 + (c - 'A' + 1);
            }
            column -= 1;
        } else if (t.matches("\\d{1,5}")) {
            column = Integer.parseInt(t) - 1;
        }
        if (column < 0 || column >= MAX_COLUMN) {
            errors.put(parameter, "Colonne inconnue : indiquez sa lettre (A, B, C…) ou laissez vide.");
            return null;
        }
        return column;
    }

    private static String text(String value, String name, int max, Map<String, String> errors) {
        String t = blankToNull(value);
        if (t != null && t.length() > max) {
            errors.put(name, "Texte trop long : " + max + " caractères au plus.");
            return null;
        }
        return t;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
