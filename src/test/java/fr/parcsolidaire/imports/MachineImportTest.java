package fr.parcsolidaire.imports;

import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.inventory.DonorKind;
import fr.parcsolidaire.inventory.MachineState;
import fr.parcsolidaire.inventory.MachineType;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The import service against the real PostgreSQL, called directly for what its report and outcome say in detail
 * (every count, every message), the machines it creates then driven over HTTP like any other. The routes, the pages
 * and the hostile files sent over HTTP are {@link ImportRoutesTest}'s. On a private instance: see {@link ImportsApp}.
 */
class MachineImportTest {

    private static ImportsApp app;
    private static MachineImportService service;
    private static User technician;
    private static String techToken;

    @BeforeAll
    static void setUp() {
        app = ImportsApp.start();
        service = app.service();
        technician = app.technician();
        techToken = app.token("i-tech");
        app.sql("INSERT INTO sites (code, name, tag_prefix) VALUES ('nord', 'Antenne Nord', 'NO')");
    }

    @AfterAll
    static void tearDown() {
        app.close();
    }

    /** A donation of laptops taken in through the API, as a technician would: their tags. */
    private static List<String> intake(int count) {
        var machines = Json.createArrayBuilder();
        for (int i = 0; i < count; i++) {
            machines.add(Json.createObjectBuilder().add("type", "LAPTOP").add("serial", "INTAKE-" + UUID.randomUUID()));
        }
        JsonObject body = Json.createObjectBuilder()
                .add("donor", Json.createObjectBuilder().add("name", "Entreprise Test").add("kind", "COMPANY"))
                .add("receivedOn", LocalDate.now().toString()).add("site", "atelier").add("machines", machines).build();
        HttpResponse<String> r = app.post("/api/v1/donations", techToken, body.toString());
        assertEquals(201, r.statusCode(), r.body());
        return ImportsApp.json(r.body()).getJsonArray("machines").stream()
                .map(m -> m.asJsonObject().getString("tag")).toList();
    }

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** What an import may write, counted: machines, events, donors, donations, imports, tag counters. */
    private static List<Long> written() {
        return List.of(app.count("SELECT count(*) FROM machines"), app.count("SELECT count(*) FROM machine_events"),
                app.count("SELECT count(*) FROM donors"), app.count("SELECT count(*) FROM donations"),
                app.count("SELECT count(*) FROM machine_imports"),
                app.count("SELECT COALESCE(sum(last_value), 0) FROM tag_counters"));
    }

    private static ImportRequest request() {
        return ImportRequest.guessed();
    }

    @Test
    void tenThousandRowsDryRunWritesNothingThenOneCommitCreatesThemAll() {
        String run = run();
        List<String[]> rows = InventoryFiles.rows(10_000, run, "atelier");
        byte[] file = InventoryFiles.csv(rows);
        List<Long> before = written();

        ImportPreview preview = service.preview("inventaire.csv", file);
        assertEquals("CSV, séparateur point-virgule, encodage Windows-1252", preview.source());
        assertEquals(10_001, preview.rows());
        assertEquals(9, preview.guessed().columns().size(), "every column of the header recognised");

        ImportReport dry = service.dryRun("inventaire.csv", file, request(), technician);
        assertEquals(before, written(), "a dry run writes nothing");
        assertEquals(10_000, dry.rows());
        assertEquals(10_000, dry.machines());
        assertEquals(0, dry.errors(), () -> dry.issues().toString());
        assertTrue(dry.importable());

        Map<MachineType, Integer> byType = new EnumMap<>(MachineType.class);
        Map<MachineState, Integer> byState = new EnumMap<>(MachineState.class);
        Set<String> donations = new HashSet<>();
        int formerNumbers = 0;
        for (String[] r : rows) {
            MachineType type = Vocabulary.type(r[1]).orElseThrow();
            MachineState declared = r[5].isEmpty() ? MachineState.RECEIVED : Vocabulary.state(r[5]).orElseThrow();
            byType.merge(type, 1, Integer::sum);
            byState.merge(declared == MachineState.READY && type.holdsData() ? MachineState.IN_RECONDITIONING : declared,
                    1, Integer::sum);
            donations.add(r[7] + "|" + r[8]);
            formerNumbers += r[0].isEmpty() ? 0 : 1;
        }
        assertEquals(byType, dry.byType());
        assertEquals(byState, dry.byState());
        assertEquals(Map.of("Atelier Parc Solidaire", 10_000), dry.bySite());
        assertEquals(InventoryFiles.DONORS, dry.donorsToCreate().size());
        assertEquals(InventoryFiles.DONORS, dry.byDonor().size());
        assertEquals(donations.size(), dry.donations());
        assertEquals(0, dry.tagsKept());
        assertEquals(10_000, dry.tagsAllocated());
        int heldBack = (int) rows.stream().filter(r -> r[5].equals("Prête")
                && Vocabulary.type(r[1]).orElseThrow().holdsData()).count();
        assertEquals(heldBack, dry.heldBack());
        assertEquals(heldBack + formerNumbers, dry.warnings(), "one warning per former number and per held-back machine");
        assertEquals(ImportReport.MAX_ISSUES, dry.issues().size(), "the list stops at a thousand; the counts go on");
        assertTrue(dry.issuesCut());

        ImportOutcome done = service.commit("inventaire.csv", file, request(), technician);
        assertEquals(10_000, done.tags().size());
        assertEquals(10_000, new HashSet<>(done.tags()).size());
        List<Long> after = written();
        assertEquals(before.get(0) + 10_000, after.get(0), "machines");
        assertEquals(before.get(1) + 10_000, after.get(1), "one IMPORTED event per machine, nothing else");
        assertEquals(before.get(2) + InventoryFiles.DONORS, after.get(2), "donors created once by name");
        assertEquals(before.get(3) + donations.size(), after.get(3), "one donation per donor, date and site");
        assertEquals(before.get(4) + 1, after.get(4), "one journal entry");

        long id = done.importId();
        assertEquals(10_000, app.count("SELECT count(*) FROM machine_events WHERE kind = 'IMPORTED' AND data->>'importId' = '" + id + "'"));
        assertEquals(0, app.count("SELECT count(*) FROM machines m JOIN machine_events e ON e.machine_id = m.id "
                + "WHERE e.kind = 'IMPORTED' AND e.data->>'importId' = '" + id + "' AND (e.to_state <> m.state OR e.from_state IS NOT NULL)"),
                "each machine is in the state its IMPORTED event records");
        assertEquals(heldBack, app.count("SELECT count(*) FROM machine_events WHERE kind = 'IMPORTED' AND data->>'importId' = '" + id
                + "' AND data->>'declaredState' = 'READY' AND note LIKE 'Déclarée « Prête » dans le fichier importé%'"));
        assertEquals(formerNumbers, app.count("SELECT count(*) FROM machine_events WHERE kind = 'IMPORTED' AND data->>'importId' = '"
                + id + "' AND data->>'previousTag' LIKE 'ANC-%'"));
        assertEquals(1, app.count("SELECT count(*) FROM machines WHERE serial = '" + run + "-3' AND model = 'Modèle é 3' "
                + "AND brand = 'Fujitsu' AND type = 'TABLET' AND state = 'IN_RECONDITIONING'"), "row 5 of the file, accents intact");
        assertEquals(1, app.count("SELECT count(*) FROM machines m JOIN donations d ON d.id = m.donation_id "
                + "JOIN donors o ON o.id = d.donor_id WHERE m.serial = '" + run + "-41' AND d.received_on = DATE '2024-02-11' "
                + "AND o.name = 'Donateur " + run + " n° 1' AND o.kind = 'COMPANY'"));
        assertEquals(1, app.count("SELECT count(*) FROM machine_imports WHERE id = " + id + " AND machines = 10000 "
                + "AND rows = 10000 AND donors_created = 40 AND sha256 = '" + MachineImportService.sha256(file) + "'"));
    }

    @Test
    void oneBadRowRefusesTheWholeFileAndSaysWhy() {
        String run = run();
        String takenSerial = "SN-" + run;
        String takenTag = intake(1).getFirst();
        app.sql("UPDATE machines SET serial = '" + takenSerial + "' WHERE tag = '" + takenTag + "'");
        byte[] file = Samples.utf8("Type;N° de série;N° d'inventaire;Site;Donateur;Date",
                "Portable;" + run + "-ok;;atelier;Don " + run + ";01/02/2025",
                "portable;" + takenSerial.toLowerCase() + ";;atelier;Don " + run + ";01/02/2025",
                "Écran;;" + takenTag + ";atelier;Don " + run + ";01/02/2025",
                "Écran;;NO-2025-00001;atelier;Don " + run + ";01/02/2025");
        List<Long> before = written();
        ImportReport dry = service.dryRun("stock.csv", file, request(), technician);
        assertEquals(List.of(
                RowIssue.error(3, ImportField.SERIAL, "Ce numéro de série est déjà enregistré pour la machine " + takenTag + "."),
                RowIssue.error(4, ImportField.TAG, "Le numéro d'inventaire " + takenTag + " est déjà porté par une autre machine."),
                RowIssue.error(5, ImportField.TAG, "Le numéro d'inventaire NO-2025-00001 porte le préfixe NO du site « Antenne Nord » ; "
                        + "les machines du site « Atelier Parc Solidaire » sont numérotées PS-AAAA-NNNNN.")), dry.issues());
        assertEquals(1, dry.machines());
        assertEquals(3, dry.rowsWithErrors());
        assertFalse(dry.importable());

        ImportRejected refused = assertThrows(ImportRejected.class, () -> service.commit("stock.csv", file, request(), technician));
        assertEquals(422, refused.status().code());
        assertEquals("Le fichier contient 3 erreurs : rien n'a été importé. Corrigez-les puis relancez l'import.", refused.getMessage());
        assertEquals(dry.issues(), refused.report().issues());
        assertEquals(before, written(), "nothing written, not even the donor or a tag counter");
    }

    @Test
    void theSameFileIsNotImportedTwiceEvenByTwoPeopleAtOnce() throws Exception {
        byte[] file = InventoryFiles.csv(50, run(), "atelier");
        List<Long> before = written();
        Callable<Object> commit = () -> {
            try {
                return service.commit("deux-fois.csv", file, request(), technician);
            } catch (ImportRejected e) {
                return e;
            }
        };
        List<Object> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<Object>> both = pool.invokeAll(List.of(commit, commit));
            for (Future<Object> f : both) {
                results.add(f.get());
            }
        }
        assertEquals(1, results.stream().filter(r -> r instanceof ImportOutcome).count(), results.toString());
        ImportRejected second = (ImportRejected) results.stream().filter(r -> r instanceof ImportRejected).findFirst().orElseThrow();
        assertTrue(second.report().issues().getFirst().message().startsWith("Ce fichier a déjà été importé le "),
                second.report().issues().toString());
        assertEquals(before.get(0) + 50, written().get(0));
        ImportReport again = service.dryRun("autre-nom.csv", file, request(), technician);
        assertFalse(again.importable());
        assertTrue(again.issues().getFirst().message().contains("par Camille Technicienne (import n° "),
                again.issues().getFirst().message());
    }

    @Test
    void keptTagsStayAndAreNeverHandedOutAgain() {
        int year = LocalDate.now().getYear();
        long counter = app.count("SELECT COALESCE(max(last_value), 0) FROM tag_counters WHERE prefix = 'PS' AND year = " + year);
        String kept = String.format("PS-%d-%05d", year, counter + 3);
        String run = run();
        byte[] file = Samples.utf8("N° d'inventaire;Type;Site;Donateur;Date",
                kept + ";Portable;atelier;Don " + run + ";" + LocalDate.now().format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")),
                ";Portable;atelier;Don " + run + ";" + LocalDate.now().format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")));
        ImportOutcome done = service.commit("tags.csv", file, request(), technician);
        assertEquals(kept, done.tags().get(0));
        assertEquals(String.format("PS-%d-%05d", year, counter + 4), done.tags().get(1), "allocated after the kept tag");
        List<String> next = intake(5);
        assertTrue(next.stream().noneMatch(t -> t.equals(kept) || done.tags().contains(t)), next.toString());
    }

    @Test
    void anImportedMachineMeetsTheErasureGateLikeAnyOther() {
        String run = run();
        byte[] file = Samples.utf8("Type;N° de série;État;Site;Donateur;Date",
                "Portable;" + run + "-L;Prête;atelier;Don " + run + ";03/03/2025",
                "Écran;" + run + "-E;Prête;atelier;Don " + run + ";03/03/2025");
        ImportOutcome done = service.commit("pretes.csv", file, request(), technician);
        HttpResponse<String> page = app.get("/api/v1/machines/" + done.tags().get(0), techToken);
        assertEquals(200, page.statusCode(), page.body());
        JsonObject laptop = ImportsApp.json(page.body());
        assertEquals("IN_RECONDITIONING", laptop.getString("state"));
        JsonObject imported = laptop.getJsonArray("events").getJsonObject(0);
        assertEquals("IMPORTED", imported.getString("kind"));
        assertEquals("IN_RECONDITIONING", imported.getString("to"));
        assertTrue(imported.getString("note").startsWith("Déclarée « Prête » dans le fichier importé"));
        assertEquals(1, laptop.getJsonArray("events").size());

        var quality = Json.createObjectBuilder();
        for (String item : List.of("boots", "keyboard", "screen", "wifi", "sound", "webcam", "battery", "ports")) {
            quality.add(item, "OK");
        }
        HttpResponse<String> ready = app.post("/api/v1/machines/" + done.tags().get(0) + "/transitions", techToken,
                Json.createObjectBuilder().add("to", "READY").add("quality", quality).build().toString());
        assertEquals(409, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("aucun support déclaré"), ready.body());

        JsonObject screen = ImportsApp.json(app.get("/api/v1/machines/" + done.tags().get(1), techToken).body());
        assertEquals("READY", screen.getString("state"), "a screen holds no data: ready as declared");
    }

    @Test
    void formulasAreImportedAsTextAndDefusedWhenExported() {
        String run = run();
        app.sql("INSERT INTO sites (code, name, tag_prefix) VALUES ('formules', 'Site formules', 'FX')");
        byte[] file = Samples.utf8("Type;Marque;Modèle;N° de série;Site;Donateur;Date",
                "Portable;\"=HYPERLINK(\"\"http://evil.example\"\";\"\"clic\"\")\";@SUM(A1:A9);" + run + ";formules;+Don " + run + ";03/03/2003");
        ImportOutcome done = service.commit("formules.csv", file, request(), technician);
        assertEquals(1, app.count("SELECT count(*) FROM machines WHERE tag = '" + done.tags().getFirst()
                + "' AND brand = '=HYPERLINK(\"http://evil.example\";\"clic\")' AND model = '@SUM(A1:A9)'"), "stored as typed");
        HttpResponse<String> csv = app.get("/reports/machines.csv?site=formules&from=2003-03-01&to=2003-03-31",
                app.token("i-coord"));
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.body().contains("'=HYPERLINK(\"\"http://evil.example\"\";\"\"clic\"\")"), csv.body());
        assertTrue(csv.body().contains("'@SUM(A1:A9)"), csv.body());
        assertTrue(csv.body().contains("'+Don " + run), csv.body());
    }

    @Test
    void aWorkbookWithExcelDatesAndAChosenMapping() {
        String run = run();
        byte[] xlsx = Samples.xlsx((wb, ws) -> {
            ws.value(0, 0, "Matos");
            ws.value(0, 1, "Reçu le");
            ws.value(0, 2, "Qui");
            ws.value(1, 0, "Tablette");
            Samples.date(ws, 1, 1, LocalDate.of(2025, 6, 30), "d mmmm yyyy");
            ws.value(1, 2, "Voisin " + run);
            ws.value(2, 0, "Téléphone");
            Samples.date(ws, 2, 1, LocalDate.of(2025, 7, 1), null);
            ws.value(2, 2, "Voisin " + run);
        });
        ImportPreview preview = service.preview("classeur.xlsx", xlsx);
        assertEquals("Classeur Excel (XLSX)", preview.source());
        assertEquals(List.of("Tablette", "2025-06-30", "Voisin " + run), preview.sample().get(1).cells());
        ColumnMapping chosen = new ColumnMapping(1, Map.of(ImportField.TYPE, 0, ImportField.RECEIVED_ON, 1, ImportField.DONOR, 2));
        ImportRequest request = new ImportRequest(chosen, "nord", null, DonorKind.RESIDENT, null);
        ImportReport dry = service.dryRun("classeur.xlsx", xlsx, request, technician);
        assertEquals(List.of(), dry.issues());
        assertEquals(List.of("Voisin " + run), dry.donorsToCreate());
        assertEquals(2, dry.donations());
        ImportOutcome done = service.commit("classeur.xlsx", xlsx, request, technician);
        assertTrue(done.tags().getFirst().startsWith("NO-2025-"), done.tags().toString());
        assertEquals(2, app.count("SELECT count(*) FROM machines m JOIN donations d ON d.id = m.donation_id "
                + "JOIN donors o ON o.id = d.donor_id WHERE o.name = 'Voisin " + run + "' AND o.kind = 'RESIDENT' "
                + "AND d.received_on IN (DATE '2025-06-30', DATE '2025-07-01') AND m.site_id = d.site_id"));
        assertEquals(1, app.count("SELECT count(*) FROM machine_imports WHERE id = " + done.importId()
                + " AND mapping->'columns'->>'TYPE' = '0' AND mapping->>'defaultSite' = 'nord' AND source = 'Classeur Excel (XLSX)'"));
    }

    @Test
    void existingDonorsAreReusedByName() {
        String run = run();
        byte[] first = Samples.utf8("Type;Donateur;Site;Date", "Écran;Mairie " + run + ";atelier;01/01/2025");
        service.commit("a.csv", first, request(), technician);
        byte[] second = Samples.utf8("Type;Donateur;Site;Date", "Écran;MAIRIE  " + run.toUpperCase() + ";atelier;01/01/2025",
                "Écran;mairie " + run + ";atelier;02/01/2025");
        ImportReport dry = service.dryRun("b.csv", second, request(), technician);
        assertEquals(List.of(), dry.donorsToCreate());
        assertEquals(Map.of("Mairie " + run, 2), dry.byDonor(), "named as recorded");
        service.commit("b.csv", second, request(), technician);
        assertEquals(1, app.count("SELECT count(*) FROM donors WHERE lower(name) = lower('Mairie " + run + "')"));
    }

    @Test
    void aMappingWithoutTypeOrWithOneColumnTwiceIsRefusedBeforeTheRows() {
        byte[] file = Samples.utf8("Marque;Modèle", "Dell;Latitude");
        ImportReport dry = service.dryRun("sans-type.csv", file, request(), technician);
        assertEquals(List.of(RowIssue.error(0, ImportField.TYPE,
                "Indiquez la colonne qui contient le type de matériel (portable, écran, imprimante…).")), dry.issues());
        ColumnMapping twice = new ColumnMapping(1, Map.of(ImportField.TYPE, 0, ImportField.BRAND, 0, ImportField.MODEL, 7));
        ImportReport bad = service.dryRun("sans-type.csv", file, request().withMapping(twice), technician);
        assertEquals(2, bad.errors());
        assertTrue(bad.issues().stream().anyMatch(i -> i.message().equals(
                "La colonne H choisie pour « Modèle » est vide dans tout le fichier.")), bad.issues().toString());
        assertTrue(bad.issues().stream().anyMatch(i -> i.message().startsWith("La colonne A ne peut servir à la fois")),
                bad.issues().toString());
        assertNull(bad.issues().stream().filter(i -> i.line() > 0).findFirst().orElse(null), "rows are not checked");
    }
}
