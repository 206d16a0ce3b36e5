package fr.parcsolidaire.platform.http;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Hostile images made on the spot: PNGs whose header declares far more pixels than their few hundred kilobytes
 * suggest (a uniform picture deflates about 1,000 to 1), and a way to watch the heap while one is sent.
 */
public final class ImageBombs {

    /** PNG colour types. */
    public static final int GREY = 0;
    public static final int RGB = 2;
    public static final int RGBA = 6;

    private static final ConcurrentHashMap<String, byte[]> CACHE = new ConcurrentHashMap<>();

    private ImageBombs() {
    }

    /** The 477 KB bomb of issue 12: 7,700 x 7,700 pixels, RGBA, 16 bits per sample (474 MB once decoded). */
    public static byte[] issue12() {
        return png(7_700, 7_700, 16, RGBA);
    }

    /** A uniform PNG of any size, depth (8 or 16) and colour type, written row by row without holding its pixels. */
    public static byte[] png(int width, int height, int bitDepth, int colourType) {
        return CACHE.computeIfAbsent(width + "x" + height + "x" + bitDepth + "x" + colourType,
                k -> write(width, height, bitDepth, colourType));
    }

    private static byte[] write(int width, int height, int bitDepth, int colourType) {
        int channels = switch (colourType) {
            case GREY -> 1;
            case RGB -> 3;
            case RGBA -> 4;
            default -> throw new IllegalArgumentException("colour type " + colourType);
        };
        try {
            ByteArrayOutputStream idat = new ByteArrayOutputStream();
            Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
            try (DeflaterOutputStream z = new DeflaterOutputStream(idat, deflater, 1 << 16)) {
                byte[] row = new byte[1 + width * channels * bitDepth / 8];
                // Filter byte 0 then a light grey: uniform rows are what makes the file small.
                java.util.Arrays.fill(row, 1, row.length, (byte) 0xC8);
                for (int y = 0; y < height; y++) {
                    z.write(row);
                }
            }
            deflater.end();
            ByteArrayOutputStream out = new ByteArrayOutputStream(idat.size() + 64);
            out.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
            DataOutputStream h = new DataOutputStream(ihdr);
            h.writeInt(width);
            h.writeInt(height);
            h.writeByte(bitDepth);
            h.writeByte(colourType);
            h.writeByte(0);
            h.writeByte(0);
            h.writeByte(0);
            chunk(out, "IHDR", ihdr.toByteArray());
            chunk(out, "IDAT", idat.toByteArray());
            chunk(out, "IEND", new byte[0]);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }

    /** A real small JPEG whose frame header (SOF0) is rewritten to declare width x height. */
    public static byte[] jpegDeclaring(int width, int height) {
        BufferedImage small = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(small, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] b = out.toByteArray();
        for (int i = 2; i + 9 < b.length; i++) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xC0) {
                b[i + 5] = (byte) (height >> 8);
                b[i + 6] = (byte) height;
                b[i + 7] = (byte) (width >> 8);
                b[i + 8] = (byte) width;
                return b;
            }
        }
        throw new IllegalStateException("no SOF0 marker in ImageIO's JPEG");
    }

    /** Samples the used heap every millisecond or so; {@link #stop()} gives the largest rise over the start. */
    public static final class HeapWatch {
        private final long baseline;
        private final AtomicLong peak = new AtomicLong();
        private final Thread sampler;
        private volatile boolean running = true;

        private HeapWatch() {
            Runtime rt = Runtime.getRuntime();
            baseline = rt.totalMemory() - rt.freeMemory();
            peak.set(baseline);
            sampler = Thread.ofPlatform().daemon().start(() -> {
                while (running) {
                    peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        public static HeapWatch start() {
            System.gc();
            return new HeapWatch();
        }

        /** The largest rise of the used heap seen, in megabytes. */
        public long stop() {
            running = false;
            try {
                sampler.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Math.max(0, peak.get() - baseline) / (1024 * 1024);
        }
    }
}
