package fr.parcsolidaire.imports;

/**
 * Reads an uploaded inventory whatever it is: an XLSX workbook (recognised by its zip signature), else a CSV or
 * text export. The type is decided from the bytes, never from the file's name.
 */
final class SpreadsheetReader {

    private SpreadsheetReader() {
    }

    static Spreadsheet read(byte[] bytes, ImportLimits limits) {
        if (bytes.length == 0) {
            throw Refusals.unreadable("Le fichier est vide.");
        }
        if (bytes.length > limits.maxBytes()) {
            throw Refusals.tooLarge("Le fichier dépasse la taille maximale de " + Refusals.megabytes(limits.maxBytes())
                    + " : découpez-le en plusieurs fichiers.");
        }
        if (startsWith(bytes, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            throw Refusals.unsupported("Ce fichier est au format Excel 97-2003 (.xls) ou protégé par un mot de passe. "
                    + "Ouvrez-le dans votre tableur et enregistrez-le au format .xlsx ou CSV, sans mot de passe.");
        }
        if (openDocument(bytes)) {
            throw Refusals.unsupported("Ce fichier est un classeur OpenDocument (.ods). Dans LibreOffice, choisissez "
                    + "« Enregistrer sous » au format Excel (.xlsx) ou CSV, puis renvoyez-le.");
        }
        Spreadsheet sheet = startsWith(bytes, 'P', 'K', 0x03, 0x04)
                ? XlsxSheetReader.read(bytes, limits)
                : CsvSheetReader.read(bytes, limits);
        if (sheet.rows().isEmpty()) {
            throw Refusals.unreadable("Le fichier ne contient aucune ligne remplie.");
        }
        return sheet;
    }

    /** OpenDocument stores its media type, uncompressed, as the archive's first entry "mimetype". */
    private static boolean openDocument(byte[] bytes) {
        byte[] mark = "mimetypeapplication/vnd.oasis.opendocument".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (!startsWith(bytes, 'P', 'K', 0x03, 0x04) || bytes.length < 30 + mark.length) {
            return false;
        }
        return java.util.Arrays.equals(bytes, 30, 30 + mark.length, mark, 0, mark.length);
    }

    private static boolean startsWith(byte[] bytes, int... magic) {
        if (bytes.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((bytes[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
