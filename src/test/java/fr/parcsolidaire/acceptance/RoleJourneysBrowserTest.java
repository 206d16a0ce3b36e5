package fr.parcsolidaire.acceptance;

import fr.parcsolidaire.Axe;
import fr.parcsolidaire.Browser;
import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.demo.DemoLoad;
import fr.parcsolidaire.platform.security.Role;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each role through Debian's Chromium at the size it works on (issue 17): it logs in, lands on its home page and does
 * its main task through the pages, with axe-core run on every page it meets (no serious or critical violation) and
 * the confirmation of every save focused. Together the four journeys check more than 25 pages.
 */
class RoleJourneysBrowserTest {

    private static final List<String> PAGES = new CopyOnWriteArrayList<>();
    private static final Set<String> TOUCH = Set.of("a", "button", "input", "select", "summary", "textarea");

    private WebDriver driver;
    private Axe axe;
    private final List<String> problems = new ArrayList<>();

    @BeforeAll
    static void demoData() {
        DemoLoad.once();
    }

    @AfterAll
    static void enoughPages() {
        if (PAGES.size() > 0) {
            assertTrue(PAGES.size() >= 25, "axe ran on " + PAGES.size() + " pages: " + PAGES);
        }
    }

    @Test
    void theTechnicianTakesADonationInAndWalksAMachineToReadyOnAPhone() {
        journey(Role.TECHNICIAN, 390, 844, () -> {
            assertTrue(text("main").contains("File de l'atelier"), "the workshop queue");
            touchTargets();
            click(By.linkText("Enregistrer un don de matériel"));
            check();
            touchTargets();
            WebElement newDonor = driver.findElement(By.cssSelector("[data-new-donor]"));
            List<WebElement> donors = new Select(driver.findElement(By.id("donorId"))).getOptions();
            if (donors.size() > 1) {
                new Select(driver.findElement(By.id("donorId"))).selectByIndex(1);
                assertFalse(newDonor.isDisplayed(), "an existing donor needs no new donor's fields");
                new Select(driver.findElement(By.id("donorId"))).selectByValue("new");
            }
            assertTrue(newDonor.isDisplayed());
            driver.findElement(By.id("donor.name")).sendKeys("Collège Jean Moulin");
            new Select(driver.findElement(By.id("donor.kind"))).selectByValue("PUBLIC_BODY");
            ((JavascriptExecutor) driver).executeScript("window.samePage = true;");
            driver.findElement(By.cssSelector("button[data-add-rows]")).click();
            assertEquals(8, driver.findElements(By.cssSelector("[data-row]")).size(), "five more rows");
            assertEquals(true, ((JavascriptExecutor) driver).executeScript("return window.samePage === true;"), "no reload");
            assertEquals("machines[3].type", driver.switchTo().activeElement().getAttribute("id"), "the place is kept");
            new Select(driver.findElement(By.id("machines[0].type"))).selectByValue("LAPTOP");
            driver.findElement(By.id("machines[0].brand")).sendKeys("HP");
            driver.findElement(By.id("machines[0].model")).sendKeys("ProBook 450 G8");
            driver.findElement(By.id("machines[0].serial")).sendKeys("5CD" + UUID.randomUUID().toString().substring(0, 8));
            new Select(driver.findElement(By.id("machines[4].type"))).selectByValue("SCREEN");
            driver.findElement(By.id("machines[4].serial")).sendKeys("CN" + UUID.randomUUID().toString().substring(0, 8));
            click(By.xpath("//button[normalize-space()='Enregistrer le don']"));
            confirmed("Don de matériel enregistré");
            String tag = driver.findElement(By.cssSelector("ul.machines strong.tag")).getText();
            check();

            click(By.linkText("Accueil"));
            WebElement scan = driver.findElement(By.id("q"));
            scan.sendKeys(tag.toLowerCase(), Keys.ENTER);
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/m/" + tag));
            check();
            touchTargets();
            assertEquals(6, driver.findElements(By.cssSelector("ol.steps > li")).size(), "the ordered checklist");
            step("Commencer le diagnostic", () -> { });
            step("Enregistrer le diagnostic et passer en reconditionnement", () -> {
                fill("to-IN_RECONDITIONING-cpu", "Intel Core i5-1135G7");
                fill("to-IN_RECONDITIONING-ramGb", "8");
                choose("to-IN_RECONDITIONING-grade", "B");
                choose("to-IN_RECONDITIONING-storage[0].kind", "NVME");
                fill("to-IN_RECONDITIONING-storage[0].capacityGb", "256");
                fill("to-IN_RECONDITIONING-storage[0].serial", "NV" + tag);
            });
            WebElement next = driver.findElement(By.cssSelector("ol.steps details[open] summary"));
            assertEquals("Enregistrer un effacement ou une destruction du support", next.getText(), "the next step is open");
            assertEquals("", new Select(driver.findElement(By.id("erasure-result"))).getFirstSelectedOption()
                    .getAttribute("value"), "the erasure result never defaults to a failure");
            step("Enregistrer un effacement ou une destruction du support", () -> {
                choose("erasure-method", "PURGE");
                fill("erasure-tool", "nwipe 0.35");
                choose("erasure-result", "PASS");
                driver.findElement(By.id("erasure-verified")).click();
            });
            step("Système installé", () -> fill("os-osName", "Linux Mint"));
            step("Contrôle qualité : déclarer prête", () -> {
                for (String item : List.of("boots", "keyboard", "screen", "wifi", "sound", "webcam", "battery", "ports")) {
                    choose("to-READY-quality." + item, "OK");
                }
            });
            assertEquals("Prête", driver.findElement(By.id("state")).getText());
            click(By.linkText("Machines"));
            check();
            click(By.linkText("Scanner"));
            check();
        });
    }

    @Test
    void theSocialWorkerAssignsSignsAndTakesBackALoanOnATablet() {
        String tag = Fixtures.readyMachine();
        journey(Role.SOCIAL_WORKER, 1024, 768, () -> {
            assertTrue(text("main").contains("Prêts à rendre") && text("main").contains("Documents à signer"));
            click(By.linkText("Bénéficiaires"));
            check();
            driver.get(TestApp.get().baseUrl() + "/beneficiaries/new");
            check();
            fill("b-lastName", "Morel");
            fill("b-firstName", "Ginette");
            fill("b-commune", "Stains");
            fill("b-postcode", "93240");
            choose("b-ageBracket", "FROM_60_TO_74");
            choose("b-situation", "RETIRED");
            date("b-gdprNoticeOn", LocalDate.now());
            click(By.xpath("//button[normalize-space()='Enregistrer']"));
            confirmed("Bénéficiaire enregistré.");
            String person = driver.getCurrentUrl().replaceAll(".*/beneficiaries/(\\d+).*", "$1");
            check();

            driver.get(TestApp.get().baseUrl() + "/m/" + tag);
            check();
            click(By.linkText("Attribuer cette machine"));
            check();
            assertTrue(driver.findElement(By.id("machine-" + tag)).isSelected(), "the scanned machine is picked");
            choose("a-beneficiaryId", person);
            date("a-dueOn", LocalDate.now().plusMonths(3));
            driver.findElement(By.cssSelector("label[for='acc-Chargeur']")).click();
            click(By.xpath("//button[normalize-space()='Attribuer et générer le document']"));
            confirmed("Machine attribuée");
            assertTrue(text("#signature").contains("Pas encore signé"));
            check();

            click(By.linkText("Signer à l'écran"));
            check();
            for (String pad : List.of("sig-beneficiary", "sig-staff")) {
                WebElement canvas = driver.findElement(By.id(pad));
                new Actions(driver).moveToElement(canvas, -80, 0).clickAndHold().moveByOffset(60, 20).moveByOffset(60, -25)
                        .release().perform();
            }
            click(By.xpath("//button[normalize-space()='Valider les signatures']"));
            confirmed("Document signé à l'écran enregistré.");
            assertTrue(text("#signature").contains("Signé à l'écran"), text("#signature"));
            assertTrue(driver.findElements(By.linkText("Signer à l'écran")).isEmpty(), "« Signer » only while unsigned");
            check();

            openStep("Enregistrer la restitution");
            choose("return-condition", "WORN");
            driver.findElement(By.cssSelector("label[for='missing-Chargeur']")).click();
            click(By.xpath("//button[normalize-space()='Enregistrer la restitution']"));
            confirmed("Restitution enregistrée.");
            String details = text("#return-details");
            assertTrue(details.contains("Usure normale") && details.contains("Accessoires manquants : Chargeur"), details);
            check();
            click(By.linkText("Attributions"));
            check();
        });
    }

    @Test
    void theCoordinatorReadsTheDashboardAndAnExportInFrenchOnADesktop() throws Exception {
        journey(Role.COORDINATOR, 1440, 900, () -> {
            assertTrue(text("main").contains("Ce mois-ci"));
            click(By.linkText("Tableau de bord"));
            check();
            long main = (Long) ((JavascriptExecutor) driver).executeScript(
                    "return Math.round(document.querySelector('main').getBoundingClientRect().width);");
            assertTrue(main > 1200, "the dashboard uses the screen's width: " + main);
            assertFalse(text("main").contains("app.impact"), "no developer notes");
            click(By.linkText("Machines"));
            check();
            click(By.linkText("Attributions"));
            check();
            click(By.linkText("Parcours"));
            check();
        });
        Http coordinator = Http.browser(Role.COORDINATOR);
        byte[] xlsx = coordinator.getBytes("/reports/machines.xlsx").body();
        List<String> cells = new ArrayList<>();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx));
             Stream<Row> rows = wb.getFirstSheet().openStream()) {
            rows.forEach(r -> r.forEach(c -> cells.add(c == null ? "" : c.getText())));
        }
        assertTrue(cells.contains("Ordinateur portable") && cells.contains("Prête"), "French values");
        assertTrue(cells.stream().noneMatch(c -> c.matches("LAPTOP|DESKTOP|READY|ASSIGNED|COMPANY|PUBLIC_BODY|RESIDENT")),
                cells.stream().filter(c -> c.matches("[A-Z_]{4,}")).collect(Collectors.toSet()).toString());
        String csv = new String(coordinator.getBytes("/reports/figures.csv").body(), StandardCharsets.UTF_8);
        assertTrue(csv.contains("Remises en don"), csv);
    }

    @Test
    void theAdministratorSeesAccountsAuditAndHealth() {
        journey(Role.ADMIN, 1440, 900, () -> {
            assertTrue(text("main").contains("État du service"));
            click(By.linkText("Gérer les comptes"));
            check();
            click(By.cssSelector("ul.machines li a"));
            check();
            click(By.linkText("Journal RGPD"));
            check();
        });
    }

    /** The check is not vacuous: a page with the faults axe must catch fails it, and is not counted. */
    @Test
    void axeCatchesAMissingLabelAndAnImageWithoutText() {
        WebDriver browser = Browser.start(390, 844);
        try {
            browser.get("data:text/html;charset=utf-8,<html lang=fr><title>t</title><main><img src=x.png>"
                    + "<input id=n><p style='color:%23bbb;background:%23fff'>gris clair</p></main></html>");
            Axe faults = new Axe(browser);
            faults.check();
            String found = String.join("\n", faults.violations());
            assertTrue(found.contains("image-alt") && found.contains("label") && found.contains("color-contrast"), found);
        } finally {
            browser.quit();
        }
    }

    // --- the journey's frame

    private void journey(Role role, int width, int height, Runnable path) {
        driver = Browser.start(width, height);
        axe = new Axe(driver);
        try {
            driver.get(TestApp.get().baseUrl() + "/login");
            check();
            driver.findElement(By.id("username")).sendKeys(TestApp.get().username(role));
            driver.findElement(By.id("password")).sendKeys(TestApp.PASSWORD);
            click(By.cssSelector("form button[type=submit]"));
            assertEquals(TestApp.get().baseUrl() + "/", driver.getCurrentUrl(), "lands on its home page");
            assertEquals("page", driver.findElement(By.linkText("Accueil")).getAttribute("aria-current"));
            check();
            path.run();
        } finally {
            PAGES.addAll(axe.pages());
            driver.quit();
        }
        problems.addAll(axe.violations());
        assertTrue(problems.isEmpty(), role + " :\n" + String.join("\n", problems));
    }

    private void check() {
        axe.check();
    }

    /** WCAG 2.5.5 on the phone: every control of the page is 44 px high at least (links inside sentences aside). */
    @SuppressWarnings("unchecked")
    private void touchTargets() {
        List<String> small = (List<String>) ((JavascriptExecutor) driver).executeScript("""
                const out = [];
                document.querySelectorAll('nav a, nav button, main button, main select, main summary, main .button,'
                    + ' main input:not([type=hidden]):not([type=checkbox]):not([type=radio]), main label.check,'
                    + ' main ul.machines a, main ol.queue a').forEach(e => {
                  const r = e.getBoundingClientRect();
                  if (r.width > 0 && r.height < 43.5) out.push(e.tagName + ' « ' + e.textContent.trim().slice(0, 40) + ' » ' + r.height);
                });
                return out;""");
        small.forEach(s -> problems.add(driver.getCurrentUrl() + " : touch target " + s));
    }

    private void click(By by) {
        Browser.clickToNewPage(driver, by);
    }

    /** The confirmation is focused, alone, and gone from the address (Browser.confirmation). */
    private void confirmed(String expected) {
        String text = Browser.confirmation(driver);
        assertTrue(text.contains(expected), text);
    }

    private void step(String summary, Runnable fill) {
        WebElement details = openStep(summary);
        fill.run();
        Browser.submit(driver, details.findElement(By.cssSelector("form button[type=submit]")));
        confirmed("enregistr");
        check();
    }

    private WebElement openStep(String summary) {
        WebElement s = driver.findElement(By.xpath("//summary[normalize-space()=\"" + summary + "\"]"));
        WebElement details = s.findElement(By.xpath(".."));
        if (details.getAttribute("open") == null) {
            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", s);
            s.click();
        }
        return details;
    }

    private String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    private void fill(String id, String value) {
        WebElement e = driver.findElement(By.id(id));
        e.clear();
        e.sendKeys(value);
    }

    private void choose(String id, String value) {
        new Select(driver.findElement(By.id(id))).selectByValue(value);
    }

    private void date(String id, LocalDate value) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", driver.findElement(By.id(id)),
                value.toString());
    }
}
