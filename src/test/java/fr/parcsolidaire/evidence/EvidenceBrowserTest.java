package fr.parcsolidaire.evidence;

import fr.parcsolidaire.Browser;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import static fr.parcsolidaire.evidence.Samples.text;
import static fr.parcsolidaire.evidence.Samples.withSerial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A technician in Debian's headless Chromium: uploads a real nwipe log on the machine page and sees the erasure; picks a
 * ShredOS stick's files at once on the bulk page and sees what matched, file by file.
 */
class EvidenceBrowserTest {

    private static WebDriver driver;

    @BeforeAll
    static void startBrowser() {
        driver = Browser.start();
        driver.get(TestApp.get().baseUrl() + "/login");
        driver.findElement(By.id("username")).sendKeys(TestApp.get().username(Role.TECHNICIAN));
        driver.findElement(By.id("password")).sendKeys(TestApp.PASSWORD);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    private static String serial(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase(Locale.ROOT);
    }

    private static Path file(String name, String content) throws Exception {
        Path dir = Files.createTempDirectory("evidence");
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void aLogUploadedOnTheMachinePageShowsTheErasureAndTheArchivedFile() throws Exception {
        String disk = serial("WD-");
        String tag = EvidenceApiTest.machineWith(Http.api(Role.TECHNICIAN), disk);
        Path log = file("nwipe_0.42.log", withSerial(text("nwipe-0.42/zero-verify-last.log"), "/dev/loop0", disk));

        driver.get(TestApp.get().baseUrl() + "/m/" + tag);
        driver.findElement(By.id("evidence-file")).sendKeys(log.toString());
        driver.findElement(By.xpath("//button[normalize-space()='Importer la preuve']")).click();
        // The upload lands on the machine page with its confirmation; app.js then takes "saved=" out of the address.
        String saved = new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(WebDriverException.class).until(d ->
                d.getCurrentUrl().endsWith("/m/" + tag + "#preuves") && !d.findElements(By.cssSelector("[role=status].saved")).isEmpty()
                        ? d.findElement(By.cssSelector("[role=status].saved")).getText() : null);
        assertEquals("Preuve d'effacement importée.", saved);
        String files = driver.findElement(By.id("evidence-files")).getText();
        assertTrue(files.contains("nwipe_0.42.log") && files.contains("Journal nwipe") && files.contains("SHA-256 "), files);
        String devices = driver.findElement(By.cssSelector("ul.devices")).getText();
        assertTrue(devices.contains("Effacé le ") && devices.contains("Clear"), devices);
        String history = driver.findElement(By.cssSelector(".timeline")).getText();
        assertTrue(history.contains("Importé de « nwipe_0.42.log »"), history);
        assertTrue(history.contains("Méthode : Clear (effacement logique)") && history.contains("Résultat : réussi"),
                "codes read as words: " + history);
        assertFalse(history.matches("(?s).*\\d{4}-\\d{2}-\\d{2}.*"), "no ISO date on the page: " + history);
    }

    @Test
    void theBulkPageSendsEachFileAndSaysWhatMatched() throws Exception {
        String a = serial("BA");
        String tagA = EvidenceApiTest.machineWith(Http.api(Role.TECHNICIAN), a);
        Path matched = file("nwipe_log_20261128-061859.txt", withSerial(text("nwipe-0.33/zero-verify-last.log"), "/dev/loop0", a));
        Path unmatched = file("nwipe_log_20261128-070000.txt",
                withSerial(text("nwipe-0.33/zero-verify-last.log"), "/dev/loop0", serial("NOBODY")));

        driver.get(TestApp.get().baseUrl() + "/erasure-logs");
        driver.findElement(By.id("bulk-files")).sendKeys(matched + "\n" + unmatched);
        driver.findElement(By.xpath("//button[normalize-space()='Importer']")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-bulk-progress]"), "2 fichier(s) traité(s) sur 2."));

        String table = driver.findElement(By.id("bulk-results")).getText();
        assertTrue(table.contains("nwipe_log_20261128-061859.txt") && table.contains("1 disque(s) rapproché(s) sur 1 : " + tagA), table);
        assertTrue(table.contains("Aucun disque"), "the unmatched file says why: " + table);
        assertEquals("/m/" + tagA, driver.findElement(By.linkText(tagA)).getDomAttribute("href"));
    }
}
