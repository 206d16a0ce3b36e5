package fr.parcsolidaire;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

/**
 * Debian's headless Chromium through its own chromedriver, sized like a workshop phone. The explicit binaries
 * keep Selenium Manager from downloading anything; the flags keep Chromium off the network.
 */
public final class Browser {

    private Browser() {
    }

    public static WebDriver start() {
        return start(412, 915);
    }

    /** With more Chromium flags, e.g. a fake camera reading a file (labels/CameraScanBrowserTest). */
    public static WebDriver start(String... extraFlags) {
        return start(412, 915, extraFlags);
    }

    /** A browser of this window size: a workshop phone (390 × 844), a tablet (1024 × 768), a desktop (1440 × 900). */
    public static WebDriver start(int width, int height, String... extraFlags) {
        return start(width, height, true, extraFlags);
    }

    /** With JavaScript off: what a page offers to a browser that runs none (or has not loaded app.js yet). */
    public static WebDriver startWithoutJavaScript(int width, int height) {
        return start(width, height, false);
    }

    private static WebDriver start(int width, int height, boolean javaScript, String... extraFlags) {
        try {
            ChromeOptions options = new ChromeOptions();
            if (!javaScript) {
                options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
            }
            options.setBinary("/usr/bin/chromium");
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--no-first-run",
                    "--window-size=" + width + "," + height, "--user-data-dir=" + Files.createTempDirectory("chromium").toAbsolutePath());
            options.addArguments(extraFlags);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
            return new ChromeDriver(service, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Clicks what leads to a new page and waits until that page has loaded. The element is found again when
     * Chromium answers that its node "does not belong to the document": the page it was found in was still being
     * replaced (seen once in CI after a form's redirect), which says nothing about the page under test.
     */
    public static void clickToNewPage(WebDriver driver, By by) {
        loaded(driver);
        WebElement page = driver.findElement(By.tagName("html"));
        for (int attempt = 1; ; attempt++) {
            try {
                WebElement target = driver.findElement(by);
                ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", target);
                target.click();
                break;
            } catch (StaleElementReferenceException e) {
                if (attempt == 3) throw e;
            } catch (WebDriverException e) {
                if (attempt == 3 || !detached(e)) throw e;
            }
            loaded(driver);
        }
        gone(driver, page, 15);
        loaded(driver);
    }

    /** Clicks a button found beforehand that sends its form, and waits until the next page has loaded. */
    public static void submit(WebDriver driver, WebElement button) {
        WebElement page = driver.findElement(By.tagName("html"));
        button.click();
        gone(driver, page, 20);
        loaded(driver);
    }

    /**
     * Waits until the page's root element has left the document. Chromium says so with a stale element, or with an
     * inspector error ("does not belong to the document") when asked while the page is being replaced.
     */
    public static void gone(WebDriver driver, WebElement page, int seconds) {
        new WebDriverWait(driver, Duration.ofSeconds(seconds)).until(d -> {
            try {
                page.isEnabled();
                return false;
            } catch (StaleElementReferenceException e) {
                return true;
            } catch (WebDriverException e) {
                if (detached(e)) {
                    return true;
                }
                throw e;
            }
        });
    }

    private static boolean detached(WebDriverException e) {
        return e.getMessage() != null && e.getMessage().contains("does not belong to the document");
    }

    /** Waits until the current document has finished loading (its scripts of DOMContentLoaded have run). */
    public static void loaded(WebDriver driver) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> "complete".equals(
                ((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /**
     * The confirmation of the save that led to this page (platform/http/Confirmations), after checking what app.js
     * does with it: the focus is on its role="status" region and "saved=" has left the address.
     */
    public static String confirmation(WebDriver driver) {
        WebElement status = driver.findElement(By.id("confirmation"));
        if (!"status".equals(status.getAttribute("role"))) {
            throw new AssertionError("#confirmation is not a status region: " + status.getAttribute("outerHTML"));
        }
        if (!"confirmation".equals(driver.switchTo().activeElement().getAttribute("id"))) {
            throw new AssertionError("the focus is not on the confirmation « " + status.getText() + " »");
        }
        if (driver.getCurrentUrl().contains("saved=")) {
            throw new AssertionError("a reload would confirm twice: " + driver.getCurrentUrl());
        }
        if (driver.findElements(By.id("confirmation")).size() != 1) {
            throw new AssertionError("more than one #confirmation on " + driver.getCurrentUrl());
        }
        return status.getText();
    }
}
