package fr.parcsolidaire.messaging;

import fr.parcsolidaire.Browser;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import static fr.parcsolidaire.messaging.MessagingKit.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A social worker on a phone, in headless Chromium: records a consent on the person's page and reads the outbox. */
class MessagingBrowserTest {

    private static WebDriver driver;

    @BeforeAll
    static void startBrowser() {
        driver = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void onAPhoneTheConsentIsRecordedAndConfirmedWithoutSidewaysScrolling() {
        long id = person("Karine", "Mobile", "karine.mobile@exemple.fr", null);
        driver.manage().window().setSize(new Dimension(390, 844));
        String base = TestApp.get().baseUrl();
        driver.get(base + "/beneficiaries/" + id);
        driver.findElement(By.id("username")).sendKeys(TestApp.get().username(Role.SOCIAL_WORKER));
        driver.findElement(By.id("password")).sendKeys(TestApp.PASSWORD);
        submit(driver.findElement(By.cssSelector("form button[type=submit]")));

        driver.findElement(By.cssSelector("#consent-email summary")).click();
        WebElement save = driver.findElement(By.cssSelector("#consent-email form button[type=submit]"));
        assertTrue(save.getSize().getHeight() >= 44, "touch target: " + save.getSize());
        submit(save);

        assertTrue(driver.getCurrentUrl().endsWith("/beneficiaries/" + id), driver.getCurrentUrl());
        assertEquals("Consentement enregistré.", Browser.confirmation(driver));
        assertTrue(driver.findElement(By.id("consent-email")).getText().contains("accord donné"));
        assertNoSidewaysScroll();

        driver.manage().window().setSize(new Dimension(1024, 768));
        driver.get(base + "/outbox");
        assertEquals("Messages de rappel", driver.findElement(By.tagName("h1")).getText());
        assertNoSidewaysScroll();
    }

    private static void assertNoSidewaysScroll() {
        Object overflow = ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertEquals(0L, ((Number) overflow).longValue(), "the page is wider than the screen");
    }

    /** A save lands on the address it was sent from (app.js takes "saved=" out): wait for the new document instead. */
    private static void submit(WebElement button) {
        Browser.submit(driver, button);
    }
}
