package fr.parcsolidaire.imports;

import java.util.List;

/**
 * What a file holds once read: its rows of text cells, with where they came from. Blank rows are left out;
 * each row keeps the number a person sees in Excel (or the record number of a CSV, header included).
 */
record Spreadsheet(Source source, List<Row> rows) {

    enum Format { CSV, XLSX }

    /**
     * @param encoding  how the text was decoded, in French ("UTF-8", "Windows-1252"...); null for XLSX
     * @param delimiter the CSV separator found; 0 for XLSX
     * @param date1904  an XLSX workbook counting its dates from 1904 (old Mac Excel) instead of 1900
     */
    record Source(Format format, String encoding, char delimiter, boolean date1904) {

        /** "CSV, séparateur « ; », encodage Windows-1252" — what the mapping page tells the person. */
        String describe() {
            if (format == Format.XLSX) {
                return "Classeur Excel (XLSX)" + (date1904 ? ", dates comptées depuis 1904" : "");
            }
            String sep = switch (delimiter) {
                case ';' -> "point-virgule";
                case ',' -> "virgule";
                case '\t' -> "tabulation";
                default -> "« " + delimiter + " »";
            };
            return "CSV, séparateur " + sep + ", encodage " + encoding;
        }
    }

    /** One non-blank row: its number in the file (1 for Excel's first row) and its cells, never null. */
    record Row(int line, List<String> cells) {

        String cell(int column) {
            return column >= 0 && column < cells.size() ? cells.get(column) : "";
        }
    }
}
