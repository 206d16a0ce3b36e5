package fr.parcsolidaire.platform.http;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared bounded image reader, on images made in the test: headers, subsampling, formats, busy decoders. */
class ImageBoundsTest {

    @Test
    void theHeaderIsReadWithoutDecoding() {
        ImageBounds.Header h = ImageBounds.check(ImageBombs.png(2_000, 1_000, 16, ImageBombs.RGBA), ImageBounds.Limits.PHOTO);
        assertEquals(new ImageBounds.Header("png", 2_000, 1_000, 16, 4), h);
        ImageBounds.Header jpeg = ImageBounds.check(ImageBombs.jpegDeclaring(4_032, 3_024), ImageBounds.Limits.PHOTO);
        assertEquals(new ImageBounds.Header("jpeg", 4_032, 3_024, 8, 3), jpeg);
    }

    @Test
    void bombsAreRefusedFromTheirHeaderAlone() {
        byte[] issue12 = ImageBombs.issue12();
        byte[] deepGrey = ImageBombs.png(5_000, 4_000, 16, ImageBombs.GREY);
        byte[] deepSignature = ImageBombs.png(300, 100, 16, ImageBombs.RGBA);
        byte[] hugeJpeg = ImageBombs.jpegDeclaring(60_000, 60_000);
        long start = System.nanoTime();
        HttpProblem p = assertThrows(HttpProblem.class, () -> ImageBounds.check(issue12, ImageBounds.Limits.PHOTO));
        assertEquals(422, p.status().code());
        assertEquals("Image trop grande : 59 mégapixels (7700 × 7700), 50 au plus. Réduisez sa définition.", p.getMessage());
        HttpProblem deep = assertThrows(HttpProblem.class, () -> ImageBounds.check(deepGrey, ImageBounds.Limits.PHOTO));
        assertTrue(deep.getMessage().startsWith("Image trop grande pour 16 bits par couleur"), deep.getMessage());
        HttpProblem signature = assertThrows(HttpProblem.class, () -> ImageBounds.check(deepSignature, ImageBounds.Limits.SIGNATURE));
        assertTrue(signature.getMessage().contains("8 bits"), signature.getMessage());
        assertThrows(HttpProblem.class, () -> ImageBounds.check(hugeJpeg, ImageBounds.Limits.PHOTO));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 1_000, "headers only, yet " + millis + " ms");
    }

    @Test
    void aPhoneSizedPhotoIsDecodedSubsampledToAboutTheSizeAsked() throws IOException {
        BufferedImage image = ImageBounds.decode(ImageBombs.png(8_000, 6_000, 8, ImageBombs.RGB), ImageBounds.Limits.PHOTO, 1_600, i -> i);
        assertEquals(1_600, image.getWidth(), "factor 5");
        assertEquals(1_200, image.getHeight());
        BufferedImage jpeg = ImageBounds.decode(jpeg(4_032, 3_024), ImageBounds.Limits.PHOTO, 1_600, i -> i);
        assertEquals(2_016, jpeg.getWidth(), "factor 2");
        BufferedImage small = ImageBounds.decode(jpeg(800, 600), ImageBounds.Limits.PHOTO, 1_600, i -> i);
        assertEquals(800, small.getWidth(), "a smaller image comes whole");
        BufferedImage deepButSmall = ImageBounds.decode(ImageBombs.png(1_000, 800, 16, ImageBombs.RGBA), ImageBounds.Limits.PHOTO,
                1_600, i -> i);
        assertEquals(1_000, deepButSmall.getWidth());
    }

    @Test
    void palettePngsDecodeAndOtherFormatsOrBrokenDataAreUnreadable() throws IOException {
        byte[] r = {0, (byte) 255}, g = {0, (byte) 255}, b = {0, (byte) 255};
        BufferedImage indexed = new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(1, 2, r, g, b));
        BufferedImage read = ImageBounds.decode(encode(indexed, "png"), ImageBounds.Limits.PHOTO, 1_600, i -> i);
        assertEquals(40, read.getWidth());

        BufferedImage rgb = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        for (String format : List.of("gif", "bmp")) {
            HttpProblem p = assertThrows(HttpProblem.class, () -> ImageBounds.check(encode(rgb, format), ImageBounds.Limits.PHOTO));
            assertEquals("unreadable", p.code(), format);
        }
        assertEquals("unreadable", assertThrows(HttpProblem.class,
                () -> ImageBounds.check("pas une image".getBytes(), ImageBounds.Limits.PHOTO)).code());
        byte[] png = ImageBombs.png(600, 200, 8, ImageBombs.RGBA).clone();
        Arrays.fill(png, 60, png.length - 12, (byte) 0x5A);
        HttpProblem broken = assertThrows(HttpProblem.class, () -> ImageBounds.verify(png, ImageBounds.Limits.SIGNATURE));
        assertEquals(422, broken.status().code());
        assertEquals("Cette image est illisible ou abîmée : reprenez-la.", broken.getMessage());
    }

    @Test
    void whenEveryDecoderIsBusyTheNextWaitsBrieflyThenIsToldToComeBack() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        byte[] small = jpeg(64, 48);
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> busy = new ArrayList<>();
            CountDownLatch started = new CountDownLatch(ImageBounds.decoders());
            for (int i = 0; i < ImageBounds.decoders(); i++) {
                busy.add(callers.submit(() -> ImageBounds.decode(small, ImageBounds.Limits.PHOTO, 1_600, image -> {
                    started.countDown();
                    try {
                        hold.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return image.getWidth();
                })));
            }
            assertTrue(started.await(10, TimeUnit.SECONDS));
            long start = System.nanoTime();
            RetryLater later = assertThrows(RetryLater.class, () -> ImageBounds.decode(small, ImageBounds.Limits.PHOTO, 1_600, i -> i));
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertEquals(503, later.status().code());
            assertEquals(5, later.seconds());
            assertTrue(later.getMessage().startsWith("Le service traite déjà plusieurs images"), later.getMessage());
            assertTrue(waited >= 2_500 && waited < 10_000, "waited " + waited + " ms");
            // A bomb is refused at once even then: it never needs a decoder.
            assertEquals("too_large", assertThrows(HttpProblem.class,
                    () -> ImageBounds.decode(ImageBombs.issue12(), ImageBounds.Limits.PHOTO, 1_600, i -> i)).code());
            hold.countDown();
            for (Future<Integer> f : busy) {
                assertEquals(64, f.get());
            }
        }
        assertEquals(64, (int) ImageBounds.decode(small, ImageBounds.Limits.PHOTO, 1_600, BufferedImage::getWidth), "free again");
    }

    static byte[] jpeg(int width, int height) throws IOException {
        return encode(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "jpeg");
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), format);
        return out.toByteArray();
    }
}
