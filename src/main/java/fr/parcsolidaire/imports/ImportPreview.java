package fr.parcsolidaire.imports;

import java.util.List;

/**
 * What the mapping page shows before any check: how the file was read, its first rows, and the guessed columns.
 *
 * @param sample the first rows of the file (header and title rows included), each with its row number
 * @param rows   all non-blank rows of the file
 */
public record ImportPreview(String fileName, String source, int rows, List<Line> sample, ColumnMapping guessed) {

    public static final int SAMPLE_ROWS = 12;

    public record Line(int line, List<String> cells) {
    }
}
