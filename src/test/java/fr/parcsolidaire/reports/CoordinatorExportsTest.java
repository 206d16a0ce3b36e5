package fr.parcsolidaire.reports;

import fr.parcsolidaire.Http;
import fr.parcsolidaire.PdfText;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import fr.parcsolidaire.platform.http.Route;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 12, item 4: the "< 5" rule held on the dashboard but the coordinator's CSV/XLSX export listed one
 * row per person ("3;UNDER_26;STUDENT;Aubervilliers"). Every file a coordinator can download, found in the
 * route catalogue rather than listed by hand, is read back and must hold aggregates only.
 *
 * ReportFixture's people: six served, five aged 26 to 44 and one 60 to 74; three job seekers, three on RSA;
 * five from Villeurbanne and one from Bron (so "Bron" must never appear: a commune of fewer than 5 people).
 */
class CoordinatorExportsTest {

    private static ReportFixture world;

    @BeforeAll
    static void setUp() {
        world = ReportFixture.build();
    }

    @Test
    void everyFileACoordinatorCanDownloadHoldsOnlyProtectedAggregates() {
        Http coordinator = Http.api(Role.COORDINATOR);
        List<String> checked = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Route route : TestApp.get().app().guard().routes()) {
            String path = route.path();
            boolean document = path.endsWith(".csv") || path.endsWith(".xlsx") || path.endsWith(".pdf");
            if (!route.method().equals("GET") || !document || !Role.COORDINATOR.can(route.permission())) {
                continue;
            }
            String concrete = path.replace("{id}", Long.toString(world.donationA)).replace("{tag}", world.laptops.getFirst());
            HttpResponse<byte[]> r = coordinator.getBytes(concrete + "?site=" + world.site);
            assertEquals(200, r.statusCode(), concrete);
            checked.add(concrete);
            if (concrete.endsWith(".pdf")) {
                failures.addAll(pdfLeaks(concrete, PdfText.of(r.body())));
            } else {
                failures.addAll(tableLeaks(concrete, concrete.endsWith(".csv") ? csv(r.body()) : xlsx(r.body())));
            }
        }
        assertTrue(checked.stream().anyMatch(p -> p.endsWith(".csv")) && checked.stream().anyMatch(p -> p.endsWith(".xlsx")),
                "the coordinator still has spreadsheets: " + checked);
        if (!failures.isEmpty()) {
            fail("checked " + checked + "\n" + String.join("\n", failures));
        }
    }

    @Test
    void perPersonExportsAreForAdministratorsAndEachDownloadIsJournaled() {
        String admin = TestApp.get().username(Role.ADMIN);
        String journal = "SELECT count(*) FROM beneficiary_access_log l JOIN users u ON u.id = l.actor_id WHERE u.username = '"
                + admin + "' AND l.action = 'EXPORT' AND l.beneficiary_id IS NULL AND l.detail LIKE '%attributions%'";
        for (String path : List.of("/reports/assignments.csv", "/reports/assignments.xlsx")) {
            String url = path + "?site=" + world.site;
            assertEquals(403, Http.api(Role.COORDINATOR).getBytes(url).statusCode(), "coordinator " + path);
            assertEquals(403, Http.browser(Role.COORDINATOR).getBytes(url).statusCode(), "coordinator page " + path);
            long before = TestApp.get().count(journal);
            HttpResponse<byte[]> r = Http.api(Role.ADMIN).getBytes(url);
            assertEquals(200, r.statusCode(), path);
            List<List<String>> rows = path.endsWith(".csv") ? csv(r.body()) : xlsx(r.body());
            assertEquals(7, rows.size(), "header + one row per assignment of the fixture");
            assertTrue(rows.getFirst().contains("Tranche d'âge"), "the per-person columns stay for administrators");
            assertEquals(before + 1, TestApp.get().count(journal), "each download leaves one line in the audit log");
        }
    }

    /** A per-person row carries a person's profile (age bracket and situation together) or a count of 1 to 4. */
    private static List<String> tableLeaks(String file, List<List<String>> rows) {
        List<String> leaks = new ArrayList<>();
        for (List<String> row : rows) {
            boolean age = row.stream().anyMatch(AGES::contains);
            boolean situation = row.stream().anyMatch(SITUATIONS::contains);
            boolean people = age || situation || row.stream().anyMatch(c -> c.contains("commune") || c.contains("Bénéficiaires")
                    || c.equals("Villeurbanne"));
            if (age && situation) {
                leaks.add(file + ": one row per person " + row);
            }
            if (row.stream().anyMatch(c -> c.contains("Bron"))) {
                leaks.add(file + ": names a commune of fewer than 5 people " + row);
            }
            if (people && row.stream().anyMatch(CoordinatorExportsTest::smallNumber)) {
                leaks.add(file + ": a count from 1 to 4 about people " + row);
            }
        }
        return leaks;
    }

    private static List<String> pdfLeaks(String file, String text) {
        List<String> leaks = new ArrayList<>();
        if (text.contains("Bron")) {
            leaks.add(file + ": names a commune of fewer than 5 people");
        }
        List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if ((AGES.contains(lines.get(i)) || SITUATIONS.contains(lines.get(i))) && smallNumber(lines.get(i + 1))) {
                leaks.add(file + ": " + lines.get(i) + " " + lines.get(i + 1));
            }
        }
        return leaks;
    }

    private static boolean smallNumber(String cell) {
        String c = cell.strip().replaceAll("\\.0+$", "");
        return c.matches("[1-4]");
    }

    private static final Set<String> AGES = new HashSet<>();
    private static final Set<String> SITUATIONS = new HashSet<>();

    static {
        PeopleLabels.AGE_BRACKETS.forEach((code, label) -> {
            AGES.add(code);
            AGES.add(label);
        });
        PeopleLabels.SITUATIONS.forEach((code, label) -> {
            SITUATIONS.add(code);
            SITUATIONS.add(label);
        });
    }

    static List<List<String>> csv(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try {
            List<List<String>> rows = new ArrayList<>();
            for (CSVRecord r : CSVFormat.RFC4180.builder().setDelimiter(';').get().parse(new StringReader(text))) {
                rows.add(r.toList());
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<List<String>> xlsx(byte[] bytes) {
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(bytes))) {
            List<List<String>> rows = new ArrayList<>();
            for (Row row : wb.getFirstSheet().read()) {
                List<String> cells = new ArrayList<>();
                for (Cell c : row) {
                    cells.add(c == null || c.getRawValue() == null ? "" : c.getRawValue());
                }
                rows.add(cells);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
