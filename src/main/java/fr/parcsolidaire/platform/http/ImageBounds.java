package fr.parcsolidaire.platform.http;

import io.helidon.http.Status;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Uploaded JPEG and PNG images read within bounds. ImageIO decodes the whole raster it is given, and a PNG of a
 * few hundred kilobytes can declare 7,700 x 7,700 pixels at 16 bits per sample (474 MB, seconds of CPU). So the
 * header is read first (width, height, bits per sample) and what no phone or scanner produces is refused; what
 * is decoded is decoded subsampled, straight to the size its user needs; and decodes run on a few platform
 * threads of their own, one per core, so that they cannot occupy the virtual threads' carriers and starve
 * every other request. When all are busy, a request waits briefly, then gets 503 with Retry-After.
 */
public final class ImageBounds {

    /** What an upload may be: at most maxPixels, and at most deepMaxPixels when samples exceed 8 bits. */
    public record Limits(long maxPixels, long deepMaxPixels) {
        /**
         * Phone photos (12 to 50 megapixels, 8 bits) and scanned pages (A4 at 600 dpi is 35 megapixels); a 16-bit
         * scan is accepted up to 16 megapixels (A4 at 300 dpi is 9).
         */
        public static final Limits PHOTO = new Limits(50_000_000L, 16_000_000L);
        /** A signature drawn on a tablet: a canvas of a few hundred thousand pixels, 8 bits. */
        public static final Limits SIGNATURE = new Limits(4_000_000L, 0);
    }

    /** What the header says. */
    public record Header(String format, int width, int height, int bitsPerSample, int bands) {
        public long pixels() {
            return (long) width * height;
        }
    }

    private static final int DECODERS = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static final Semaphore SLOTS = new Semaphore(DECODERS, true);
    private static final ExecutorService POOL = Executors.newFixedThreadPool(DECODERS,
            Thread.ofPlatform().name("image-decode-", 0).daemon().factory());
    /** How long a request waits for a free decoder before being told to come back. */
    private static final long WAIT_MILLIS = 3_000;
    private static final long RETRY_AFTER_SECONDS = 5;

    private ImageBounds() {
    }

    /** How many images decode at once: one per core. */
    public static int decoders() {
        return DECODERS;
    }

    /** Reads only the header and refuses (422, in French) an unreadable image or one outside the limits. */
    public static Header check(byte[] bytes, Limits limits) {
        return read(bytes, limits, reader -> null).header();
    }

    /**
     * Checks the header and decodes the whole image once, on a decoding thread, so that a library that decodes it
     * again later (OpenPDF, stamping a signature) only ever sees bounded, sound data; 422 in French otherwise.
     */
    public static void verify(byte[] bytes, Limits limits) {
        decode(bytes, limits, Integer.MAX_VALUE, image -> image);
    }

    /**
     * Checks the header, then decodes the image subsampled by the largest whole factor that keeps its longest side
     * at least {@code longestSide} (a smaller image comes whole), and hands it to {@code use}, all on one of the
     * decoding threads: {@code use} may be CPU-heavy too (a QR search). 503 + Retry-After when none frees up.
     */
    public static <T> T decode(byte[] bytes, Limits limits, int longestSide, Function<BufferedImage, T> use) {
        // A refusal costs a header read: bombs never hold a decoder.
        check(bytes, limits);
        boolean acquired;
        try {
            acquired = SLOTS.tryAcquire(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
        if (!acquired) {
            throw busy();
        }
        Future<T> done;
        try {
            // The slot is given back when the decode ends, not when its caller stops waiting for it.
            done = POOL.submit(() -> {
                try {
                    return use.apply(read(bytes, limits, reader -> {
                        int longest = Math.max(reader.getWidth(0), reader.getHeight(0));
                        int factor = Math.max(1, longest / Math.max(1, longestSide));
                        ImageReadParam param = reader.getDefaultReadParam();
                        param.setSourceSubsampling(factor, factor, 0, 0);
                        return reader.read(0, param);
                    }).image());
                } finally {
                    SLOTS.release();
                }
            });
        } catch (RuntimeException e) {
            SLOTS.release();
            throw e;
        }
        try {
            return done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
    }

    private interface Step {
        BufferedImage apply(ImageReader reader) throws IOException;
    }

    private record Read(Header header, BufferedImage image) {
    }

    private static Read read(byte[] bytes, Limits limits, Step step) {
        // From memory: ImageIO.createImageInputStream would copy the bytes to a temporary file first.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw unreadable();
            }
            ImageReader reader = readers.next();
            try {
                // Metadata is never needed, and PNG text chunks are compressed: another way to inflate a bomb.
                reader.setInput(in, true, true);
                Header header = header(reader);
                refuseOutside(header, limits);
                return new Read(header, step.apply(reader));
            } finally {
                reader.dispose();
            }
        } catch (HttpProblem p) {
            throw p;
        } catch (IOException | RuntimeException e) {
            throw unreadable();
        }
    }

    private static Header header(ImageReader reader) throws IOException {
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        ImageTypeSpecifier type = reader.getRawImageType(0);
        if (type == null) {
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
            type = types.hasNext() ? types.next() : null;
        }
        String format = reader.getFormatName().toLowerCase(Locale.ROOT);
        if (type == null || width <= 0 || height <= 0 || !(format.equals("png") || format.equals("jpeg"))) {
            throw unreadable();
        }
        int bits = 0;
        for (int size : type.getSampleModel().getSampleSize()) {
            bits = Math.max(bits, size);
        }
        return new Header(format, width, height, bits, type.getSampleModel().getNumBands());
    }

    private static void refuseOutside(Header h, Limits limits) {
        if (h.pixels() > limits.maxPixels()) {
            throw tooLarge("Image trop grande : " + megapixels(h.pixels()) + " mégapixels (" + h.width() + " × "
                    + h.height() + "), " + megapixels(limits.maxPixels()) + " au plus. Réduisez sa définition.");
        }
        if (h.bitsPerSample() > 8 && h.pixels() > limits.deepMaxPixels()) {
            throw tooLarge("Image trop grande pour " + h.bitsPerSample() + " bits par couleur : enregistrez-la en "
                    + "8 bits (JPEG ou PNG ordinaire)" + (limits.deepMaxPixels() > 0
                    ? " ou réduisez-la à " + megapixels(limits.deepMaxPixels()) + " mégapixels." : "."));
        }
    }

    private static long megapixels(long pixels) {
        return Math.round(pixels / 1e6);
    }

    private static HttpProblem tooLarge(String message) {
        return new HttpProblem(Status.create(422), "too_large", message, Map.of());
    }

    private static HttpProblem unreadable() {
        return new HttpProblem(Status.create(422), "unreadable", "Cette image est illisible ou abîmée : reprenez-la.", Map.of());
    }

    private static RetryLater busy() {
        return new RetryLater(Status.SERVICE_UNAVAILABLE_503, "busy",
                "Le service traite déjà plusieurs images : réessayez dans quelques secondes.", RETRY_AFTER_SECONDS);
    }
}
