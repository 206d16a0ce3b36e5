package fr.parcsolidaire.inventory;

import fr.parcsolidaire.Browser;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A technician, in Debian's headless Chromium: log in, take in a donation of 3 machines, walk one to READY. */
class WorkshopBrowserTest {

    private static WebDriver driver;

    @BeforeAll
    static void startBrowser() throws Exception {
        driver = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void aTechnicianTakesInThreeMachinesAndWalksOneToReady() {
        String base = TestApp.get().baseUrl();
        driver.get(base + "/donations/new");
        assertTrue(driver.getCurrentUrl().contains("/login?next="), "login first, then back to the form");
        driver.findElement(By.id("username")).sendKeys(TestApp.get().username(Role.TECHNICIAN));
        driver.findElement(By.id("password")).sendKeys(TestApp.PASSWORD);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/donations/new"));
        assertTrue(driver.getCurrentUrl().endsWith("/donations/new"), driver.getCurrentUrl());

        driver.findElement(By.id("donor.name")).sendKeys("Médiathèque de Bobigny");
        new Select(driver.findElement(By.id("donor.kind"))).selectByValue("PUBLIC_BODY");
        for (int i = 0; i < 3; i++) {
            String p = "machines[" + i + "].";
            new Select(driver.findElement(By.id(p + "type"))).selectByValue("LAPTOP");
            driver.findElement(By.id(p + "brand")).sendKeys("Acer");
            driver.findElement(By.id(p + "model")).sendKeys("TravelMate P214");
            driver.findElement(By.id(p + "serial")).sendKeys("NXVM" + System.nanoTime() + i);
        }
        driver.findElement(By.xpath("//button[normalize-space()='Enregistrer le don']")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches(".*/donations/\\d+$"));
        List<WebElement> tags = driver.findElements(By.cssSelector("ul.machines strong.tag"));
        assertEquals(3, tags.size());
        String tag = tags.getFirst().getText();

        tags.getFirst().click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/m/" + tag));
        step("Commencer le diagnostic");

        openStep("Enregistrer le diagnostic et passer en reconditionnement");
        fill("to-IN_RECONDITIONING-cpu", "Intel Core i5-1135G7");
        fill("to-IN_RECONDITIONING-ramGb", "8");
        choose("to-IN_RECONDITIONING-grade", "A");
        choose("to-IN_RECONDITIONING-storage[0].kind", "NVME");
        fill("to-IN_RECONDITIONING-storage[0].capacityGb", "512");
        fill("to-IN_RECONDITIONING-storage[0].serial", "NVME-" + tag);
        submitOpenStep();
        assertEquals("En reconditionnement", driver.findElement(By.id("state")).getText());

        openStep("Enregistrer un effacement ou une destruction du support");
        choose("erasure-method", "PURGE");
        fill("erasure-tool", "nwipe 0.34");
        fill("erasure-passes", "1");
        choose("erasure-result", "PASS");
        driver.findElement(By.id("erasure-verified")).click();
        submitOpenStep();

        openStep("Contrôle qualité : déclarer prête");
        for (String item : List.of("boots", "keyboard", "screen", "wifi", "sound", "webcam", "battery", "ports")) {
            choose("to-READY-quality." + item, "OK");
        }
        submitOpenStep();
        assertEquals("Prête", driver.findElement(By.id("state")).getText());
        assertTrue(driver.findElement(By.cssSelector("ul.devices")).getText().contains("Effacé le"));
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM machines WHERE state = 'READY' AND tag = '" + tag + "'"));
    }

    private static WebElement openStep;

    private static void step(String summary) {
        openStep(summary);
        submitOpenStep();
    }

    private static void openStep(String summary) {
        WebElement s = driver.findElement(By.xpath("//summary[normalize-space()='" + summary + "']"));
        openStep = s.findElement(By.xpath(".."));
        // The page opens the next step of the checklist itself: a click would close it.
        if (openStep.getAttribute("open") == null) {
            s.click();
        }
    }

    /** Submits the open step and waits for the next page: a click returns before the navigation ends. */
    private static void submitOpenStep() {
        Browser.submit(driver, openStep.findElement(By.cssSelector("form button[type=submit]")));
    }

    private static void fill(String id, String value) {
        WebElement e = driver.findElement(By.id(id));
        e.clear();
        e.sendKeys(value);
    }

    private static void choose(String id, String value) {
        new Select(driver.findElement(By.id(id))).selectByValue(value);
    }
}
