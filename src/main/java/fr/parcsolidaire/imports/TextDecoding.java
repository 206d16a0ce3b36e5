package fr.parcsolidaire.imports;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Which encoding a CSV was written in. French Excel writes "CSV UTF-8" with a byte order mark, plain "CSV" in
 * Windows-1252 and "Texte Unicode" in UTF-16 with a mark. Without a mark: text that is valid UTF-8 is UTF-8
 * (a Windows-1252 "é" followed by a plain letter is never valid UTF-8), anything else is Windows-1252.
 */
final class TextDecoding {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** @param skip bytes of the byte order mark, left out of the text */
    record Detected(Charset charset, String label, int skip) {
    }

    private TextDecoding() {
    }

    static Detected detect(byte[] b) {
        if (startsWith(b, 0xEF, 0xBB, 0xBF)) {
            return new Detected(StandardCharsets.UTF_8, "UTF-8 (avec BOM)", 3);
        }
        if (startsWith(b, 0xFF, 0xFE)) {
            return new Detected(StandardCharsets.UTF_16LE, "UTF-16 (texte Unicode)", 2);
        }
        if (startsWith(b, 0xFE, 0xFF)) {
            return new Detected(StandardCharsets.UTF_16BE, "UTF-16 (texte Unicode)", 2);
        }
        for (byte x : b) {
            if (x == 0) {
                throw Refusals.unsupported("Ce fichier n'est ni un CSV ni un classeur XLSX (il contient des données binaires). "
                        + "Enregistrez votre tableau au format CSV ou Excel (.xlsx).");
            }
        }
        return validUtf8(b) ? new Detected(StandardCharsets.UTF_8, "UTF-8", 0)
                : new Detected(WINDOWS_1252, "Windows-1252", 0);
    }

    /** Decodes in small chunks: the whole file is never copied into one string to find out. */
    static boolean validUtf8(byte[] b) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b);
        CharBuffer out = CharBuffer.allocate(8192);
        try {
            while (true) {
                CoderResult r = decoder.decode(in, out, true);
                if (r.isError()) {
                    r.throwException();
                }
                out.clear();
                if (r.isUnderflow()) {
                    break;
                }
            }
            while (decoder.flush(out).isOverflow()) {
                out.clear();
            }
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean startsWith(byte[] b, int... magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
