package fr.parcsolidaire.loans;

import fr.parcsolidaire.Browser;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A social worker on a phone-sized headless Chromium: puts a person on the waiting list, sees the matching machine,
 * reserves it, hands it over as a kit with a screen and a bag, and reads the contract back.
 */
class HandoverBrowserTest {

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
    void fromTheWaitingListToAKitHandoverWithItsContract() throws Exception {
        String laptop = JourneyFixtures.machine("atelier", "LAPTOP", "A", "14", 92, true);
        String screen = JourneyFixtures.machine("atelier", "SCREEN", "A", "24", null, false);
        long person = LoanFixtures.beneficiary("Navigatrice", "Léa");
        String base = TestApp.get().baseUrl();

        driver.get(base + "/waiting-list/new?beneficiaryId=" + person);
        driver.findElement(By.id("username")).sendKeys(TestApp.get().username(Role.SOCIAL_WORKER));
        driver.findElement(By.id("password")).sendKeys(TestApp.PASSWORD);
        submit(driver.findElement(By.cssSelector("form button[type=submit]")));
        assertTrue(driver.getCurrentUrl().contains("/waiting-list/new"), driver.getCurrentUrl());

        // A first try without any use: the error comes back on its field, in French.
        new Select(driver.findElement(By.id("w-children"))).selectByValue("TWO_OR_MORE");
        new Select(driver.findElement(By.id("w-internet"))).selectByValue("SOCIAL_TARIFF");
        submit(driver.findElement(By.xpath("//button[normalize-space()='Enregistrer la demande']")));
        assertEquals("Cochez au moins un usage prévu.", driver.findElement(By.id("uses-error")).getText());

        driver.findElement(By.id("use-JOB_SEARCH")).click();
        driver.findElement(By.id("need-WEBCAM")).click();
        driver.findElement(By.id("need-LIGHT")).click();
        new Select(driver.findElement(By.id("w-priority"))).selectByValue("HIGH");
        driver.findElement(By.id("w-priorityReason")).sendKeys("Entretien d'embauche en visio la semaine prochaine");
        submit(driver.findElement(By.xpath("//button[normalize-space()='Enregistrer la demande']")));
        assertTrue(driver.getCurrentUrl().matches(".*/waiting-list/\\d+$"), driver.getCurrentUrl());
        assertEquals("Demande enregistrée.", Browser.confirmation(driver));

        // The match: the light laptop with a tested webcam, with the reasons in French.
        WebElement match = driver.findElement(By.xpath("//ol[@data-matches]/li[.//span[text()='" + laptop + "']]"));
        assertTrue(match.getText().contains("Webcam testée : utile pour les entretiens en visio"), match.getText());
        assertTrue(match.getText().contains("Léger à transporter (14 pouces)"), match.getText());
        submit(match.findElement(By.xpath(".//button[normalize-space()='Réserver " + laptop + "']")));
        assertEquals("Machine réservée.", Browser.confirmation(driver));
        WebElement reserved = driver.findElement(By.xpath("//ol[@data-matches]/li[1]"));
        assertTrue(reserved.getText().contains("Déjà réservée pour cette personne"), reserved.getText());

        // The handover: the reserved laptop, a tagged screen and a bag, under one contract.
        submit(reserved.findElement(By.linkText("Remettre la machine")));
        assertEquals(laptop, driver.findElement(By.id("k-machineTag")).getAttribute("value"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]",
                driver.findElement(By.id("k-dueOn")), LocalDate.now().plusMonths(6).toString());
        driver.findElement(By.id("k-items[0].tag")).sendKeys(screen);
        driver.findElement(By.id("k-items[1].name")).sendKeys("Sacoche");
        submit(driver.findElement(By.xpath("//button[normalize-space()='Remettre le lot et établir la convention']")));
        assertTrue(driver.getCurrentUrl().matches(".*/assignments/\\d+/items$"), driver.getCurrentUrl());
        assertEquals("Lot remis : la convention liste chaque élément.", Browser.confirmation(driver));
        String items = driver.findElement(By.cssSelector("[data-items]")).getText();
        assertTrue(items.contains(screen) && items.contains("Sacoche"), items);

        String href = driver.findElement(By.linkText("Convention (PDF)")).getAttribute("href");
        String cookies = driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
                .header("Cookie", cookies).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pdf.statusCode());
        LoanFixtures.PdfText text = LoanFixtures.text(pdf.body());
        for (String tag : new String[] {laptop, screen}) {
            assertTrue(text.text().contains(tag), tag + " in " + text.text());
            assertTrue(text.text().contains(JourneyFixtures.serial(tag)), "serial of " + tag);
        }
        assertTrue(text.text().contains("Sacoche") && text.text().contains("Léa Navigatrice"), text.text());
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM waiting_list_entries WHERE beneficiary_id = " + person
                + " AND status = 'SERVED'"), "the request is served by the handover");
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM reservations WHERE beneficiary_id = " + person
                + " AND status = 'FULFILLED'"));
    }

    private static void submit(WebElement button) {
        Browser.submit(driver, button);
    }
}
