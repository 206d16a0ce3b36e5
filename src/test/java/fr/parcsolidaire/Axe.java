package fr.parcsolidaire;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * axe-core (src/test/resources/axe, the npm package's axe.min.js, MPL-2.0) run in the page by the browser tests only:
 * the service never serves it. {@link #check} runs the WCAG 2.0 and 2.1 A and AA rules on the current page and
 * records each serious or critical violation; {@link #pages} counts the pages checked.
 */
public final class Axe {

    private static final String SCRIPT = load();
    private static final String RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
              .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ' (' + v.impact + ') ' + v.help + ' : ' + v.nodes.slice(0, 3)
                  .map(n => n.target.join(' ') + (n.failureSummary ? ' [' + n.failureSummary.replace(/\\s+/g, ' ') + ']' : ''))
                  .join(' | '))))
              .catch(e => done(['axe: ' + e]));
            """;

    private final WebDriver driver;
    private final List<String> violations = new ArrayList<>();
    private final List<String> pages = new ArrayList<>();

    public Axe(WebDriver driver) {
        this.driver = driver;
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    }

    /** Checks the page the browser shows now. */
    @SuppressWarnings("unchecked")
    public void check() {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript(SCRIPT);
        List<String> found = (List<String>) js.executeAsyncScript(RUN);
        String page = driver.getCurrentUrl().replaceFirst("^https?://[^/]+", "");
        pages.add(page);
        found.forEach(v -> violations.add(page + " : " + v));
    }

    public List<String> violations() {
        return List.copyOf(violations);
    }

    public List<String> pages() {
        return List.copyOf(pages);
    }

    private static String load() {
        try (InputStream in = Axe.class.getResourceAsStream("/axe/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("src/test/resources/axe/axe.min.js is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
