package fr.parcsolidaire.imports;

import fr.parcsolidaire.Browser;
import fr.parcsolidaire.TestApp;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The import through the running service: the API ({@code POST /api/v1/imports/machines}) and the pages (upload,
 * mapping, dry run, import, result), with the deposits that hold the file between the pages. On a private instance
 * (see {@link ImportsApp}): its 20 000 imported machines stay out of the shared test database.
 */
class ImportRoutesTest {

    private static final String API = "/api/v1/imports/machines";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final Pattern DEPOSIT = Pattern.compile("/imports/machines/([0-9a-f-]{36})");

    private static ImportsApp app;
    private static String techToken;

    @BeforeAll
    static void setUp() {
        app = ImportsApp.start();
        techToken = app.token("i-tech");
    }

    @AfterAll
    static void tearDown() {
        app.close();
    }

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** Everything an import or an upload may write: a refused file must leave each of these as it was. */
    private static List<Long> fingerprint() {
        return List.of(app.count("SELECT count(*) FROM machines"), app.count("SELECT count(*) FROM machine_events"),
                app.count("SELECT count(*) FROM donors"), app.count("SELECT count(*) FROM donations"),
                app.count("SELECT count(*) FROM machine_imports"),
                app.count("SELECT COALESCE(sum(last_value), 0) FROM tag_counters"),
                app.count("SELECT count(*) FROM import_deposits"),
                app.count("SELECT count(*) FROM import_deposits WHERE content IS NULL"));
    }

    private static String today() {
        return LocalDate.now().format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
    }

    @Test
    void tenThousandRowsOfCsvThenOfXlsxAreCheckedThenImportedThroughTheApi() {
        for (String format : List.of("csv", "xlsx")) {
            List<String[]> rows = InventoryFiles.rows(10_000, format + run(), "atelier");
            byte[] file = format.equals("csv") ? InventoryFiles.csv(rows) : InventoryFiles.xlsx(rows);
            String type = format.equals("csv") ? "text/csv" : XLSX;
            List<Long> before = fingerprint();

            HttpResponse<String> dry = app.postFile(API + "?dryRun=true&fileName=inventaire." + format, techToken, file, type);
            assertEquals(200, dry.statusCode(), dry.body());
            JsonObject report = ImportsApp.json(dry.body());
            assertEquals(10_000, report.getInt("machines"));
            assertEquals(0, report.getInt("errors"), dry.body().substring(0, Math.min(2000, dry.body().length())));
            assertTrue(report.getBoolean("importable"));
            assertEquals("A", report.getJsonObject("columns").getString("tag"), "the workshop's numbers, column A");
            assertEquals(before, fingerprint(), "a dry run writes nothing");

            HttpResponse<String> done = app.postFile(API + "?fileName=inventaire." + format, techToken, file, type);
            assertEquals(201, done.statusCode(), done.body().substring(0, Math.min(2000, done.body().length())));
            JsonObject created = ImportsApp.json(done.body());
            long id = created.getJsonNumber("importId").longValue();
            assertEquals(10_000, created.getJsonArray("tags").size());
            List<Long> after = fingerprint();
            assertEquals(before.get(0) + 10_000, after.get(0), format + ": machines");
            assertEquals(before.get(1) + 10_000, after.get(1), format + ": one event per machine");
            assertEquals(before.get(4) + 1, after.get(4), format + ": one import");
            assertEquals(10_000, app.count("SELECT count(*) FROM machine_events WHERE kind = 'IMPORTED' "
                    + "AND (data->>'importId')::bigint = " + id + " AND data->>'fileName' = 'inventaire." + format + "'"));

            HttpResponse<String> again = app.postFile(API + "?fileName=encore." + format, techToken, file, type);
            assertEquals(422, again.statusCode(), "the same file is imported once");
            assertTrue(ImportsApp.json(again.body()).getJsonObject("report").getJsonArray("issues").getJsonObject(0)
                    .getString("message").startsWith("Ce fichier a déjà été importé le "), again.body());
        }
    }

    @Test
    void oneWrongRowRefusesTheWholeFileWithTheReportAndTheMappingComesFromTheQuery() {
        String run = run();
        byte[] file = Samples.utf8(
                "Portable;" + run + "-1;01/02/2025",
                "Écran;" + run + "-2;31/02/2025",
                "Tablette;" + run + "-3;",
                "Grille-pain;" + run + "-4;01/02/2025");
        String mapping = "headerLine=0&type=A&serial=b&receivedOn=3&defaultSite=atelier&defaultDonor=Don%20" + run;
        List<Long> before = fingerprint();
        HttpResponse<String> refused = app.postFile(API + "?fileName=stock.csv&" + mapping, techToken, file, "text/csv");
        assertEquals(422, refused.statusCode(), refused.body());
        JsonObject body = ImportsApp.json(refused.body());
        assertEquals("import_invalid", body.getString("error"));
        assertEquals("Le fichier contient 3 erreurs : rien n'a été importé. Corrigez-les puis relancez l'import.",
                body.getString("message"));
        JsonObject report = body.getJsonObject("report");
        assertEquals(Map.of("type", "A", "serial", "B", "receivedOn", "C"), Map.copyOf(report.getJsonObject("columns")
                .entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                        e -> ((jakarta.json.JsonString) e.getValue()).getString()))));
        JsonObject badDate = report.getJsonArray("issues").getJsonObject(0);
        assertEquals(2, badDate.getInt("line"));
        assertEquals("receivedOn", badDate.getString("field"));
        assertEquals("C", badDate.getString("column"));
        assertEquals("ERROR", badDate.getString("severity"));
        assertEquals(List.of(2, 3, 4), report.getJsonArray("issues").stream()
                .map(i -> i.asJsonObject().getInt("line")).toList());
        assertEquals(before, fingerprint(), "nothing written");

        HttpResponse<String> withDate = app.postFile(API + "?dryRun=true&" + mapping + "&defaultReceivedOn=" + LocalDate.now(),
                techToken, file, "text/csv");
        assertEquals(200, withDate.statusCode(), withDate.body());
        assertEquals(2, ImportsApp.json(withDate.body()).getInt("errors"), "the default date fills row 3");

        HttpResponse<String> badColumn = app.postFile(API + "?dryRun=true&type=%C3%A9", techToken, file, "text/csv");
        assertEquals(400, badColumn.statusCode());
        assertEquals("Colonne inconnue : indiquez sa lettre (A, B, C…) ou laissez vide.",
                ImportsApp.json(badColumn.body()).getJsonObject("fields").getString("type"));
    }

    @Test
    void hostileFilesAreRefusedInFrenchByTheApiAndTheUploadAndLeaveTheDatabaseAsItWas() {
        byte[] longLine = new byte[10 * 1024 * 1024 + 100];
        Arrays.fill(longLine, (byte) 'x');
        byte[] header = "Type;Marque\r\nPortable;".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, longLine, 0, header.length);
        Map<String, byte[]> hostile = new LinkedHashMap<>();
        hostile.put("vide.csv", new byte[0]);
        hostile.put("ligne-10-Mo.csv", longLine);
        hostile.put("utf16-sans-bom.csv", "Type;Site\r\nPortable;atelier\r\n".getBytes(StandardCharsets.UTF_16LE));
        hostile.put("bombe.xlsx", Samples.xlsxBomb(300L * 1024 * 1024));
        hostile.put("photo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0});
        hostile.put("coupé.xlsx", Arrays.copyOf(Samples.xlsxRows(List.of(List.of("Type"), List.of("Portable"))), 300));
        List<String> many = new ArrayList<>(List.of("Type;Site;Donateur;Date"));
        for (int i = 0; i < 60_000; i++) {
            many.add("Portable;atelier;Don;01/01/2025");
        }
        hostile.put("60000-lignes.csv", Samples.utf8(many.toArray(String[]::new)));
        ImportsApp.Session page = app.session("i-tech");
        List<Long> before = fingerprint();
        hostile.forEach((name, bytes) -> {
            for (HttpResponse<String> r : List.of(
                    app.postFile(API + "?dryRun=true&fileName=" + name, techToken, bytes, "application/octet-stream"),
                    app.postFile(API + "?fileName=" + name, techToken, bytes, "application/octet-stream"),
                    page.upload("/imports/machines", name, bytes))) {
                assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, name + ": " + r.statusCode());
                String message = ImportsApp.json(r.body()).getString("message");
                assertTrue(message.endsWith("."), name + ": " + message);
                assertFalse(message.matches("(?s).*(Exception|java\\.|\\bthe\\b|\\berror\\b|\\bfile\\b).*"),
                        name + " is refused in French: " + message);
            }
        });
        assertEquals(before, fingerprint(), "no machine, no import, no deposit");

        String run = run();
        byte[] formulas = Samples.utf8("Type;Marque;Modèle;N° de série;Site;Donateur;Date",
                "Portable;\"=HYPERLINK(\"\"http://evil.example\"\";\"\"clic\"\")\";@SUM(A1:A9);" + run + ";atelier;+Don " + run + ";" + today());
        HttpResponse<String> dry = app.postFile(API + "?dryRun=true&fileName=formules.csv", techToken, formulas, "text/csv");
        assertEquals(200, dry.statusCode(), dry.body());
        assertEquals(List.of("+Don " + run), ImportsApp.json(dry.body()).getJsonArray("donorsToCreate").stream()
                .map(v -> ((jakarta.json.JsonString) v).getString()).toList(), "a formula is text, never computed");
        HttpResponse<String> uploaded = page.upload("/imports/machines", "formules.csv", formulas);
        assertEquals(200, uploaded.statusCode(), uploaded.body());
        HttpResponse<String> mapping = page.get(ImportsApp.json(uploaded.body()).getString("location"));
        assertTrue(mapping.body().contains("<td>=HYPERLINK(\"http://evil.example\";\"clic\")</td><td>@SUM(A1:A9)</td>"),
                "shown as the text it is");
        assertFalse(mapping.body().contains("<a href=\"http://evil.example"));
        assertEquals(before.get(0), fingerprint().get(0));
    }

    @Test
    void aDepositServesItsAuthorOnly() {
        ImportsApp.Session camille = app.session("i-tech");
        ImportsApp.Session sacha = app.session("i-tech2");
        String location = upload(camille, "a-moi.csv", Samples.utf8("Type;Site;Donateur;Date",
                "Écran;atelier;Don " + run() + ";" + today()));
        HttpResponse<String> mine = camille.get(location);
        assertEquals(200, mine.statusCode());
        assertTrue(mine.body().contains("a-moi.csv"));
        for (HttpResponse<String> r : List.of(sacha.get(location), sacha.postForm(location + "/check", Map.of()),
                sacha.postForm(location + "/import", Map.of("mapping", "chosen", "type", "A")),
                sacha.postForm(location + "/abandon", Map.of()))) {
            assertEquals(404, r.statusCode());
            assertTrue(r.body().contains("il a été envoyé par une autre personne"), r.body());
        }
        assertEquals(200, camille.get(location).statusCode(), "still there for its author");
        String id = location.substring(location.lastIndexOf('/') + 1);
        assertEquals(1, app.count("SELECT count(*) FROM import_deposits WHERE id = '" + id + "' AND content IS NOT NULL"));

        HttpResponse<String> abandoned = camille.postForm(location + "/abandon", Map.of());
        assertEquals(303, abandoned.statusCode());
        assertEquals(1, app.count("SELECT count(*) FROM import_deposits WHERE id = '" + id
                + "' AND content IS NULL AND removed_reason = 'ABANDONED'"), "the content goes, the journal stays");
        assertTrue(camille.get(abandoned.headers().firstValue("Location").orElseThrow()).body()
                .contains("id=\"confirmation\">Import abandonné : le fichier envoyé a été effacé."));
    }

    @Test
    void anExpiredDepositIsRemovedAndRefusedInFrench() {
        String id = UUID.randomUUID().toString();
        app.sql("INSERT INTO import_deposits (id, file_name, sha256, bytes, content, created_by, created_at, expires_at) "
                + "SELECT '" + id + "', 'vieux.csv', repeat('a', 64), 4, '\\x54797065'::bytea, id, now() - interval '2 hours', "
                + "now() - interval '1 hour' FROM users WHERE username = 'i-tech'");
        HttpResponse<String> r = app.session("i-tech").get("/imports/machines/" + id);
        assertEquals(410, r.statusCode());
        assertTrue(r.body().contains("Le fichier envoyé a été effacé au bout d'une heure sans import : envoyez-le à nouveau pour reprendre."),
                r.body());
        assertEquals(1, app.count("SELECT count(*) FROM import_deposits WHERE id = '" + id
                + "' AND content IS NULL AND removed_reason = 'EXPIRED' AND removed_at IS NOT NULL"));
        assertEquals(0, app.count("SELECT count(*) FROM import_deposits WHERE content IS NOT NULL AND expires_at <= now()"));
    }

    @Test
    void uploadMappingDryRunImportAndResultOverHttp() {
        String run = run();
        ImportsApp.Session page = app.session("i-tech");
        byte[] file = Samples.utf8("Type;Marque;N° de série;Donateur;Date",
                "Portable;Dell;" + run + "-1;Mairie " + run + ";" + today(),
                "Écran;Iiyama;" + run + "-2;Mairie " + run + ";");
        String location = upload(page, "stock.csv", file);
        HttpResponse<String> mapping = page.get(location);
        assertEquals(200, mapping.statusCode());
        String html = mapping.body();
        assertTrue(html.contains("<option value=\"atelier\" selected>"), "the only site is proposed");
        assertTrue(html.contains("value=\"" + LocalDate.now() + "\""), "today is proposed");
        assertTrue(html.contains("<option value=\"C\" selected>Colonne C · N° de série</option>"), html);
        assertTrue(html.contains("Portable") && html.contains(run + "-2"), "the preview shows the rows");

        Map<String, String> choices = new LinkedHashMap<>(Map.of("mapping", "chosen", "headerLine", "1", "type", "A",
                "brand", "B", "serial", "C", "donor", "D", "receivedOn", "E", "defaultSite", "atelier", "defaultReceivedOn", ""));
        HttpResponse<String> check = page.postForm(location + "/check", choices);
        assertEquals(200, check.statusCode());
        assertTrue(check.body().contains("<a href=\"#ligne-3\">Ligne 3</a>"), "the error is linked to its row");
        assertTrue(check.body().contains("id=\"ligne-3\""));
        assertFalse(check.body().contains("import-button"), "no import while an error remains");

        choices.put("defaultReceivedOn", LocalDate.now().toString());
        HttpResponse<String> ok = page.postForm(location + "/check", choices);
        assertTrue(ok.body().contains("Aucune erreur : 2 machine(s) prêtes à être importées."), ok.body());
        List<Long> before = fingerprint();
        assertEquals(before, fingerprint(), "checking writes nothing");

        HttpResponse<String> imported = page.postForm(location + "/import", choices);
        assertEquals(303, imported.statusCode(), imported.body());
        String result = imported.headers().firstValue("Location").orElseThrow();
        assertTrue(result.matches("/imports/\\d+\\?saved=import-done"), result);
        long importId = Long.parseLong(result.replaceAll("\\D+(\\d+)\\D.*", "$1"));
        HttpResponse<String> resultPage = page.get(result);
        assertEquals(200, resultPage.statusCode());
        assertTrue(resultPage.body().contains("id=\"confirmation\">Import terminé : les machines sont entrées à l'inventaire."));
        assertTrue(resultPage.body().contains("<dd id=\"import-machines\">2</dd>"), "the count, beside the confirmation");
        assertTrue(resultPage.body().contains("Imprimer les étiquettes de cet import"));
        String deposit = location.substring(location.lastIndexOf('/') + 1);
        assertEquals(1, app.count("SELECT count(*) FROM import_deposits WHERE id = '" + deposit + "' AND content IS NULL "
                + "AND removed_reason = 'IMPORTED' AND import_id = " + importId));

        List<String> tags = new ArrayList<>();
        Matcher m = Pattern.compile("href=\"/m/([A-Z]+-\\d{4}-\\d{5})\"").matcher(resultPage.body());
        while (m.find()) {
            tags.add(m.group(1));
        }
        assertEquals(2, tags.size(), resultPage.body());
        HttpResponse<String> labels = page.postForm("/labels/print", Map.of("tags", String.join(" ", tags), "startAt", "1"));
        assertEquals(200, labels.statusCode(), labels.body());
        assertTrue(labels.body().contains(tags.get(1)), "the label run holds the import's tags");
        HttpResponse<String> machine = page.get("/m/" + tags.get(1));
        assertTrue(machine.body().contains("Importée (fichier « stock.csv », ligne 3)"), machine.body());

        HttpResponse<String> twice = page.postForm(location + "/import", choices);
        assertEquals(409, twice.statusCode());
        assertTrue(twice.body().contains("Ce fichier a déjà été importé (import n° " + importId + ")"));
        assertEquals(303, page.get(location).statusCode(), "the deposit's page now leads to the result");
    }

    @Test
    void twoClicksOnImportAtOnceImportTheFileOnceAndTellTheOtherInFrench() throws Exception {
        String run = run();
        ImportsApp.Session page = app.session("i-tech");
        String location = upload(page, "double-clic.csv", Samples.utf8("Type;N° de série;Site;Donateur;Date",
                "Écran;" + run + ";atelier;Don " + run + ";" + today()));
        Map<String, String> choices = Map.of("mapping", "chosen", "headerLine", "1", "type", "A", "serial", "B",
                "site", "C", "donor", "D", "receivedOn", "E");
        long machines = app.count("SELECT count(*) FROM machines");
        List<HttpResponse<String>> answers = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            for (var f : pool.invokeAll(List.<java.util.concurrent.Callable<HttpResponse<String>>>of(
                    () -> page.postForm(location + "/import", choices), () -> page.postForm(location + "/import", choices)))) {
                answers.add(f.get());
            }
        }
        assertEquals(List.of(303, 409), answers.stream().map(HttpResponse::statusCode).sorted().toList());
        HttpResponse<String> loser = answers.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
        assertTrue(loser.body().contains("rien n'a été importé une seconde fois"), loser.body());
        assertEquals(machines + 1, app.count("SELECT count(*) FROM machines"));
    }

    @Test
    void aTechnicianImportsASmallFileInTheBrowser() throws Exception {
        String run = run();
        Path csv = Files.createTempFile("petit-stock", ".csv");
        Files.write(csv, Samples.utf8("Type;Marque;N° de série;Donateur;Date",
                "Portable;Lenovo;" + run + "-B1;Voisins " + run + ";" + today(),
                "Tablette;Samsung;" + run + "-B2;Voisins " + run + ";" + today()));
        WebDriver driver = Browser.start();
        try {
            driver.get(app.baseUrl() + "/imports/machines");
            driver.findElement(By.id("username")).sendKeys("i-tech");
            driver.findElement(By.id("password")).sendKeys(TestApp.PASSWORD);
            submit(driver, driver.findElement(By.cssSelector("form button[type=submit]")));
            driver.findElement(By.id("import-file")).sendKeys(csv.toAbsolutePath().toString());
            driver.findElement(By.xpath("//button[normalize-space()='Envoyer le fichier']")).click();
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.urlMatches(DEPOSIT.pattern()));
            assertTrue(driver.findElement(By.id("preview")).getText().contains(run + "-B2"));
            submit(driver, driver.findElement(By.id("check-button")));
            assertEquals("2", driver.findElement(By.id("report-machines")).getText());
            submit(driver, driver.findElement(By.id("import-button")));
            assertTrue(driver.getCurrentUrl().matches(".*/imports/\\d+"), driver.getCurrentUrl());
            assertEquals("Import terminé : les machines sont entrées à l'inventaire.", Browser.confirmation(driver));
            assertEquals("2", driver.findElement(By.id("import-machines")).getText());
            driver.findElement(By.cssSelector("ul.machines a.tag")).click();
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/m/"));
            assertTrue(driver.findElement(By.tagName("main")).getText().contains("Importée (fichier « " + csv.getFileName() + " », ligne 2)"));
        } finally {
            driver.quit();
            Files.deleteIfExists(csv);
        }
    }

    private static void submit(WebDriver driver, WebElement button) {
        Browser.submit(driver, button);
    }

    private static String upload(ImportsApp.Session session, String name, byte[] file) {
        HttpResponse<String> r = session.upload("/imports/machines", name, file);
        assertEquals(200, r.statusCode(), r.body());
        String location = ImportsApp.json(r.body()).getString("location");
        assertTrue(DEPOSIT.matcher(location).matches(), location);
        return location;
    }
}
