package fr.parcsolidaire.loans;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.loans.ContractService;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The signed-contract scan upload (API and page): over 10 MB is 413, content that is not really a PDF, JPEG or
 * PNG is 415 whatever its name or declared type, and a refused upload writes nothing.
 */
class ScanUploadTest {

    private static long assignment;

    @BeforeAll
    static void aLoan() {
        Http social = Http.api(Role.SOCIAL_WORKER);
        long person = Http.json(Fixtures.expect(201, social.postJson("/api/v1/beneficiaries", Json.createObjectBuilder()
                .add("lastName", "Scan").add("firstName", "Ulysse").add("commune", "Saint-Denis").add("postcode", "93200")
                .add("ageBracket", "FROM_26_TO_44").add("situation", "RSA").add("gdprNoticeOn", LocalDate.now().toString())
                .build()))).getJsonNumber("id").longValue();
        assignment = Http.json(Fixtures.expect(201, social.postJson("/api/v1/assignments", Json.createObjectBuilder()
                .add("machineTag", Fixtures.readyMachine()).add("beneficiaryId", person).add("kind", "LOAN")
                .add("dueOn", LocalDate.now().plusMonths(1).toString()).build()))).getJsonNumber("id").longValue();
    }

    private static long written() {
        return TestApp.get().count("SELECT (SELECT count(*) FROM contract_scans) * 1000 + (SELECT count(*) FROM assignment_events)");
    }

    private static HttpResponse<String> upload(Http who, String path, byte[] body, String contentType) {
        HttpRequest.Builder b = who.request(path).header("Content-Type", contentType)
                .header("Content-Disposition", "attachment; filename=\"convention-signee.pdf\"");
        if (who.csrf() != null) {
            b.header("X-CSRF-Token", who.csrf());
        }
        return who.send(b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static byte[] pdfOfSize(long size) {
        byte[] b = new byte[(int) size];
        Arrays.fill(b, (byte) ' ');
        byte[] head = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, b, 0, head.length);
        return b;
    }

    @Test
    void overTenMegabytesIsRefusedWith413AndNothingWritten() {
        for (Http who : List.of(Http.api(Role.SOCIAL_WORKER), Http.browser(Role.SOCIAL_WORKER))) {
            String path = who.csrf() == null ? "/api/v1/assignments/" + assignment + "/scans" : "/assignments/" + assignment + "/scan";
            long before = written();
            for (long size : List.of(ContractService.MAX_SCAN_BYTES + 1, ContractService.MAX_SCAN_BYTES + 2_000_000)) {
                HttpResponse<String> r = upload(who, path, pdfOfSize(size), "application/pdf");
                assertEquals(413, r.statusCode(), path + " " + size);
                assertTrue(r.body().contains("taille maximale de 10 Mo"), r.body());
            }
            assertEquals(before, written(), path);
        }
    }

    @Test
    void exactlyTenMegabytesOfRealPdfIsAccepted() {
        long before = TestApp.get().count("SELECT count(*) FROM contract_scans");
        HttpResponse<String> r = upload(Http.api(Role.SOCIAL_WORKER), "/api/v1/assignments/" + assignment + "/scans",
                pdfOfSize(ContractService.MAX_SCAN_BYTES), "application/pdf");
        assertEquals(201, r.statusCode(), r.body());
        assertEquals(before + 1, TestApp.get().count("SELECT count(*) FROM contract_scans"));
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM contract_scans WHERE length(content) = "
                + ContractService.MAX_SCAN_BYTES + " AND content_type = 'application/pdf'"));
    }

    @Test
    void contentThatIsNotPdfJpegOrPngIsRefusedWith415WhateverItsNameOrType() throws IOException {
        List<byte[]> fakes = List.of(
                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8),
                "Ceci n'est pas un PDF".getBytes(StandardCharsets.UTF_8),
                " %PDF-1.4 décalé d'un octet".getBytes(StandardCharsets.UTF_8),
                "<html>%PDF-1.4</html>".getBytes(StandardCharsets.UTF_8),
                new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0},
                "GIF89a\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1),
                new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0},
                "%PD".getBytes(StandardCharsets.US_ASCII));
        for (Http who : List.of(Http.api(Role.SOCIAL_WORKER), Http.browser(Role.SOCIAL_WORKER))) {
            String path = who.csrf() == null ? "/api/v1/assignments/" + assignment + "/scans" : "/assignments/" + assignment + "/scan";
            long before = written();
            for (byte[] fake : fakes) {
                for (String type : List.of("application/pdf", "image/png", "image/jpeg")) {
                    HttpResponse<String> r = upload(who, path, fake, type);
                    assertEquals(415, r.statusCode(), path + " " + new String(fake, StandardCharsets.ISO_8859_1) + " as " + type);
                    assertTrue(r.body().contains("Type de fichier non accepté"), r.body());
                }
            }
            HttpResponse<String> empty = upload(who, path, new byte[0], "application/pdf");
            assertEquals(400, empty.statusCode());
            assertTrue(empty.body().contains("Aucun fichier reçu"), empty.body());
            assertEquals(before, written(), path);
        }
    }

    @Test
    void theUploadPageNeedsItsCsrfTokenAndTheRightRole() {
        Http browser = Http.browser(Role.SOCIAL_WORKER);
        long before = written();
        HttpRequest noToken = browser.request("/assignments/" + assignment + "/scan").header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(pdfOfSize(100))).build();
        assertEquals(403, browser.send(noToken).statusCode());
        assertEquals(403, upload(Http.browser(Role.COORDINATOR), "/assignments/" + assignment + "/scan", pdfOfSize(100),
                "application/pdf").statusCode());
        assertEquals(403, upload(Http.api(Role.TECHNICIAN), "/api/v1/assignments/" + assignment + "/scans", pdfOfSize(100),
                "application/pdf").statusCode());
        assertEquals(before, written());
    }
}
