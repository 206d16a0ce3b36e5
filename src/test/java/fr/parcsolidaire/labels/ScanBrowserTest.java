package fr.parcsolidaire.labels;

import fr.parcsolidaire.Browser;
import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scan station in Debian's headless Chromium, driven as a keyboard-wedge scanner drives it: characters
 * typed into whatever has the focus, then Enter.
 */
class ScanBrowserTest {

    private static WebDriver driver;

    @BeforeAll
    static void startBrowser() throws Exception {
        driver = Browser.start();
        driver.get(TestApp.get().baseUrl() + "/scan");
        driver.findElement(By.id("username")).sendKeys(TestApp.get().username(Role.TECHNICIAN));
        driver.findElement(By.id("password")).sendKeys(TestApp.PASSWORD);
        submitAndWait(driver.findElement(By.cssSelector("form button[type=submit]")));
        assertTrue(driver.getCurrentUrl().endsWith("/scan"), "the login returns to the scan station");
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void aScannedLabelUrlOpensTheMachine() {
        String tag = Fixtures.intake(1).getFirst();
        driver.get(TestApp.get().baseUrl() + "/scan");
        driver.findElement(By.tagName("h1")).click(); // a stray click must not take the focus away
        scan(TestApp.get().baseUrl().toUpperCase(Locale.ROOT) + "/M/" + tag);
        assertTrue(driver.getCurrentUrl().endsWith("/m/" + tag), driver.getCurrentUrl());
        assertTrue(driver.findElement(By.tagName("h1")).getText().contains(tag));
    }

    @Test
    void aBatchOfScansWithAnUndoIsShelvedInOneGo() {
        List<String> tags = Fixtures.intake(3);
        driver.get(TestApp.get().baseUrl() + "/scan/batch");
        for (String tag : tags) {
            scan(tag.toLowerCase(Locale.ROOT));
        }
        assertEquals(3, driver.findElements(By.cssSelector("#batch li")).size());
        scan("PS-1999-99995");
        assertTrue(driver.findElement(By.id("batch-message")).getText().contains("Aucune machine"));
        assertEquals(3, driver.findElements(By.cssSelector("#batch li")).size(), "an unknown tag leaves the list as it was");

        submitAndWait(driver.findElement(By.id("undo")));
        List<WebElement> items = driver.findElements(By.cssSelector("#batch li"));
        assertEquals(2, items.size());
        assertTrue(items.getLast().getText().contains(tags.get(1)));

        driver.findElement(By.id("location")).sendKeys("Bac 7");
        submitAndWait(driver.findElement(By.xpath("//button[starts-with(normalize-space(), 'Appliquer aux')]")));
        assertEquals(2, driver.findElements(By.cssSelector("#outcomes li.result-ok")).size());
        assertEquals(2, TestApp.get().count("SELECT count(*) FROM machines WHERE location = 'Bac 7'"));
        assertEquals(0, TestApp.get().count("SELECT count(*) FROM machines WHERE location IS NOT NULL AND tag = '" + tags.get(2) + "'"));
    }

    /** Types into the element that has the focus, as a scanner does, and waits for the next page. */
    private static void scan(String code) {
        // The focus comes back from app.js a moment after a stray click: wait for it as a person would.
        new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> "code".equals(d.switchTo().activeElement().getAttribute("id")));
        WebElement focused = driver.switchTo().activeElement();
        WebElement page = driver.findElement(By.tagName("html"));
        focused.sendKeys(code + Keys.ENTER);
        Browser.gone(driver, page, 10);
    }

    private static void submitAndWait(WebElement element) {
        WebElement page = driver.findElement(By.tagName("html"));
        element.click();
        Browser.gone(driver, page, 10);
    }
}
