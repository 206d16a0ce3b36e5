package fr.parcsolidaire.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The real tool outputs under src/test/resources/evidence (README.md there says how each was made), and the
 * variants the tests make from them: loop devices have no serial, so "a serial edited to match" puts one in.
 */
final class Samples {

    private Samples() {
    }

    static byte[] bytes(String path) {
        try (InputStream in = Samples.class.getResourceAsStream("/evidence/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    /**
     * The log with a serial given to one loop device, as nwipe prints a real disk's: after "S/N=" on its Found line
     * and after "Loopback device/" in its Drive Status row.
     */
    static String withSerial(String log, String device, String serial) {
        String name = device.substring("/dev/".length());
        StringBuilder out = new StringBuilder();
        for (String line : log.split("\n", -1)) {
            if (line.contains("Found " + device + ",") && line.endsWith("S/N=")) {
                line = line + serial;
            } else if (line.matches("^[! ]\\s*" + name + " \\|.*\\| Loopback device/$")) {
                line = line + serial;
            }
            out.append(line).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
