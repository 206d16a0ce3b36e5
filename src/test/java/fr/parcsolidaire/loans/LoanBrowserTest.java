package fr.parcsolidaire.loans;

import fr.parcsolidaire.Browser;
import fr.parcsolidaire.Fixtures;
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

/** A social worker, in headless Chromium: assigns a ready machine to a person and downloads the contract. */
class LoanBrowserTest {

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
    void aSocialWorkerAssignsAMachineAndDownloadsTheContract() throws Exception {
        String tag = Fixtures.readyMachine();
        long person = LoanFixtures.beneficiary("Bernard-Ançel", "Joséphine");
        String base = TestApp.get().baseUrl();
        driver.get(base + "/assignments/new?beneficiaryId=" + person);
        driver.findElement(By.id("username")).sendKeys(TestApp.get().username(Role.SOCIAL_WORKER));
        driver.findElement(By.id("password")).sendKeys(TestApp.PASSWORD);
        submit(driver.findElement(By.cssSelector("form button[type=submit]")));
        assertTrue(driver.getCurrentUrl().contains("/assignments/new"), driver.getCurrentUrl());

        driver.findElement(By.id("machine-" + tag)).click();
        new Select(driver.findElement(By.id("a-beneficiaryId"))).selectByValue(String.valueOf(person));
        new Select(driver.findElement(By.id("a-kind"))).selectByValue("LOAN");
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]",
                driver.findElement(By.id("a-dueOn")), LocalDate.now().plusMonths(4).toString());
        driver.findElement(By.id("acc-Chargeur")).click();
        submit(driver.findElement(By.xpath("//button[normalize-space()='Attribuer et générer le document']")));
        assertTrue(driver.getCurrentUrl().matches(".*/assignments/\\d+$"), driver.getCurrentUrl());
        assertEquals("Prêt en cours", driver.findElement(By.id("status")).getText());

        String href = driver.findElement(By.id("contract-link")).getAttribute("href");
        String cookies = driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
                .header("Cookie", cookies).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElseThrow());
        LoanFixtures.PdfText text = LoanFixtures.text(pdf.body());
        assertTrue(text.text().contains("Joséphine Bernard-Ançel"), text.text());
        assertTrue(text.text().contains(tag));
        assertTrue(text.text().contains("Convention de prêt"));
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM machines WHERE state = 'ASSIGNED' AND tag = '" + tag + "'"));
    }

    private static void submit(WebElement button) {
        Browser.submit(driver, button);
    }
}
