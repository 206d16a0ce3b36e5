package fr.parcsolidaire.loans;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import fr.parcsolidaire.platform.http.ImageBombs;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, item 3, for signed contracts: a scan that is an image is checked from its header before it is kept
 * (browsers decode it later), and signatures drawn on screen are checked before OpenPDF decodes them into the PDF.
 */
class ContractImageBombTest {

    private static long loan() {
        return LoanFixtures.loan(Fixtures.readyMachine(), LoanFixtures.beneficiary("Bombe", "Iris"));
    }

    private static long written() {
        return TestApp.get().count("SELECT (SELECT count(*) FROM contract_scans) * 1000 + (SELECT count(*) FROM contracts)");
    }

    private static HttpResponse<String> scan(long assignment, byte[] body) {
        Http social = Http.api(Role.SOCIAL_WORKER);
        return social.send(social.request("/api/v1/assignments/" + assignment + "/scans")
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    @Test
    void aScanThatIsAnImageBombIsRefusedAndNotKept() {
        long assignment = loan();
        long before = written();
        for (byte[] bomb : new byte[][]{ImageBombs.issue12(), ImageBombs.jpegDeclaring(60_000, 60_000),
                ImageBombs.png(6_000, 6_000, 16, ImageBombs.GREY)}) {
            long start = System.nanoTime();
            HttpResponse<String> r = scan(assignment, bomb);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(422, r.statusCode(), r.body());
            assertTrue(Http.json(r).getString("message").startsWith("Image trop grande"), r.body());
            assertTrue(millis < 1_000, "refused in " + millis + " ms");
        }
        assertEquals(before, written(), "nothing kept");
        // A plausible scan is still kept: A4 at 300 dpi, 16-bit grey.
        assertEquals(201, scan(assignment, ImageBombs.png(2_480, 3_508, 16, ImageBombs.GREY)).statusCode());
        assertEquals(201, scan(assignment, ImageBombs.png(4_960, 7_016, 8, ImageBombs.RGB)).statusCode(), "A4 at 600 dpi");
    }

    @Test
    void aSignatureThatIsAnImageBombIsRefusedBeforeItReachesThePdf() {
        long assignment = loan();
        long before = written();
        String bomb = "data:image/png;base64," + Base64.getEncoder().encodeToString(ImageBombs.issue12());
        String fine = "data:image/png;base64," + Base64.getEncoder().encodeToString(ImageBombs.png(600, 200, 8, ImageBombs.RGBA));
        ImageBombs.HeapWatch heap = ImageBombs.HeapWatch.start();
        long start = System.nanoTime();
        HttpResponse<String> r = Http.api(Role.SOCIAL_WORKER).postJson("/api/v1/assignments/" + assignment + "/signatures",
                Json.createObjectBuilder().add("staff", fine).add("beneficiary", bomb).build());
        long millis = (System.nanoTime() - start) / 1_000_000;
        long megabytes = heap.stop();
        assertEquals(422, r.statusCode(), r.body());
        assertTrue(Http.json(r).getString("message").startsWith("Image trop grande"), r.body());
        assertTrue(millis < 1_000, "refused in " + millis + " ms");
        // Decoded, the bomb alone would take 7,700 × 7,700 × 8 bytes (474 MB); the bound leaves room for what the
        // shared test service allocates meanwhile (the used heap counts garbage not yet collected).
        assertTrue(megabytes < 200, "the heap rose by " + megabytes + " MB");
        assertEquals(before, written(), "nothing signed");
    }

    @Test
    void aSignatureWithBrokenImageDataIsRefusedInFrench() {
        long assignment = loan();
        byte[] png = ImageBombs.png(600, 200, 8, ImageBombs.RGBA).clone();
        for (int i = 60; i < png.length - 12; i++) {
            png[i] = (byte) 0x5A;
        }
        String broken = "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
        HttpResponse<String> r = Http.api(Role.SOCIAL_WORKER).postJson("/api/v1/assignments/" + assignment + "/signatures",
                Json.createObjectBuilder().add("staff", broken).add("beneficiary", broken).build());
        assertEquals(422, r.statusCode(), r.body());
        assertTrue(Http.json(r).getString("message").contains("illisible"), r.body());
    }

    @Test
    void theSignPageShowsTheRefusalOfABrokenSignatureInFrench() {
        long assignment = loan();
        byte[] png = ImageBombs.png(600, 200, 8, ImageBombs.RGBA).clone();
        Arrays.fill(png, 60, png.length - 12, (byte) 0x5A);
        String broken = "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
        long before = written();
        HttpResponse<String> r = Http.browser(Role.SOCIAL_WORKER).postForm("/assignments/" + assignment + "/sign",
                Map.of("staff", broken, "beneficiary", broken));
        assertEquals(422, r.statusCode());
        assertTrue(r.body().contains("Cette image est illisible ou abîmée"), r.body());
        assertTrue(r.body().contains("<canvas"), "the sign page again, to draw once more");
        assertEquals(before, written(), "nothing signed");
    }
}
