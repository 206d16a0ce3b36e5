package fr.parcsolidaire.imports;

/**
 * Bounds applied to an uploaded inventory before and while it is parsed: nothing larger is read.
 *
 * @param maxBytes             the file itself
 * @param maxLineChars         one physical line of a CSV (a 10 MB line is refused before it is held as a cell)
 * @param maxRows              data rows (rows after the first non-empty one), blank rows not counted
 * @param maxColumns           columns up to the last non-empty cell of a row
 * @param maxZipEntries        entries of an XLSX archive (a real workbook has a few dozen)
 * @param maxUncompressedBytes what all entries of an XLSX archive inflate to, counted while inflating
 * @param concurrentImports    files read and checked at once by one instance: each holds its rows in memory
 *                             (a 50 000-row file, some tens of megabytes)
 */
public record ImportLimits(long maxBytes, int maxLineChars, int maxRows, int maxColumns, int maxZipEntries,
                           long maxUncompressedBytes, int concurrentImports) {

    public static final ImportLimits DEFAULT = new ImportLimits(20L * 1024 * 1024, 32_768, 50_000, 200, 1_000,
            200L * 1024 * 1024, 2);

    public ImportLimits {
        if (maxBytes <= 0 || maxLineChars <= 0 || maxRows <= 0 || maxColumns <= 0 || maxZipEntries <= 0
                || maxUncompressedBytes <= 0 || concurrentImports <= 0) {
            throw new IllegalArgumentException("import limits must be positive");
        }
    }
}
