package fr.parcsolidaire.labels;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import fr.parcsolidaire.inventory.MachineUrls;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scanning over real HTTP: the scan field, batch mode (state in the URL), and photos of labels. */
class ScanTest {

    private static final String LOCATION_EVENTS = "SELECT count(*) FROM machine_events WHERE kind = 'LOCATION'";

    @Test
    void aScannedLabelUrlInAnyCaseOrABareTagOpensTheMachine() {
        String tag = Fixtures.intake(1).getFirst();
        Http tech = Http.browser(Role.TECHNICIAN);
        String url = TestApp.get().baseUrl() + "/m/" + tag;
        for (String code : List.of(url.toUpperCase(Locale.ROOT), url.toLowerCase(Locale.ROOT), " " + tag.toLowerCase(Locale.ROOT) + " ")) {
            HttpResponse<String> r = tech.get("/scan?code=" + enc(code));
            assertEquals(303, r.statusCode(), code);
            assertEquals("/m/" + tag, r.headers().firstValue("Location").orElseThrow());
        }
        assertEquals(303, Http.anonymous().get("/M/" + tag).statusCode(), "capital QR URLs reach the machine page too");
    }

    @Test
    void unknownTagsAndMalformedCodesGetAFrenchMessage() {
        Http reader = Http.browser(Role.COORDINATOR);
        HttpResponse<String> unknown = reader.get("/scan?code=PS-1999-99999");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("Aucune machine ne porte le numéro « PS-1999-99999 »"));
        HttpResponse<String> url = reader.get("/scan?code=" + enc("https://exemple.fr/autre/chose"));
        assertEquals(400, url.statusCode());
        assertTrue(url.body().contains("n&#39;est pas celle d&#39;une étiquette") || url.body().contains("n'est pas celle d'une étiquette"), url.body());
        HttpResponse<String> junk = reader.get("/scan?code=" + enc("<b>bonjour</b>"));
        assertEquals(400, junk.statusCode());
        assertTrue(junk.body().contains("&lt;b") && !junk.body().contains("<b>bonjour"), "what was typed comes back escaped");
    }

    @Test
    void aBatchKeepsItsListInTheUrlUndoesTheLastScanAndShelvesEveryMachine() {
        List<String> tags = Fixtures.intake(3);
        Http tech = Http.browser(Role.TECHNICIAN);
        HttpResponse<String> first = tech.get("/scan/batch?code=" + enc(TestApp.get().baseUrl().toUpperCase(Locale.ROOT) + "/M/" + tags.get(0)));
        assertEquals("/scan/batch?tags=" + tags.get(0), first.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> twice = tech.get("/scan/batch?tags=" + tags.get(0) + "&code=" + tags.get(0));
        assertEquals(400, twice.statusCode());
        assertTrue(twice.body().contains("est déjà dans la liste"));
        HttpResponse<String> unknown = tech.get("/scan/batch?tags=" + tags.get(0) + "&code=PS-1999-99998");
        assertTrue(unknown.body().contains("Aucune machine ne porte le numéro"));
        String all = String.join(",", tags);
        HttpResponse<String> page = Fixtures.expect(200, tech.get("/scan/batch?tags=" + all));
        assertTrue(page.body().contains("href=\"/scan/batch?tags=" + tags.get(0) + "," + tags.get(1) + "\""), "undo drops the last scan");

        long before = TestApp.get().count(LOCATION_EVENTS);
        HttpResponse<String> empty = tech.postForm("/scan/batch", Map.of("tags", all, "action", "location", "location", " "));
        assertEquals(400, empty.statusCode());
        assertEquals(before, TestApp.get().count(LOCATION_EVENTS), "nothing written when the location is missing");

        HttpResponse<String> done = Fixtures.expect(200, tech.postForm("/scan/batch",
                Map.of("tags", all, "action", "location", "location", "Étagère B3")));
        assertTrue(done.body().contains("Rangée à « Étagère B3 »"));
        assertEquals(3, TestApp.get().count("SELECT count(*) FROM machines WHERE location = 'Étagère B3' AND tag IN ('"
                + String.join("','", tags) + "')"));
        assertEquals(before + 3, TestApp.get().count(LOCATION_EVENTS));
        String machinePage = tech.get("/m/" + tags.get(0)).body();
        assertTrue(machinePage.contains("Emplacement : Étagère B3"), "the move is in the history");
        assertTrue(machinePage.contains("<dt>Rangement</dt><dd>Étagère B3</dd>"), "and the machine page says where it is");
    }

    @Test
    void aBatchStepMovesEachMachineItCanAndReportsTheRefusalsInFrench() {
        List<String> fresh = Fixtures.intake(2);
        String ready = Fixtures.readyMachine();
        Http tech = Http.browser(Role.TECHNICIAN);
        HttpResponse<String> r = Fixtures.expect(200, tech.postForm("/scan/batch", Map.of(
                "tags", fresh.get(0) + "," + ready + "," + fresh.get(1), "action", "step", "to", "IN_DIAGNOSIS")));
        assertTrue(r.body().contains("Passée à « En diagnostic »") || r.body().contains("Passée à"), r.body());
        assertTrue(r.body().contains("result-refused"), "the READY machine cannot go back to diagnosis");
        assertEquals(2, TestApp.get().count("SELECT count(*) FROM machines WHERE state = 'IN_DIAGNOSIS' AND tag IN ('"
                + fresh.get(0) + "','" + fresh.get(1) + "')"));
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM machines WHERE state = 'READY' AND tag = '" + ready + "'"));
        assertEquals(403, Http.browser(Role.COORDINATOR).postForm("/scan/batch", Map.of("tags", ready, "action", "location",
                "location", "X")).statusCode());
    }

    @Test
    void aPhoneLikePhotoOfAPrintedLabelOpensTheMachine() throws Exception {
        String tag = Fixtures.intake(1).getFirst();
        byte[] pdf = LabelApiTest.pdf(Json.createObjectBuilder().add("layout", "QL-62x29")
                .add("tags", Json.createArrayBuilder().add(tag)).build()).body();
        byte[] photo = phonePhoto(Raster.page(pdf, 1), 13);
        HttpResponse<String> r = upload(Http.browser(Role.TECHNICIAN), photo);
        assertEquals(303, r.statusCode(), r.body());
        assertEquals("/m/" + tag, r.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void unreadableOrUnknownPhotosAndOtherFilesGetAFrenchMessage() throws Exception {
        Http tech = Http.browser(Role.TECHNICIAN);
        BufferedImage blank = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = blank.createGraphics();
        g.setColor(new Color(200, 190, 170));
        g.fillRect(0, 0, 800, 600);
        g.dispose();
        HttpResponse<String> nothing = upload(tech, jpeg(blank));
        assertEquals(422, nothing.statusCode());
        assertTrue(Http.json(nothing).getString("message").startsWith("Aucun QR code lisible"));

        HttpResponse<String> wrongType = upload(tech, "%PDF-1.4 pas une photo".getBytes());
        assertEquals(415, wrongType.statusCode());
        assertTrue(Http.json(wrongType).getString("message").contains("JPEG"));
        assertEquals(422, upload(tech, new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3}).statusCode(), "broken JPEG");

        LabelLayout ql = LabelLayouts.load(Path.of("labels")).get("QL-62x29").orElseThrow();
        byte[] pdf = SheetRenderer.pdf(ql, List.of(new LabelContent("PS-1999-99997",
                MachineUrls.forQr(TestApp.get().baseUrl(), "PS-1999-99997"), List.of())), 1);
        HttpResponse<String> unknown = upload(tech, jpeg(Raster.page(pdf, 1)));
        assertEquals(404, unknown.statusCode());
        assertTrue(Http.json(unknown).getString("message").contains("PS-1999-99997"));
    }

    @Test
    void aTwelveMegapixelPhotoIsDecodedSubsampledAndStillOpensTheMachine() throws Exception {
        String tag = Fixtures.intake(1).getFirst();
        byte[] pdf = LabelApiTest.pdf(Json.createObjectBuilder().add("layout", "QL-62x29")
                .add("tags", Json.createArrayBuilder().add(tag)).build()).body();
        byte[] photo = phonePhoto(Raster.page(pdf, 1), -9, 4_032, 3_024);
        HttpResponse<String> r = upload(Http.browser(Role.TECHNICIAN), photo);
        assertEquals(303, r.statusCode(), r.body());
        assertEquals("/m/" + tag, r.headers().firstValue("Location").orElseThrow());
    }

    static byte[] phonePhoto(BufferedImage label, double degrees) throws Exception {
        return phonePhoto(label, degrees, 1600, 1200);
    }

    /** A label as a phone shoots it: on a desk, turned by some degrees, foreshortened, a bit soft, JPEG. */
    static byte[] phonePhoto(BufferedImage label, double degrees, int width, int height) throws Exception {
        double size = width / 1600.0;
        BufferedImage photo = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        Random random = new Random(42);
        for (int y = 0; y < photo.getHeight(); y += 4) {
            for (int x = 0; x < photo.getWidth(); x += 4) {
                int shade = 150 + random.nextInt(25);
                g.setColor(new Color(shade, shade - 10, shade - 30));
                g.fillRect(x, y, 4, 4);
            }
        }
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        AffineTransform t = new AffineTransform();
        t.translate(width / 2.0, height / 2.0);
        t.rotate(Math.toRadians(degrees));
        t.shear(0.06, 0.02);
        t.scale(1.25 * size, 1.1 * size);
        t.translate(-label.getWidth() / 2.0, -label.getHeight() / 2.0);
        g.drawImage(label, t, null);
        g.dispose();
        float[] blur = new float[25];
        java.util.Arrays.fill(blur, 1f / 25);
        BufferedImage soft = new ConvolveOp(new Kernel(5, 5, blur), ConvolveOp.EDGE_NO_OP, null).filter(photo, null);
        return jpeg(soft);
    }

    static byte[] jpeg(BufferedImage image) throws Exception {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.createGraphics().drawImage(image, 0, 0, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.7f);
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(rgb, null, null), param);
        }
        writer.dispose();
        return out.toByteArray();
    }

    static HttpResponse<String> upload(Http session, byte[] body) {
        return session.send(session.request("/scan/photo").header("Content-Type", "application/octet-stream")
                .header("X-CSRF-Token", session.csrf()).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
