package fr.parcsolidaire.outcomes;

import fr.parcsolidaire.Browser;
import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.loans.LoanFixtures;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A participant fills the entry questionnaire on a tablet (1024 × 768) in headless Chromium, with a finger. */
class OutcomesBrowserTest {

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
    void aParticipantAnswersEveryStatementAndSeesTheConfirmation() {
        long person = LoanFixtures.beneficiary("Tablette", "Yvette");
        Http social = Http.api(Role.SOCIAL_WORKER);
        long course = Http.json(Fixtures.expect(201, social.postJson("/api/v1/courses",
                Json.createObjectBuilder().add("name", "Tablette " + System.nanoTime()).build()))).getJsonNumber("id").longValue();
        long session = Http.json(Fixtures.expect(201, social.postJson("/api/v1/courses/" + course + "/sessions",
                Json.createObjectBuilder().add("label", "Tablette").add("startsOn", LocalDate.now().toString())
                        .add("endsOn", LocalDate.now().plusWeeks(6).toString()).build()))).getJsonNumber("id").longValue();
        long enrolment = Http.json(Fixtures.expect(201, social.postJson("/api/v1/sessions/" + session + "/enrolments",
                Json.createObjectBuilder().add("beneficiaryId", person).build()))).getJsonNumber("id").longValue();

        String base = TestApp.get().baseUrl();
        driver.get(base + "/enrolments/" + enrolment + "/skills");
        driver.findElement(By.id("username")).sendKeys(TestApp.get().username(Role.SOCIAL_WORKER));
        driver.findElement(By.id("password")).sendKeys(TestApp.PASSWORD);
        submit(driver.findElement(By.cssSelector("form button[type=submit]")));
        assertTrue(driver.getPageSource().contains("Yvette Tablette"));

        List<WebElement> statements = driver.findElements(By.cssSelector("fieldset.scale"));
        assertEquals(9, statements.size(), "eight statements and the feeling of being able");
        assertEquals("Je me sens capable d'utiliser un ordinateur seul.",
                statements.getLast().findElement(By.tagName("legend")).getText());
        // Answer all but the last one, then send: the missing answer is named under its own statement.
        for (WebElement fieldset : statements.subList(0, 8)) {
            WebElement choice = fieldset.findElements(By.cssSelector("label.choice")).get(2);
            assertTrue(choice.getSize().getHeight() >= 44, "touch target of " + choice.getSize().getHeight() + " px");
            choice.click();
        }
        submit(driver.findElement(By.cssSelector(".questionnaire button[type=submit]")));
        WebElement missing = driver.findElements(By.cssSelector("fieldset.scale")).getLast();
        assertEquals("err-capable", missing.getAttribute("aria-describedby"));
        assertEquals("Choisissez une réponse.", driver.findElement(By.id("err-capable")).getText());
        assertTrue(driver.findElements(By.cssSelector("fieldset.scale")).getFirst()
                .findElements(By.cssSelector("input[type=radio]")).get(2).isSelected(), "the answers given are kept");
        assertEquals(0, TestApp.get().count("SELECT count(*) FROM skill_assessments WHERE enrolment_id = " + enrolment));

        missing.findElements(By.cssSelector("label.choice")).get(3).click();
        submit(driver.findElement(By.cssSelector(".questionnaire button[type=submit]")));
        assertEquals("Merci ! Vos réponses du début du parcours sont enregistrées.", Browser.confirmation(driver));
        assertTrue(driver.getPageSource().contains("Fin du parcours."), "the exit questionnaire comes next");
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM skill_assessments WHERE enrolment_id = " + enrolment
                + " AND phase = 'ENTRY' AND mean_level = 3 AND feels_capable = 4"));
    }

    private static void submit(WebElement button) {
        Browser.submit(driver, button);
    }
}
