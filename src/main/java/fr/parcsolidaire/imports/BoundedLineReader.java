package fr.parcsolidaire.imports;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Refuses a line longer than the cap while it streams by, before the CSV parser has buffered it into a cell:
 * a 10 MB line costs the parser at most the cap.
 */
final class BoundedLineReader extends FilterReader {

    private final int maxLineChars;
    private int lineLength;
    private int line = 1;

    BoundedLineReader(Reader in, int maxLineChars) {
        super(in);
        this.maxLineChars = maxLineChars;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = 0; i < n; i++) {
            count(buffer[offset + i]);
        }
        return n;
    }

    private void count(char c) {
        if (c == '\n' || c == '\r') {
            // CR alone ends a line too (old Mac Excel); CRLF counts one line.
            lineLength = 0;
            if (c == '\n') {
                line++;
            }
        } else if (++lineLength > maxLineChars) {
            throw Refusals.tooLarge("La ligne " + Refusals.number(line) + " du fichier dépasse "
                    + Refusals.number(maxLineChars) + " caractères : ce n'est pas une ligne d'inventaire. "
                    + "Vérifiez le fichier (un guillemet non fermé ?) et renvoyez-le.");
        }
    }

    @Override
    public long skip(long n) {
        throw new UnsupportedOperationException("skipping would bypass the line bound");
    }
}
