package fr.parcsolidaire.inventory;

import fr.parcsolidaire.Browser;
import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hardware on the machine page: lshw uploaded from the page, specs corrected with their before and after. */
class MachineSpecsTest {

    private final Http tech = Http.api(Role.TECHNICIAN);

    @Test
    void aCorrectionThroughTheApiIsOneEventWithBeforeAndAfter() {
        String tag = diagnosed();
        JsonObject m = Fixtures.expect(200, tech.postJson("/api/v1/machines/" + tag + "/specs", Json.createObjectBuilder()
                .add("ramGb", 16).add("webcam", false).add("cpu", "Intel Core i5-8250U").add("note", "Barrette ajoutée").build()))
                .body().transform(b -> Json.createReader(new java.io.StringReader(b)).readObject());
        assertEquals(16, m.getJsonNumber("ramGb").intValue());
        assertFalse(m.getBoolean("webcam"));
        assertEquals(14, m.getJsonNumber("screenInches").intValue(), "a field not sent keeps its value");
        JsonObject event = m.getJsonArray("events").getJsonObject(m.getJsonArray("events").size() - 1);
        assertEquals("SPECS_CORRECTED", event.getString("kind"));
        assertEquals("Barrette ajoutée", event.getString("note"));
        JsonArray changes = event.getJsonObject("data").getJsonArray("changes");
        assertEquals(2, changes.size(), "the CPU did not change: " + changes);
        JsonObject ram = changes.getJsonObject(0);
        assertEquals("ramGb", ram.getString("field"));
        assertEquals(8, ram.getJsonNumber("before").intValue());
        assertEquals(16, ram.getJsonNumber("after").intValue());
        assertTrue(changes.getJsonObject(1).isNull("before"));

        String page = Http.browser(Role.COORDINATOR).get("/m/" + tag).body();
        assertTrue(page.contains("Caractéristiques corrigées"), page);
        assertTrue(page.contains("Mémoire (Go) : 8 → 16"));
        assertTrue(page.contains("Webcam : non renseigné → non"));
        assertTrue(page.contains("<dt>Webcam</dt><dd>non</dd>"));
        assertFalse(page.contains("action=\"/m/" + tag + "/specs\""), "a read-only role sees no correction form");

        HttpResponse<String> same = tech.postJson("/api/v1/machines/" + tag + "/specs", Json.createObjectBuilder().add("ramGb", "16,0").build());
        assertEquals(400, same.statusCode());
        assertTrue(Http.json(same).getString("message").contains("Aucune caractéristique n'a changé"));
        HttpResponse<String> bad = tech.postJson("/api/v1/machines/" + tag + "/specs", Json.createObjectBuilder()
                .add("batteryHealth", 140).add("ramGb", 8).build());
        assertEquals(400, bad.statusCode());
        assertTrue(Http.json(bad).getJsonObject("fields").getString("batteryHealth").contains("comprise entre 0 et 100"));
        assertEquals(16, Http.json(tech.get("/api/v1/machines/" + tag)).getJsonNumber("ramGb").intValue(), "nothing partly written");
        for (Role reader : java.util.List.of(Role.SOCIAL_WORKER, Role.COORDINATOR)) {
            assertEquals(403, Http.api(reader).postJson("/api/v1/machines/" + tag + "/specs",
                    Json.createObjectBuilder().add("ramGb", 4).build()).statusCode(), reader + " reads the inventory only");
        }
    }

    @Test
    void twoTechniciansCorrectingTheSamePageAtOnceOneWinsTheOtherGetsA409() {
        String tag = diagnosed();
        Http first = Http.browser(Role.TECHNICIAN);
        Http second = Http.browser(Role.ADMIN);
        String seen = lastEvent(first.get("/m/" + tag).body());
        assertEquals(seen, lastEvent(second.get("/m/" + tag).body()));

        HttpResponse<String> won = first.postForm("/m/" + tag + "/specs", Map.of("lastEvent", seen, "batteryHealth", "71"));
        assertEquals(303, won.statusCode(), won.body());
        assertEquals("/m/" + tag + "?saved=specs", won.headers().firstValue("Location").orElseThrow());
        assertTrue(java.util.regex.Pattern.compile("<p [^>]*role=\"status\"[^>]*>Caractéristiques corrigées")
                .matcher(first.get("/m/" + tag + "?saved=specs").body()).find(), "the confirmation in the layout's status region");

        HttpResponse<String> lost = second.postForm("/m/" + tag + "/specs", Map.of("lastEvent", seen, "batteryHealth", "65"));
        assertEquals(409, lost.statusCode());
        assertTrue(lost.body().contains("a changé entre-temps"), lost.body());
        assertEquals(71, Http.json(tech.get("/api/v1/machines/" + tag)).getInt("batteryHealth"));
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM machine_events e JOIN machines m ON m.id = e.machine_id "
                + "WHERE m.tag = '" + tag + "' AND e.kind = 'SPECS_CORRECTED'"));

        HttpResponse<String> invalid = first.postForm("/m/" + tag + "/specs", Map.of("lastEvent", lastEvent(first.get("/m/" + tag).body()),
                "ramGb", "beaucoup"));
        assertEquals(400, invalid.statusCode());
        assertTrue(invalid.body().contains("id=\"specs-ramGb-error\"") && invalid.body().contains("aria-describedby=\"specs-ramGb-error\""));
    }

    @Test
    void lshwUploadedFromTheMachinePageFillsTheSpecs() throws Exception {
        String tag = Fixtures.intake(1).getFirst();
        Path file = Files.createTempFile("lshw-", ".json");
        file.toFile().deleteOnExit();
        try (InputStream in = getClass().getResourceAsStream("/lshw-laptop.json")) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        WebDriver driver = Browser.start();
        try {
            String base = TestApp.get().baseUrl();
            driver.get(base + "/m/" + tag);
            driver.findElement(By.id("username")).sendKeys(TestApp.get().username(Role.TECHNICIAN));
            driver.findElement(By.id("password")).sendKeys(TestApp.PASSWORD);
            driver.findElement(By.cssSelector("form button[type=submit]")).click();
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/m/" + tag));
            driver.findElement(By.cssSelector("#hardware summary")).click();
            driver.findElement(By.id("lshw-file")).sendKeys(file.toAbsolutePath().toString());
            driver.findElement(By.xpath("//button[normalize-space()='Importer']")).click();
            // The upload lands on the machine page with its confirmation; app.js then takes "saved=" out of the address.
            String saved = new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(WebDriverException.class).until(d ->
                    d.getCurrentUrl().endsWith("/m/" + tag) && !d.findElements(By.cssSelector("[role=status]#confirmation")).isEmpty()
                            ? d.findElement(By.cssSelector("[role=status]#confirmation")).getText() : null);
            assertEquals("Sortie de lshw importée : caractéristiques et supports de stockage mis à jour.", saved);
            String text = driver.findElement(By.tagName("main")).getText();
            assertTrue(text.contains("Sortie de lshw importée"), text);
            assertTrue(text.contains("Intel(R) Core(TM) i5-8350U CPU @ 1.70GHz"));
            assertTrue(text.contains("S41GNX0M123456"), "the NVMe disk is listed");

            // A file that is not lshw output: the page says why and stays.
            Path wrong = Files.createTempFile("notes-", ".json");
            wrong.toFile().deleteOnExit();
            Files.writeString(wrong, "{\"hello\": \"world\"}");
            driver.findElement(By.cssSelector("#hardware summary")).click();
            driver.findElement(By.id("lshw-file")).sendKeys(wrong.toAbsolutePath().toString());
            driver.findElement(By.xpath("//button[normalize-space()='Importer']")).click();
            String status = new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> {
                String s = d.findElement(By.cssSelector("#hardware [data-upload-status]")).getText();
                return s.contains("lshw") && !s.startsWith("Envoi") ? s : null;
            });
            assertEquals("Ce JSON ne ressemble pas à la sortie de « lshw -json ».", status);
        } finally {
            driver.quit();
        }
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM machine_events e JOIN machines m ON m.id = e.machine_id "
                + "WHERE m.tag = '" + tag + "' AND e.kind = 'HARDWARE_IMPORT'"));
    }

    /** A machine through diagnosis: 8 GB, 14-inch screen, one SSD. */
    private String diagnosed() {
        String tag = Fixtures.intake(1).getFirst();
        Fixtures.expect(200, Fixtures.transition(tech, tag, Json.createObjectBuilder().add("to", "IN_DIAGNOSIS").build()));
        Fixtures.expect(200, Fixtures.transition(tech, tag, Json.createObjectBuilder().add("to", "IN_RECONDITIONING")
                .add("grade", "B").add("ramGb", 8).add("screenInches", 14).add("batteryHealth", 80)
                .add("cpu", "Intel Core i5-8250U").build()));
        return tag;
    }

    private static String lastEvent(String html) {
        var m = java.util.regex.Pattern.compile("name=\"lastEvent\" value=\"(\\d+)\"").matcher(html);
        assertTrue(m.find(), "the correction form carries the last event seen");
        return m.group(1);
    }
}
