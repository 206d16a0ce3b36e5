package fr.parcsolidaire.loans;

import fr.parcsolidaire.Browser;
import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A signed paper contract goes up without JavaScript: the assignment page's form is a real multipart form with its
 * CSRF field, answered by a redirect that confirms it; the page then shows who filed it and offers no "Signer".
 */
class PaperScanFormTest {

    @Test
    void theSignedPaperScanGoesUpFromAPlainForm() {
        long loan = LoanFixtures.loan(Fixtures.readyMachine(), LoanFixtures.beneficiary("Papier", "Léon"));
        Http social = Http.browser(Role.SOCIAL_WORKER);
        String page = social.get("/assignments/" + loan).body();
        assertTrue(page.contains("enctype=\"multipart/form-data\""), "a form that works without JavaScript");
        assertTrue(page.contains("Pas encore signé") && page.contains("Signer à l'écran"));

        HttpResponse<String> none = post(social, loan, social.csrf(), null);
        assertEquals(400, none.statusCode(), "no file chosen");
        assertTrue(none.body().contains("Choisissez d'abord un fichier."), "the error under its field");
        assertEquals(403, post(social, loan, "faux-jeton", "%PDF-1.7\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)).statusCode());

        HttpResponse<String> sent = post(social, loan, social.csrf(), "%PDF-1.7\n1 0 obj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(303, sent.statusCode(), sent.body());
        String location = sent.headers().firstValue("Location").orElseThrow();
        assertEquals("/assignments/" + loan + "?saved=scan", location);
        String after = social.get(location).body();
        assertTrue(after.contains("Document signé sur papier enregistré."), "confirmed");
        assertTrue(after.contains("Signé</span> sur papier (exemplaire numérisé)"), after);
        assertFalse(after.contains("Signer à l'écran"), "« Signer » only while unsigned");
    }

    /** In Chromium with JavaScript off, the scan is chosen and sent from the page and lands on the confirmation. */
    @Test
    void theScanGoesUpFromChromiumWithJavaScriptOff() throws Exception {
        long loan = LoanFixtures.loan(Fixtures.readyMachine(), LoanFixtures.beneficiary("SansScript", "Inès"));
        Path pdf = Files.createTempFile("convention-signee", ".pdf");
        Files.writeString(pdf, "%PDF-1.7\n1 0 obj\n%%EOF\n");
        WebDriver driver = Browser.startWithoutJavaScript(1024, 768);
        try {
            driver.get(TestApp.get().baseUrl() + "/login");
            driver.findElement(By.id("username")).sendKeys(TestApp.get().username(Role.SOCIAL_WORKER));
            driver.findElement(By.id("password")).sendKeys(TestApp.PASSWORD);
            driver.findElement(By.cssSelector("form button[type=submit]")).click();
            driver.get(TestApp.get().baseUrl() + "/assignments/" + loan);
            driver.findElement(By.id("scan-file")).sendKeys(pdf.toString());
            // Without JavaScript, app.js cannot take "saved=" off the address: the confirmation's address stays as sent.
            Browser.submit(driver, driver.findElement(By.xpath("//button[normalize-space()=\"Envoyer l'exemplaire signé\"]")));
            assertTrue(driver.getCurrentUrl().endsWith("/assignments/" + loan + "?saved=scan"), driver.getCurrentUrl());
            assertTrue(driver.findElement(By.id("confirmation")).getText().contains("Document signé sur papier enregistré."));
            assertTrue(driver.findElement(By.id("signature")).getText().contains("sur papier"));
        } finally {
            driver.quit();
            Files.deleteIfExists(pdf);
        }
    }

    private static HttpResponse<String> post(Http session, long loan, String csrf, byte[] pdf) {
        String boundary = "----parcSolidaire" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + (pdf == null ? "" : "convention signée.pdf") + "\"\r\nContent-Type: application/pdf\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        if (pdf != null) {
            body.writeBytes(pdf);
        }
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return session.send(session.request("/assignments/" + loan + "/scan")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }
}
