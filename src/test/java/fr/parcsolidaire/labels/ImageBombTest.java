package fr.parcsolidaire.labels;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.platform.security.Role;
import fr.parcsolidaire.platform.http.ImageBombs;
import fr.parcsolidaire.platform.http.ImageBounds;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, item 3: a small PNG that declares 7,700 x 7,700 pixels at 16 bits per sample used to take 10 s and
 * 1.6 GB to decode, and 14 at once starved the service. The photo decoder now reads the header first.
 */
class ImageBombTest {

    @Test
    void theSixteenBitBombIsRefusedAtOnceWithoutBeingDecoded() {
        byte[] bomb = ImageBombs.issue12();
        assertTrue(bomb.length < 600_000, "the bomb is a few hundred KB: " + bomb.length);
        Http tech = Http.browser(Role.TECHNICIAN);
        ImageBombs.HeapWatch heap = ImageBombs.HeapWatch.start();
        long start = System.nanoTime();
        HttpResponse<String> r = ScanTest.upload(tech, bomb);
        long millis = (System.nanoTime() - start) / 1_000_000;
        long megabytes = heap.stop();
        assertEquals(422, r.statusCode(), r.body());
        assertTrue(Http.json(r).getString("message").startsWith("Image trop grande"), r.body());
        assertTrue(millis < 1_000, "refused in " + millis + " ms");
        assertTrue(megabytes < 100, "the heap rose by " + megabytes + " MB");
    }

    @Test
    void deepOrHugeImagesThatNoPhoneTakesAreRefusedInFrench() {
        Http tech = Http.browser(Role.TECHNICIAN);
        // 36 megapixels is a phone's size, but not at 16 bits per sample.
        HttpResponse<String> deep = ScanTest.upload(tech, ImageBombs.png(6_000, 6_000, 16, ImageBombs.RGB));
        assertEquals(422, deep.statusCode(), deep.body());
        assertTrue(Http.json(deep).getString("message").contains("16 bits"), deep.body());
        HttpResponse<String> huge = ScanTest.upload(tech, ImageBombs.jpegDeclaring(60_000, 60_000));
        assertEquals(422, huge.statusCode(), huge.body());
        assertTrue(Http.json(huge).getString("message").contains("mégapixels"), huge.body());
    }

    @Test
    void whenEveryDecoderIsBusyAPhotoGets503WithRetryAfterInFrench() throws Exception {
        Http tech = Http.browser(Role.TECHNICIAN);
        byte[] photo = ScanTest.jpeg(new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_INT_RGB));
        CountDownLatch hold = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(ImageBounds.decoders());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < ImageBounds.decoders(); i++) {
                pool.submit(() -> ImageBounds.decode(photo, ImageBounds.Limits.PHOTO, 1_600, image -> {
                    started.countDown();
                    try {
                        hold.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return image;
                }));
            }
            assertTrue(started.await(10, TimeUnit.SECONDS));
            HttpResponse<String> r = ScanTest.upload(tech, photo);
            hold.countDown();
            assertEquals(503, r.statusCode(), r.body());
            assertEquals("5", r.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(Http.json(r).getString("message").startsWith("Le service traite déjà plusieurs images"), r.body());
        }
        assertEquals(422, ScanTest.upload(tech, photo).statusCode(), "decoded again once a decoder is free (no QR in it)");
    }

    @Test
    void fourteenBombsAtOnceLeaveTheServiceResponsive() throws Exception {
        List<HttpResponse<String>> answers = fourteenAtOnce(ImageBombs.issue12(), 300);
        for (HttpResponse<String> r : answers) {
            assertEquals(422, r.statusCode(), r.body());
        }
    }

    /** The largest photos allowed do get decoded, a core's worth at a time; the others wait, then hear 503. */
    @Test
    void fourteenHeavyButPlausiblePhotosAtOnceLeaveTheServiceResponsive() throws Exception {
        List<HttpResponse<String>> answers = fourteenAtOnce(ImageBombs.png(8_000, 6_000, 8, ImageBombs.RGB), 300);
        for (HttpResponse<String> r : answers) {
            assertTrue(r.statusCode() == 422 || r.statusCode() == 503, r.statusCode() + " " + r.body());
            if (r.statusCode() == 503) {
                assertTrue(r.headers().firstValue("Retry-After").isPresent());
            }
        }
        assertTrue(answers.stream().anyMatch(r -> r.statusCode() == 422), "some were decoded (no QR code in them)");
    }

    /** Sends 14 uploads at once while health and a machine lookup are asked in turn: each must answer within 1 s. */
    private static List<HttpResponse<String>> fourteenAtOnce(byte[] image, long maxHeapRiseMegabytes) throws Exception {
        String tag = Fixtures.intake(1).getFirst();
        Http tech = Http.browser(Role.TECHNICIAN);
        Http script = Http.api(Role.TECHNICIAN);
        Http anonymous = Http.anonymous();
        // Connections opened and first answers made before the uploads, so that only the uploads' cost is measured.
        assertEquals(200, anonymous.get("/health").statusCode());
        assertEquals(200, script.get("/api/v1/machines/" + tag).statusCode());
        ImageBombs.HeapWatch heap = ImageBombs.HeapWatch.start();
        List<Long> lookups = new ArrayList<>();
        List<HttpResponse<String>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpResponse<String>>> uploads = new ArrayList<>();
            for (int i = 0; i < 14; i++) {
                uploads.add(pool.submit(() -> ScanTest.upload(tech, image)));
            }
            while (uploads.stream().anyMatch(f -> !f.isDone()) || lookups.size() < 20) {
                long start = System.nanoTime();
                assertEquals(200, anonymous.get("/health").statusCode());
                long health = System.nanoTime();
                assertEquals(200, script.get("/api/v1/machines/" + tag).statusCode());
                lookups.add((health - start) / 1_000_000);
                lookups.add((System.nanoTime() - health) / 1_000_000);
                // The probes share the heap being watched: unpaced, thousands of them filled the young generation with
                // their own garbage (306 MB "rise" once, with 2,874 probes in 3 s). Every 5 ms still probes hundreds of times.
                Thread.sleep(5);
            }
            for (Future<HttpResponse<String>> f : uploads) {
                answers.add(f.get());
            }
        }
        long megabytes = heap.stop();
        long slowest = lookups.stream().mapToLong(Long::longValue).max().orElseThrow();
        System.out.println("14 uploads at once: " + lookups.size() + " health checks and lookups meanwhile, slowest " + slowest
                + " ms; heap rise " + megabytes + " MB; statuses " + answers.stream().map(HttpResponse::statusCode).toList());
        assertTrue(slowest < 1_000, "health and lookup took " + lookups + " ms");
        assertTrue(megabytes < maxHeapRiseMegabytes, "the heap rose by " + megabytes + " MB");
        return answers;
    }
}
