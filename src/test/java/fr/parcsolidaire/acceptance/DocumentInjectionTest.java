package fr.parcsolidaire.acceptance;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.PdfText;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile text typed into a beneficiary's and a machine's fields comes out literally and inert everywhere it
 * is shown: escaped in HTML, plain text in the contract, personal-data and donor-pack PDFs (no script, no link),
 * and a defused formula (leading ') in the CSV and XLSX exports.
 */
class DocumentInjectionTest {

    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String SQL = "Robert'); DROP TABLE beneficiaries;--";
    private static final String FORMULA = "=HYPERLINK(\"http://evil\")";

    private static String tag;
    private static long donation;
    private static long person;
    private static long assignment;

    @BeforeAll
    static void hostileRecords() {
        Http tech = Http.api(Role.TECHNICIAN);
        HttpResponse<String> r = Fixtures.expect(201, tech.postJson("/api/v1/donations", Json.createObjectBuilder()
                .add("donor", Json.createObjectBuilder().add("name", SQL).add("kind", "COMPANY"))
                .add("receivedOn", LocalDate.now().toString()).add("site", "atelier")
                .add("machines", Json.createArrayBuilder().add(Json.createObjectBuilder().add("type", "LAPTOP")
                        .add("brand", FORMULA).add("model", SCRIPT).add("serial", "INJ-" + UUID.randomUUID())))
                .build()));
        donation = Http.json(r).getJsonNumber("id").longValue();
        tag = Http.json(r).getJsonArray("machines").getJsonObject(0).getString("tag");
        String ssd = "SSD-" + UUID.randomUUID();
        Fixtures.expect(200, Fixtures.transition(tech, tag, Json.createObjectBuilder().add("to", "IN_DIAGNOSIS").build()));
        Fixtures.expect(200, Fixtures.transition(tech, tag, Json.createObjectBuilder().add("to", "IN_RECONDITIONING").add("grade", "B")
                .add("ramGb", 8).add("storage", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("kind", "SSD").add("capacityGb", 256).add("serial", ssd))).build()));
        Fixtures.expect(201, tech.postJson("/api/v1/machines/" + tag + "/erasures", Json.createObjectBuilder().add("device", ssd)
                .add("method", "PURGE").add("tool", "nwipe").add("passes", 1).add("verified", true).add("result", "PASS").build()));
        Fixtures.expect(200, Fixtures.transition(tech, tag, Json.createObjectBuilder().add("to", "READY")
                .add("quality", Fixtures.allChecksOk()).build()));

        Http social = Http.api(Role.SOCIAL_WORKER);
        JsonObject body = Json.createObjectBuilder().add("lastName", SCRIPT).add("firstName", SQL).add("commune", FORMULA)
                .add("postcode", "93200").add("ageBracket", "FROM_45_TO_59").add("situation", "JOB_SEEKER")
                .add("referringStructure", FORMULA).add("gdprNoticeOn", LocalDate.now().toString()).build();
        person = Http.json(Fixtures.expect(201, social.postJson("/api/v1/beneficiaries", body))).getJsonNumber("id").longValue();
        assignment = Http.json(Fixtures.expect(201, social.postJson("/api/v1/assignments", Json.createObjectBuilder()
                .add("machineTag", tag).add("beneficiaryId", person).add("kind", "LOAN")
                .add("dueOn", LocalDate.now().plusMonths(2).toString())
                .add("accessories", Json.createArrayBuilder().add(FORMULA).add(SCRIPT)).build())))
                .getJsonNumber("id").longValue();
    }

    @Test
    void beneficiaryAndAssignmentPagesShowTheTextEscaped() {
        Http browser = Http.browser(Role.SOCIAL_WORKER);
        for (String page : List.of("/beneficiaries/" + person, "/beneficiaries/" + person + "/edit", "/assignments/" + assignment,
                "/beneficiaries", "/m/" + tag, "/assignments")) {
            HttpResponse<String> html = browser.get(page);
            assertEquals(200, html.statusCode(), page);
            assertFalse(html.body().contains(SCRIPT), page + " shows the script raw");
            assertTrue(html.body().contains("&lt;script"), page + " shows the text escaped");
            assertFalse(html.body().toLowerCase().contains("<script>alert"), page);
        }
        String fiche = browser.get("/beneficiaries/" + person).body();
        assertTrue(fiche.contains("DROP TABLE beneficiaries;--"), "the SQL is shown as a name");
        assertTrue(fiche.contains("=HYPERLINK(\"http://evil\")") || fiche.contains("=HYPERLINK(&#34;http://evil&#34;)"), fiche);
        assertFalse(fiche.contains("href=\"http://evil"));
        assertTrue(TestApp.get().count("SELECT count(*) FROM beneficiaries") > 0, "table still there");
    }

    @Test
    void contractAndPersonalDataPdfsCarryTheTextLiterallyAndInert() {
        Http social = Http.api(Role.SOCIAL_WORKER);
        HttpResponse<byte[]> contract = social.getBytes("/api/v1/assignments/" + assignment + "/contract.pdf");
        assertEquals(200, contract.statusCode());
        String text = PdfText.of(contract.body());
        for (String s : List.of(SCRIPT, SQL, FORMULA)) {
            assertTrue(text.contains(s), "contract lacks " + s + ": " + text);
        }
        inert(contract.body());
        HttpResponse<byte[]> personal = Http.browser(Role.SOCIAL_WORKER).getBytes("/beneficiaries/" + person + "/personal-data.pdf");
        assertEquals(200, personal.statusCode());
        String data = PdfText.of(personal.body());
        for (String s : List.of(SCRIPT, SQL, FORMULA)) {
            assertTrue(data.contains(s), "personal data lacks " + s + ": " + data);
        }
        inert(personal.body());
        JsonObject json = Http.json(Fixtures.expect(200, social.get("/api/v1/beneficiaries/" + person + "/personal-data")));
        assertTrue(json.toString().contains("DROP TABLE beneficiaries"));
    }

    @Test
    void donorPackPdfsCarryBrandAndModelLiterally() {
        Http coordinator = Http.browser(Role.COORDINATOR);
        for (String doc : List.of("receipt", "erasure-certificate", "outcomes")) {
            HttpResponse<byte[]> pdf = coordinator.getBytes("/donations/" + donation + "/" + doc + ".pdf");
            assertEquals(200, pdf.statusCode(), doc);
            String text = PdfText.of(pdf.body());
            assertTrue(text.contains(SCRIPT) || text.contains(FORMULA) || text.contains(SQL), doc + ": " + text);
            inert(pdf.body());
        }
        String receipt = PdfText.of(coordinator.getBytes("/donations/" + donation + "/receipt.pdf").body());
        assertTrue(receipt.contains(SQL), receipt);
    }

    @Test
    void exportsDefuseFormulasAndKeepTheRestLiteral() throws Exception {
        Http coordinator = Http.browser(Role.COORDINATOR);
        String machines = new String(coordinator.getBytes("/reports/machines.csv").body(), StandardCharsets.UTF_8);
        String row = machines.lines().filter(l -> l.contains(tag)).findFirst().orElseThrow(() -> new AssertionError(machines));
        assertTrue(row.contains("'=HYPERLINK(\"\"http://evil\"\")"), row);
        assertFalse(row.matches(".*(^|;)\"?=HYPERLINK.*"), "no cell starts with =: " + row);
        assertTrue(row.contains(SCRIPT), row);
        // The per-person export is for administrators (issue 12, item 4).
        Http admin = Http.browser(Role.ADMIN);
        String assignments = new String(admin.getBytes("/reports/assignments.csv").body(), StandardCharsets.UTF_8);
        String loan = assignments.lines().filter(l -> l.startsWith(assignment + ";") || l.startsWith("\"" + assignment + "\""))
                .findFirst().orElseThrow(() -> new AssertionError(assignments));
        assertTrue(loan.contains("'=HYPERLINK("), loan);
        assertFalse(loan.contains("DROP TABLE") || loan.contains("script"), "no names in the export: " + loan);

        for (String export : List.of("/reports/machines.xlsx", "/reports/assignments.xlsx")) {
            HttpResponse<byte[]> xlsx = (export.contains("assignments") ? admin : coordinator).getBytes(export);
            assertEquals(200, xlsx.statusCode());
            List<String> cells = new ArrayList<>();
            try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx.body()));
                 var rows = wb.getFirstSheet().openStream()) {
                rows.forEach((Row r) -> r.forEach(c -> cells.add(c == null ? "" : c.getRawValue() == null ? "" : c.getRawValue())));
            }
            assertTrue(cells.contains("'" + FORMULA), export + " " + cells.stream().filter(c -> c.contains("HYPERLINK")).toList());
            assertFalse(cells.contains(FORMULA), export);
            assertTrue(cells.stream().noneMatch(c -> c.startsWith("=")), export);
        }
    }

    /** No JavaScript, no link, no launch action anywhere in the file: the text is only text. */
    private static void inert(byte[] pdf) {
        String raw = new String(pdf, StandardCharsets.ISO_8859_1);
        for (String key : List.of("/JavaScript", "/JS ", "/JS(", "/Launch", "/URI")) {
            assertFalse(raw.contains(key), "PDF holds " + key);
        }
    }
}
