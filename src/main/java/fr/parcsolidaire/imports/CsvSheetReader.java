package fr.parcsolidaire.imports;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV as French Excel writes it: ";" between cells (also "," or a tab, found from the first lines), RFC 4180
 * quoting (a ";" or a line break inside quotes stays in the cell, "" is one quote), UTF-8 with or without byte
 * order mark, Windows-1252 or UTF-16. Cells are text and stay text: nothing is evaluated.
 */
final class CsvSheetReader {

    private static final char[] DELIMITERS = {';', '\t', ','};
    private static final int SNIFF_CHARS = 64 * 1024;
    private static final int SNIFF_LINES = 10;

    private CsvSheetReader() {
    }

    static Spreadsheet read(byte[] bytes, ImportLimits limits) {
        TextDecoding.Detected encoding = TextDecoding.detect(bytes);
        char delimiter = delimiter(bytes, encoding);
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).get();
        Reader text = new BoundedLineReader(new InputStreamReader(
                new ByteArrayInputStream(bytes, encoding.skip(), bytes.length - encoding.skip()), decoder(encoding)),
                limits.maxLineChars());
        List<Spreadsheet.Row> rows = new ArrayList<>();
        CSVParser parser = null;
        try {
            parser = CSVParser.builder().setReader(text).setFormat(format).get();
            int dataRows = -1;
            for (CSVRecord record : parser) {
                List<String> cells = SheetBounds.nonBlank(record.values(), limits, record.getRecordNumber());
                if (cells.isEmpty()) {
                    continue;
                }
                if (++dataRows > limits.maxRows()) {
                    throw SheetBounds.tooMany(limits);
                }
                rows.add(new Spreadsheet.Row(Math.toIntExact(record.getRecordNumber()), cells));
            }
        } catch (IOException | UncheckedIOException e) {
            long line = parser == null ? 1 : parser.getCurrentLineNumber();
            throw Refusals.unreadable("Le fichier CSV est mal formé vers la ligne " + Refusals.number(Math.max(1, line))
                    + " : un guillemet ouvert n'est pas refermé, ou du texte suit un guillemet fermant. "
                    + "Ouvrez-le dans votre tableur et enregistrez-le à nouveau au format CSV.");
        } finally {
            close(parser);
        }
        return new Spreadsheet(new Spreadsheet.Source(Spreadsheet.Format.CSV, encoding.label(), delimiter, false), rows);
    }

    /**
     * The separator that occurs most, outside quotes, in the first lines; ";" on a tie (and for a single column),
     * since that is what French Excel writes.
     */
    static char delimiter(byte[] bytes, TextDecoding.Detected encoding) {
        CharBuffer head = CharBuffer.allocate(SNIFF_CHARS);
        decoder(encoding).decode(ByteBuffer.wrap(bytes, encoding.skip(),
                Math.min(bytes.length - encoding.skip(), SNIFF_CHARS * 4)), head, false);
        head.flip();
        long[] counts = new long[DELIMITERS.length];
        boolean quoted = false;
        int lines = 0;
        boolean lineHasText = false;
        while (head.hasRemaining() && lines < SNIFF_LINES) {
            char c = head.get();
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                if (lineHasText) {
                    lines++;
                }
                lineHasText = false;
            } else if (!quoted) {
                for (int i = 0; i < DELIMITERS.length; i++) {
                    if (c == DELIMITERS[i]) {
                        counts[i]++;
                    }
                }
                lineHasText |= !Character.isWhitespace(c);
            }
        }
        int best = 0;
        for (int i = 1; i < DELIMITERS.length; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        return DELIMITERS[best];
    }

    private static CharsetDecoder decoder(TextDecoding.Detected encoding) {
        // Windows-1252 leaves five bytes undefined: they become U+FFFD rather than stopping the import.
        return encoding.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    }

    private static void close(CSVParser parser) {
        if (parser == null) {
            return;
        }
        try {
            parser.close();
        } catch (IOException ignored) {
            // The reader is in memory: closing it cannot lose anything.
        }
    }
}
