package fr.parcsolidaire.labels;

import fr.parcsolidaire.Browser;
import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.inventory.MachineUrls;
import fr.parcsolidaire.platform.pdf.QrCode;
import fr.parcsolidaire.platform.security.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live camera scanning in Debian's headless Chromium, whose fake camera plays a Y4M video made here from a label's
 * QR code (the service's own encoder and payload). Debian's Chromium has no BarcodeDetector: jsQR, served by the
 * service, is what decodes.
 */
class CameraScanBrowserTest {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;

    private WebDriver driver;

    @AfterEach
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void theCameraReadsALabelAndOpensTheMachine() throws IOException {
        String tag = Fixtures.intake(1).getFirst();
        driver = cameraFilming(tag);
        String base = TestApp.get().baseUrl();
        login(base + "/scan");
        assertFalse(driver.findElement(By.id("camera")).getAttribute("hidden") != null, "the camera section is shown");
        driver.findElement(By.id("camera-start")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().endsWith("/m/" + tag));
        assertTrue(driver.findElement(By.tagName("h1")).getText().contains(tag));
    }

    @Test
    void inContinuousModeEachNewLabelJoinsTheBatchOnce() throws IOException {
        String tag = Fixtures.intake(1).getFirst();
        driver = cameraFilming(tag);
        String base = TestApp.get().baseUrl();
        login(base + "/scan");
        driver.findElement(By.id("camera-continuous")).click();
        driver.findElement(By.id("camera-start")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().endsWith("/scan/batch?tags=" + tag));
        assertEquals(1, driver.findElements(By.cssSelector("#batch li")).size());
        // The camera opens again on the batch page and still sees the same label: it is not added twice.
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d ->
                d.findElement(By.id("camera-status")).getText().startsWith("Caméra ouverte"));
        sleep(Duration.ofSeconds(3)); // a dozen decoding rounds: time enough for a wrong reload to happen
        assertTrue(driver.getCurrentUrl().endsWith("/scan/batch?tags=" + tag), driver.getCurrentUrl());
        assertEquals(1, driver.findElements(By.cssSelector("#batch li")).size());
        assertTrue(driver.findElement(By.id("batch")).getText().contains(tag));
    }

    @Test
    void withoutASecureContextThePageSaysSoAndKeepsTheField() throws IOException {
        // A LAN address over http: Chromium gives no camera there. A name mapped to 127.0.0.1 is not "localhost".
        driver = Browser.start("--host-resolver-rules=MAP atelier.parc.test 127.0.0.1");
        String base = TestApp.get().baseUrl().replace("127.0.0.1", "atelier.parc.test");
        login(base + "/scan");
        String status = new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> {
            String text = d.findElement(By.id("camera-status")).getText();
            return text.isEmpty() ? null : text;
        });
        assertTrue(status.contains("https (ou sur localhost)"), status);
        assertFalse(driver.findElement(By.id("camera-start")).isDisplayed());
        assertTrue(driver.findElement(By.id("code")).isDisplayed(), "the text field stays for USB scanners");
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void login(String url) {
        driver.get(url);
        driver.findElement(By.id("username")).sendKeys(TestApp.get().username(Role.TECHNICIAN));
        driver.findElement(By.id("password")).sendKeys(TestApp.PASSWORD);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/scan"));
    }

    private static WebDriver cameraFilming(String tag) throws IOException {
        Path video = Files.createTempFile("label-", ".y4m");
        video.toFile().deleteOnExit();
        writeY4m(video, MachineUrls.forQr(TestApp.get().baseUrl(), tag));
        return Browser.start("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--use-file-for-fake-video-capture=" + video.toAbsolutePath());
    }

    /**
     * A few frames of YUV4MPEG2 (4:2:0) showing the label's QR code on white: the QR in the Y plane, U = V = 128
     * (no colour). Chromium plays the file in a loop.
     */
    static void writeY4m(Path file, String payload) throws IOException {
        QrCode qr = QrCode.encode(payload, SheetRenderer.LEVEL);
        int module = Math.min(WIDTH, HEIGHT) * 3 / 4 / (qr.modules() + 2 * QrCode.QUIET_ZONE_MODULES);
        int left = (WIDTH - qr.modules() * module) / 2;
        int top = (HEIGHT - qr.modules() * module) / 2;
        byte[] luma = new byte[WIDTH * HEIGHT];
        Arrays.fill(luma, (byte) 235);
        qr.forEachRun((row, start, length) -> {
            for (int y = top + row * module; y < top + (row + 1) * module; y++) {
                Arrays.fill(luma, y * WIDTH + left + start * module, y * WIDTH + left + (start + length) * module, (byte) 16);
            }
        });
        byte[] chroma = new byte[WIDTH * HEIGHT / 4];
        Arrays.fill(chroma, (byte) 128);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(("YUV4MPEG2 W" + WIDTH + " H" + HEIGHT + " F10:1 Ip A1:1 C420\n").getBytes(StandardCharsets.US_ASCII));
            for (int frame = 0; frame < 5; frame++) {
                out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                out.write(luma);
                out.write(chroma);
                out.write(chroma);
            }
        }
    }
}
