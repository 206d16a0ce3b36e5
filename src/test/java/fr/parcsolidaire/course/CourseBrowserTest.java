package fr.parcsolidaire.course;

import fr.parcsolidaire.Browser;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.PdfText;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static fr.parcsolidaire.course.CourseFixtures.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trainer and the social worker on a tablet (1024 x 768), in headless Chromium: a cohort of three, attendance
 * over four workshops, the checklist, completion, the confirmation page, the gift certificate read back and the
 * dropped-out person's return planned.
 */
class CourseBrowserTest {

    private static WebDriver driver;

    @BeforeAll
    static void startBrowser() {
        driver = Browser.start();
        driver.manage().window().setSize(new Dimension(1024, 768));
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void aCohortOfThreeGoesFromWorkshopsToGifts() throws Exception {
        CourseFixtures.Cohort c = CourseFixtures.cohort("Aubert", "Benali", "Caron");
        CourseFixtures.Person a = c.people().get(0);
        CourseFixtures.Person b = c.people().get(1);
        CourseFixtures.Person gone = c.people().get(2);
        List<Long> workshops = List.of(CourseFixtures.workshop(c.session(), 21), CourseFixtures.workshop(c.session(), 14),
                CourseFixtures.workshop(c.session(), 7), CourseFixtures.workshop(c.session(), 0));
        String base = TestApp.get().baseUrl();
        driver.get(base + "/workshops/" + workshops.getFirst());
        driver.findElement(By.id("username")).sendKeys(TestApp.get().username(Role.SOCIAL_WORKER));
        driver.findElement(By.id("password")).sendKeys(TestApp.PASSWORD);
        submit(driver.findElement(By.cssSelector("form button[type=submit]")));

        // One tap per person, saved without reloading, confirmed in the live region.
        String[][] marks = {{"PRESENT", "PRESENT", "PRESENT", "PRESENT"}, {"PRESENT", "ABSENT", "EXCUSED", "ABSENT"},
                {"PRESENT", "ABSENT", "ABSENT", "ABSENT"}};
        for (int w = 0; w < workshops.size(); w++) {
            driver.get(base + "/workshops/" + workshops.get(w));
            // The script is deferred: tap once it holds the forms, as a person would after the page appeared.
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(
                    ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-attendance][data-ready=true]")));
            WebElement page = driver.findElement(By.tagName("html"));
            for (int p = 0; p < 3; p++) {
                CourseFixtures.Person person = c.people().get(p);
                WebElement button = driver.findElement(By.cssSelector("#person-" + person.beneficiaryId()
                        + " button[value=" + marks[p][w] + "]"));
                button.click();
                new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.attributeToBe(button, "aria-pressed", "true"));
                String live = driver.findElement(By.id("attendance-status")).getText();
                assertTrue(live.contains("Élise " + List.of("Aubert", "Benali", "Caron").get(p)) && live.contains("enregistré"), live);
            }
            assertTrue(page.isDisplayed(), "no reload: the same page");
        }
        assertEquals(12, count("SELECT count(*) FROM attendance WHERE workshop_id IN (" + workshops.stream()
                .map(String::valueOf).collect(Collectors.joining(",")) + ")"));

        // Without JavaScript the same form posts and the page says what was recorded.
        Http plain = Http.browser(Role.SOCIAL_WORKER);
        HttpResponse<String> posted = plain.postForm("/workshops/" + workshops.getLast() + "/attendance",
                Map.of("beneficiaryId", String.valueOf(b.beneficiaryId()), "status", "ABSENT"));
        assertEquals(303, posted.statusCode());
        String after = plain.get(posted.headers().firstValue("Location").orElseThrow()).body();
        assertTrue(after.contains("Élise Benali : absent (enregistré)."), after);

        // The checklist, ticked with the trainer.
        driver.get(base + "/enrolments/" + a.enrolmentId() + "/checklist");
        for (Checklist.Item item : Checklist.load("v1").orElseThrow().items()) {
            submit(driver.findElement(By.cssSelector("#item-" + item.code() + " button[type=submit]")));
            assertEquals("« " + item.label() + " » : fait.", Browser.confirmation(driver), item.code());
        }
        assertTrue(driver.findElement(By.id("checklist")).getText().contains("fait le"));

        // Caron drops out (session page), then the end of the session in three lists.
        driver.get(base + "/sessions/" + c.session());
        submit(driver.findElement(By.xpath("//form[@action='/enrolments/" + gone.enrolmentId()
                + "/status'][input[@value='DROPPED_OUT']]/button")));
        submit(driver.findElement(By.id("completion-link")));
        assertTrue(driver.findElement(By.id("completed")).getText().contains("Élise Aubert"));
        assertTrue(driver.findElement(By.id("completed")).getText().contains("présence 100 %"));
        assertTrue(driver.findElement(By.id("continuing")).getText().contains("Élise Benali"));
        assertTrue(driver.findElement(By.id("dropped")).getText().contains("Élise Caron"));
        assertFalse(driver.findElement(By.tagName("main")).getText().contains("DROPPED_OUT"), "no code on a page");

        LocalDate returnOn = LocalDate.now().plusDays(6);
        setDate(driver.findElement(By.id("return-" + gone.loanId())), returnOn);
        submit(driver.findElement(By.cssSelector("form[action='/assignments/" + gone.loanId() + "/plan-return'] button")));
        // Back on the completion page with its confirmation, in the layout's region (the key is the loan desk's; app.js takes "saved=" out of the address once shown).
        assertTrue(driver.getCurrentUrl().endsWith("/sessions/" + c.session() + "/completion"), driver.getCurrentUrl());
        assertTrue(Browser.confirmation(driver).contains("Restitution prévue"));
        assertTrue(driver.findElement(By.id("dropped")).getText().contains("retour prévu le " + fr(returnOn)));
        assertEquals(1, count("SELECT count(*) FROM assignments WHERE id = " + gone.loanId() + " AND due_on = '" + returnOn + "'"));

        // One confirmation page listing each person and machine, then the certificates.
        submit(driver.findElement(By.id("convert-link")));
        String list = driver.findElement(By.id("gift-list")).getText();
        assertTrue(list.contains("Élise Aubert") && list.contains(a.tag()), list);
        assertFalse(list.contains("Benali") || list.contains("Caron"), list);
        driver.findElement(By.id("gift-confirm")).click();
        submit(driver.findElement(By.xpath("//button[normalize-space()='Confirmer les dons et générer les attestations']")));
        assertTrue(Browser.confirmation(driver).contains("attestations sont générées"));
        String href = driver.findElement(By.cssSelector("#completed a[href$='/contract.pdf']")).getAttribute("href");
        String cookies = driver.manage().getCookies().stream().map(k -> k.getName() + "=" + k.getValue())
                .collect(Collectors.joining("; "));
        HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
                .header("Cookie", cookies).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pdf.statusCode());
        String text = PdfText.of(pdf.body()).replaceAll("\\s+", " ");
        assertTrue(text.contains("Attestation de don") && text.contains("Élise Aubert") && text.contains(a.tag()), text);
        assertFalse(text.contains("Durée du prêt"), text);
        assertEquals(1, count("SELECT count(*) FROM assignments WHERE id = " + a.loanId() + " AND status = 'GIVEN' AND due_on IS NULL"));
        assertEquals(2, count("SELECT count(*) FROM assignments WHERE session_id = " + c.session() + " AND status = 'ACTIVE'"));

        // The phone: the trainer's page still fits 390 px with 44 px buttons.
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get(base + "/workshops/" + workshops.getLast());
        WebElement button = driver.findElement(By.cssSelector("#person-" + a.beneficiaryId() + " button[value=EXCUSED]"));
        assertTrue(button.getSize().getHeight() >= 44, "touch target " + button.getSize());
        Long overflow = (Long) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertTrue(overflow <= 0, "no horizontal scroll: " + overflow);
    }

    private static String fr(LocalDate d) {
        return String.format("%02d/%02d/%d", d.getDayOfMonth(), d.getMonthValue(), d.getYear());
    }

    private static void setDate(WebElement input, LocalDate d) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]", input, d.toString());
    }

    /**
     * Sends a form and waits for the page it leads to. The address cannot tell (app.js takes "saved=" out of it, so a
     * save may land on the same address) and Chromium may answer a stale-node query with an inspector error while
     * the page changes: the old document is marked, and the wait ends once a loaded document without the mark is there.
     */
    private static void submit(WebElement button) {
        ((JavascriptExecutor) driver).executeScript("window.__beforeSubmit = true");
        button.click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(WebDriverException.class).until(d ->
                Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                        "return window.__beforeSubmit === undefined && document.readyState === 'complete'")));
    }
}
