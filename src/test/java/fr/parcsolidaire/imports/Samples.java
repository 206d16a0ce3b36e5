package fr.parcsolidaire.imports;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Files as workshops send them, built byte for byte: CSV in Excel's encodings, XLSX through fastexcel's writer. */
final class Samples {

    static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private Samples() {
    }

    /** Lines joined with CRLF as Excel writes them, encoded, with an optional leading byte order mark. */
    static byte[] csv(Charset charset, byte[] bom, String... lines) {
        byte[] text = (String.join("\r\n", lines) + "\r\n").getBytes(charset);
        byte[] all = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(text, 0, all, bom.length, text.length);
        return all;
    }

    static byte[] utf8(String... lines) {
        return csv(StandardCharsets.UTF_8, new byte[0], lines);
    }

    static byte[] xlsx(BiConsumer<Workbook, Worksheet> fill) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "Parc Solidaire tests", "1.0");
            Worksheet ws = wb.newWorksheet("Inventaire");
            fill.accept(wb, ws);
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A sheet of text rows, the first being the header. */
    static byte[] xlsxRows(List<List<String>> rows) {
        return xlsx((wb, ws) -> {
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < rows.get(r).size(); c++) {
                    ws.value(r, c, rows.get(r).get(c));
                }
            }
        });
    }

    /** A date cell as Excel stores it: a serial day number with a date format. */
    static void date(Worksheet ws, int r, int c, LocalDate date, String format) {
        ws.value(r, c, date);
        if (format != null) {
            ws.style(r, c).format(format).set();
        }
    }

    /**
     * A zip that looks like a workbook but inflates its sheet to {@code inflatedBytes} of spaces: a few hundred
     * kilobytes on disk.
     */
    static byte[] xlsxBomb(long inflatedBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(9);
            entry(zip, "[Content_Types].xml", """
                    <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                    <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
                    </Types>""");
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (long written = 0; written < inflatedBytes; written += spaces.length) {
                zip.write(spaces);
            }
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A zip of many tiny entries: small, but each entry costs the reader. */
    static byte[] zipOfEntries(int entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < entries; i++) {
                entry(zip, "e" + i, "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The same archive with one entry's content replaced (read as fastexcel reads it, by its central directory). */
    static byte[] replaceEntry(byte[] archive, String name, String content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var in = org.apache.commons.compress.archivers.zip.ZipFile.builder()
                .setSeekableByteChannel(new org.apache.commons.compress.utils.SeekableInMemoryByteChannel(archive)).get();
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : java.util.Collections.list(in.getEntries())) {
                byte[] bytes;
                try (var data = in.getInputStream(e)) {
                    bytes = e.getName().equals(name) ? content.getBytes(StandardCharsets.UTF_8) : data.readAllBytes();
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(bytes);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
