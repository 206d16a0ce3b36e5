package fr.parcsolidaire.evidence;

import org.openpdf.text.pdf.PRStream;
import org.openpdf.text.pdf.PRTokeniser;
import org.openpdf.text.pdf.PdfArray;
import org.openpdf.text.pdf.PdfContentParser;
import org.openpdf.text.pdf.PdfDictionary;
import org.openpdf.text.pdf.PdfLiteral;
import org.openpdf.text.pdf.PdfName;
import org.openpdf.text.pdf.PdfNumber;
import org.openpdf.text.pdf.PdfObject;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.PdfString;
import org.openpdf.text.pdf.RandomAccessFileOrArray;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The text of one page of a PDF, each piece with its position: nwipe's certificate (written by the PDFGen
 * library) draws every label and every value as its own text object at absolute coordinates, so pairing
 * "Status:" with the word to its right is exact, where a reading-order extraction interleaves the two columns.
 * <p>
 * OpenPDF 3.0.5 has a text extractor ({@code org.openpdf.text.pdf.parser.PdfTextExtractor}), but it fails on these
 * very files: it joins a page's content streams without the separator the PDF specification requires, so
 * "ET" of one stream and "3.0 w" of the next become one token and the next "TD" finds no text matrix
 * (NullPointerException). {@link PdfReader#getPageContent(int)} joins them correctly; this class walks the result
 * with OpenPDF's own content parser.
 * <p>
 * Bounded before OpenPDF reads anything that could expand: OpenPDF inflates compressed objects without a limit,
 * so only a PDF whose one cross-reference table is a classic one (no cross-reference or object streams, no
 * incremental update, no encryption) is opened, lazily, and page content is inflated here with a cap.
 */
final class PdfText {

    static final int MAX_BYTES = 4 * 1024 * 1024;
    static final int MAX_CONTENT = 4 * 1024 * 1024;
    static final int MAX_RUNS = 20_000;

    /** One piece of text drawn at (x, y), in PDF points from the bottom left. */
    record Run(float x, float y, String text) {
    }

    private PdfText() {
    }

    static List<Run> runs(byte[] pdf, int page) {
        if (pdf.length > MAX_BYTES) {
            throw Unreadable.tooLarge("Ce PDF", MAX_BYTES);
        }
        requireSimpleStructure(pdf);
        PdfReader reader;
        try {
            reader = new PdfReader(new RandomAccessFileOrArray(pdf), null);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // OpenPDF reads nested arrays and dictionaries recursively: a few MB of "[[[[" exhausts the stack.
            throw notReadable();
        }
        try {
            if (page < 1 || page > reader.getNumberOfPages()) {
                throw notReadable();
            }
            return walk(content(reader, page));
        } catch (fr.parcsolidaire.platform.http.HttpProblem p) {
            throw p;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw notReadable();
        } finally {
            reader.close();
        }
    }

    private static fr.parcsolidaire.platform.http.HttpProblem notReadable() {
        return Unreadable.file("Ce PDF est illisible ou abîmé : ce n'est pas un certificat nwipe tel que nwipe l'écrit.");
    }

    /**
     * The last "startxref" must point at a classic "xref" table whose trailer has no /Prev, /XRefStm or /Encrypt:
     * then OpenPDF's partial reading decompresses nothing by itself. A '#' escape in the trailer is refused too,
     * since "/Pr#65v" means /Prev.
     */
    static void requireSimpleStructure(byte[] pdf) {
        if (pdf.length < 32 || !ascii(pdf, 0, 5).equals("%PDF-")) {
            throw Unreadable.file("Ce fichier n'est pas un PDF.");
        }
        int startxref = lastIndexOf(pdf, "startxref");
        if (startxref < 0) {
            throw notReadable();
        }
        int i = startxref + "startxref".length();
        while (i < pdf.length && (pdf[i] == ' ' || pdf[i] == '\r' || pdf[i] == '\n')) {
            i++;
        }
        long offset = 0;
        int digits = 0;
        while (i < pdf.length && pdf[i] >= '0' && pdf[i] <= '9' && digits < 12) {
            offset = offset * 10 + (pdf[i] - '0');
            i++;
            digits++;
        }
        if (digits == 0 || offset + 4 > startxref || !ascii(pdf, (int) offset, 4).equals("xref")) {
            throw Unreadable.file("Ce PDF n'a pas la structure simple des certificats nwipe (table de références "
                    + "compressée ou mise à jour incrémentale) : il n'est pas lu.");
        }
        int trailer = lastIndexOf(pdf, "trailer");
        if (trailer < offset || trailer > startxref) {
            throw notReadable();
        }
        String dictionary = ascii(pdf, trailer, startxref - trailer);
        if (dictionary.contains("/Prev") || dictionary.contains("/XRefStm") || dictionary.contains("/Encrypt")
                || dictionary.indexOf('#') >= 0) {
            throw Unreadable.file("Ce PDF n'a pas la structure simple des certificats nwipe (mise à jour "
                    + "incrémentale ou chiffrement) : il n'est pas lu.");
        }
    }

    private static byte[] content(PdfReader reader, int page) throws IOException {
        PdfDictionary dict = reader.getPageN(page);
        PdfObject contents = PdfReader.getPdfObject(dict.get(PdfName.CONTENTS));
        List<PRStream> streams = new ArrayList<>();
        if (contents instanceof PRStream s) {
            streams.add(s);
        } else if (contents instanceof PdfArray array) {
            for (int k = 0; k < array.size(); k++) {
                if (PdfReader.getPdfObject(array.getPdfObject(k)) instanceof PRStream s) {
                    streams.add(s);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (PRStream s : streams) {
            byte[] raw = PdfReader.getStreamBytesRaw(s);
            byte[] decoded = decode(s, raw, MAX_CONTENT - out.size());
            out.write(decoded);
            // Streams of one page are one content stream, split only between tokens.
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static byte[] decode(PRStream s, byte[] raw, int room) {
        PdfObject filter = PdfReader.getPdfObject(s.get(PdfName.FILTER));
        if (filter instanceof PdfArray a && a.size() == 1) {
            filter = PdfReader.getPdfObject(a.getPdfObject(0));
        }
        if (filter == null) {
            if (raw.length > room) {
                throw notReadable();
            }
            return raw;
        }
        if (!PdfName.FLATEDECODE.equals(filter) || s.get(PdfName.DECODEPARMS) != null) {
            throw notReadable();
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(raw);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                if (out.size() + n > room) {
                    throw notReadable();
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw notReadable();
        } finally {
            inflater.end();
        }
    }

    /** Follows the text operators; only positions matter, so glyph widths are not needed. */
    private static List<Run> walk(byte[] content) throws IOException {
        PdfContentParser parser = new PdfContentParser(new PRTokeniser(content));
        ArrayList<PdfObject> operands = new ArrayList<>();
        List<Run> runs = new ArrayList<>();
        float[] line = {0, 0};
        float[] text = {0, 0};
        float leading = 0;
        while (!parser.parse(operands).isEmpty()) {
            String op = operands.getLast() instanceof PdfLiteral l ? l.toString() : "";
            switch (op) {
                case "BT" -> {
                    line = new float[] {0, 0};
                    text = line.clone();
                }
                case "Td", "TD" -> {
                    float tx = number(operands, 0);
                    float ty = number(operands, 1);
                    if (op.equals("TD")) {
                        leading = -ty;
                    }
                    line = new float[] {line[0] + tx, line[1] + ty};
                    text = line.clone();
                }
                case "Tm" -> {
                    line = new float[] {number(operands, 4), number(operands, 5)};
                    text = line.clone();
                }
                case "TL" -> leading = number(operands, 0);
                case "T*" -> {
                    line = new float[] {line[0], line[1] - leading};
                    text = line.clone();
                }
                case "Tj" -> add(runs, text, string(operands, 0));
                case "'", "\"" -> {
                    line = new float[] {line[0], line[1] - leading};
                    text = line.clone();
                    add(runs, text, string(operands, op.equals("'") ? 0 : 2));
                }
                case "TJ" -> {
                    if (operands.getFirst() instanceof PdfArray array) {
                        StringBuilder b = new StringBuilder();
                        for (int k = 0; k < array.size(); k++) {
                            if (array.getPdfObject(k) instanceof PdfString ps) {
                                b.append(decodeString(ps.getBytes()));
                            }
                        }
                        add(runs, text, b.toString());
                    }
                }
                default -> { }
            }
            if (runs.size() > MAX_RUNS) {
                throw notReadable();
            }
        }
        return runs;
    }

    private static void add(List<Run> runs, float[] at, String text) {
        if (text != null && !text.isBlank()) {
            runs.add(new Run(at[0], at[1], text));
        }
    }

    private static float number(List<PdfObject> operands, int i) {
        return i < operands.size() - 1 && operands.get(i) instanceof PdfNumber n ? n.floatValue() : 0f;
    }

    private static String string(List<PdfObject> operands, int i) {
        return i < operands.size() - 1 && operands.get(i) instanceof PdfString s ? decodeString(s.getBytes()) : null;
    }

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /**
     * PDFGen writes its strings as UTF-8 bytes of the WinAnsi code of each character (an en dash, WinAnsi 0x96,
     * arrives as C2 96), while the font says WinAnsiEncoding. Valid UTF-8 is read so and C1 controls mapped back
     * through Windows-1252; anything else is read as Windows-1252.
     */
    static String decodeString(byte[] bytes) {
        try {
            String utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            StringBuilder b = new StringBuilder(utf8.length());
            for (int i = 0; i < utf8.length(); i++) {
                char c = utf8.charAt(i);
                b.append(c >= 0x80 && c <= 0x9F ? new String(new byte[] {(byte) c}, WINDOWS_1252) : String.valueOf(c));
            }
            return b.toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, WINDOWS_1252);
        }
    }

    private static String ascii(byte[] b, int from, int length) {
        if (from < 0 || from + length > b.length) {
            return "";
        }
        return new String(b, from, length, StandardCharsets.ISO_8859_1);
    }

    private static int lastIndexOf(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = haystack.length - n.length; i >= 0; i--) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
