package fr.parcsolidaire;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
}
