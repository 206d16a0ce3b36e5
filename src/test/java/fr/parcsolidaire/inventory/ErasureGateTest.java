package fr.parcsolidaire.inventory;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.PdfText;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import fr.parcsolidaire.platform.sql.Statements;
import fr.parcsolidaire.loans.LoanFixtures;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static fr.parcsolidaire.Fixtures.expect;
import static fr.parcsolidaire.Fixtures.transition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, item 9: no machine that can hold data becomes READY, is handed over, or leaves the workshop as
 * SCRAPPED or PARTS until each storage device is erased (verified) or destroyed, or a technician has stated, in
 * the journal, that it holds none. The donor's erasure certificate lists every machine of the donation.
 */
class ErasureGateTest {

    private static final String NO_STORAGE = "aucun support déclaré : déclarez les supports ou l'absence de support";

    private final Http tech = Http.api(Role.TECHNICIAN);

    private static JsonObject to(String state) {
        return Json.createObjectBuilder().add("to", state).build();
    }

    private static JsonObject ready() {
        return Json.createObjectBuilder().add("to", "READY").add("quality", Fixtures.allChecksOk()).build();
    }

    private static JsonObject scrap() {
        return Json.createObjectBuilder().add("to", "SCRAPPED").add("weightKg", 2.2).add("channel", "Ecosystem").build();
    }

    private static JsonObject harvest() {
        return Json.createObjectBuilder().add("to", "PARTS").add("harvested", "RAM, écran").build();
    }

    private JsonObject machine(String tag) {
        return Http.json(expect(200, tech.get("/api/v1/machines/" + tag)));
    }

    /** The statement in force, as the API shows it (absent like every other empty field of the machine). */
    private JsonObject noStorage(String tag) {
        JsonObject m = machine(tag);
        return m.containsKey("noStorage") && !m.isNull("noStorage") ? m.getJsonObject("noStorage") : null;
    }

    private List<String> kinds(String tag) {
        return machine(tag).getJsonArray("events").stream().map(e -> e.asJsonObject().getString("kind")).toList();
    }

    private HttpResponse<String> statement(String tag, String note) {
        return tech.postJson("/api/v1/machines/" + tag + "/no-storage", Json.createObjectBuilder().add("note", note).build());
    }

    /** A laptop diagnosed without any storage device: the case the gate let through. */
    private String diagnosedWithoutStorage() {
        String tag = Fixtures.intake(1).getFirst();
        expect(200, transition(tech, tag, to("IN_DIAGNOSIS")));
        expect(200, transition(tech, tag, Json.createObjectBuilder().add("to", "IN_RECONDITIONING").add("grade", "B").build()));
        return tag;
    }

    private String diagnosedWith(String serial, String model) {
        String tag = Fixtures.intake(1).getFirst();
        expect(200, transition(tech, tag, to("IN_DIAGNOSIS")));
        expect(200, transition(tech, tag, Json.createObjectBuilder().add("to", "IN_RECONDITIONING").add("grade", "B")
                .add("storage", Json.createArrayBuilder().add(Json.createObjectBuilder().add("kind", "HDD")
                        .add("capacityGb", 500).add("serial", serial).add("model", model))).build()));
        return tag;
    }

    private void erase(String tag, String device, String method) {
        expect(201, tech.postJson("/api/v1/machines/" + tag + "/erasures", Json.createObjectBuilder().add("device", device)
                .add("method", method).add("tool", method.equals("DESTROY") ? "Broyeur HSM" : "nwipe 0.34")
                .add("passes", method.equals("DESTROY") ? 0 : 1).add("verified", true).add("result", "PASS").build()));
    }

    private static String message(HttpResponse<String> r) {
        return Http.json(r).getString("message");
    }

    @Test
    void aLaptopWithoutStorageDevicesCannotBecomeReadyUntilATechnicianStatesItHoldsNone() {
        String tag = diagnosedWithoutStorage();
        HttpResponse<String> refused = transition(tech, tag, ready());
        assertEquals(409, refused.statusCode(), refused.body());
        assertEquals("La machine ne peut pas être déclarée prête : " + NO_STORAGE + ".", message(refused));
        assertEquals("IN_RECONDITIONING", machine(tag).getString("state"));
        assertNull(noStorage(tag));

        HttpResponse<String> made = statement(tag, "Disque retiré et détruit par le donateur");
        assertEquals(201, made.statusCode(), made.body());
        JsonObject said = Http.json(made).getJsonObject("noStorage");
        assertEquals("Disque retiré et détruit par le donateur", said.getString("note"));
        assertEquals(TestApp.get().username(Role.TECHNICIAN), said.getString("by"));
        assertTrue(said.getString("at").startsWith(LocalDate.now().toString().substring(0, 4)), said.toString());
        assertEquals("NO_STORAGE", kinds(tag).getLast());

        expect(200, transition(tech, tag, ready()));
        assertEquals("READY", machine(tag).getString("state"));
        assertEquals("Disque retiré et détruit par le donateur", noStorage(tag).getString("note"));
    }

    @Test
    void everyTypeThatCanHoldDataIsGatedAndPrintersOnlyWhenADiskIsDeclared() {
        for (String type : List.of("DESKTOP", "TABLET", "PHONE")) {
            String tag = intake(type).tags().getFirst();
            expect(200, transition(tech, tag, to("IN_DIAGNOSIS")));
            expect(200, transition(tech, tag, Json.createObjectBuilder().add("to", "IN_RECONDITIONING").add("grade", "A").build()));
            HttpResponse<String> r = transition(tech, tag, ready());
            assertEquals(409, r.statusCode(), type);
            assertTrue(message(r).contains(NO_STORAGE), type);
        }
        for (String type : List.of("SCREEN", "ACCESSORY", "PRINTER")) {
            String tag = intake(type).tags().getFirst();
            expect(200, transition(tech, tag, to("IN_DIAGNOSIS")));
            expect(200, transition(tech, tag, Json.createObjectBuilder().add("to", "IN_RECONDITIONING").add("grade", "A").build()));
            expect(200, transition(tech, tag, ready()));
        }
        // A printer declared at diagnosis with a disk (copiers and office printers keep scans and print jobs).
        String printer = intake("PRINTER").tags().getFirst();
        expect(200, transition(tech, printer, to("IN_DIAGNOSIS")));
        expect(200, transition(tech, printer, Json.createObjectBuilder().add("to", "IN_RECONDITIONING").add("grade", "B")
                .add("storage", Json.createArrayBuilder().add(Json.createObjectBuilder().add("kind", "HDD")
                        .add("serial", "PRN-HDD-" + printer).add("model", "Toshiba MQ01"))).build()));
        HttpResponse<String> r = transition(tech, printer, scrap());
        assertEquals(409, r.statusCode());
        assertTrue(message(r).contains("PRN-HDD-" + printer + " (Toshiba MQ01)"), message(r));
        erase(printer, "PRN-HDD-" + printer, "DESTROY");
        expect(200, transition(tech, printer, scrap()));
    }

    @Test
    void scrappingAndHarvestingNeedTheSameProofAsReady() {
        String received = Fixtures.intake(1).getFirst();
        HttpResponse<String> r = transition(tech, received, scrap());
        assertEquals(409, r.statusCode());
        assertEquals("La machine ne peut pas partir au recyclage : " + NO_STORAGE + ".", message(r));
        expect(201, statement(received, "Aucun support : baie du disque vide à la réception"));
        expect(200, transition(tech, received, scrap()));
        assertEquals("SCRAPPED", machine(received).getString("state"));

        String serial = "HDD-" + UUID.randomUUID();
        String tag = diagnosedWith(serial, "WD Blue");
        r = transition(tech, tag, harvest());
        assertEquals(409, r.statusCode());
        assertEquals("La machine ne peut pas être démontée pour pièces : effacement vérifié ou destruction manquant pour "
                + serial + " (WD Blue).", message(r));
        // A statement cannot stand in for a disk that is on record and not erased.
        r = statement(tag, "aucun support");
        assertEquals(409, r.statusCode());
        assertTrue(message(r).contains(serial + " (WD Blue)"), message(r));
        assertFalse(kinds(tag).contains("NO_STORAGE"));
        // The destruction record: an erasure with method DESTROY, passed and checked.
        erase(tag, serial, "DESTROY");
        expect(200, transition(tech, tag, harvest()));
        assertEquals("PARTS", machine(tag).getString("state"));
    }

    @Test
    void theStatementIsValidatedAndOnlyMadeInTheWorkshop() {
        String tag = diagnosedWithoutStorage();
        long events = TestApp.get().count("SELECT count(*) FROM machine_events");
        HttpResponse<String> r = tech.postJson("/api/v1/machines/" + tag + "/no-storage", "{}");
        assertEquals(400, r.statusCode());
        assertEquals("Ce champ est obligatoire.", Http.json(r).getJsonObject("fields").getString("note"));
        r = statement(tag, "x".repeat(501));
        assertEquals(400, r.statusCode());
        assertTrue(Http.json(r).getJsonObject("fields").getString("note").contains("500"), r.body());
        assertEquals(events, TestApp.get().count("SELECT count(*) FROM machine_events"), "nothing written");
        assertEquals(404, statement("PS-1999-00001", "aucun support").statusCode());

        String readyTag = Fixtures.readyMachine();
        r = statement(readyTag, "aucun support");
        assertEquals(409, r.statusCode());
        assertEquals("La machine est « Prête » : cette opération se fait en atelier.", message(r));
        assertEquals(403, Http.api(Role.SOCIAL_WORKER).postJson("/api/v1/machines/" + tag + "/no-storage",
                "{\"note\":\"aucun support\"}").statusCode());
        assertEquals(201, Http.api(Role.ADMIN).postJson("/api/v1/machines/" + tag + "/no-storage",
                "{\"note\":\"aucun support\"}").statusCode());
    }

    @Test
    void aStorageDeviceAddedAfterTheStatementRevokesItInTheJournalAndMustThenBeErased() {
        String tag = diagnosedWithoutStorage();
        expect(201, statement(tag, "aucun support"));
        String serial = "SSD-" + UUID.randomUUID();
        expect(201, tech.postJson("/api/v1/machines/" + tag + "/storage", Json.createObjectBuilder()
                .add("kind", "SSD").add("capacityGb", 128).add("serial", serial).add("model", "Kingston A400").build()));
        assertNull(noStorage(tag), "the statement no longer stands");
        JsonObject m = machine(tag);
        JsonObject revoked = m.getJsonArray("events").getJsonObject(m.getJsonArray("events").size() - 1);
        assertEquals("NO_STORAGE_REVOKED", revoked.getString("kind"));
        assertTrue(revoked.getString("note").contains(serial), revoked.toString());

        HttpResponse<String> r = transition(tech, tag, ready());
        assertEquals(409, r.statusCode());
        assertEquals("La machine ne peut pas être déclarée prête : effacement vérifié ou destruction manquant pour "
                + serial + " (Kingston A400).", message(r));
        erase(tag, serial, "PURGE");
        expect(200, transition(tech, tag, ready()));

        // Disks found by an lshw import revoke a statement as well.
        String other = diagnosedWithoutStorage();
        expect(201, statement(other, "aucun support"));
        String lshw = resource("/lshw-laptop.json");
        expect(200, tech.postJson("/api/v1/machines/" + other + "/hardware", lshw));
        assertNull(noStorage(other));
        assertEquals("NO_STORAGE_REVOKED", kinds(other).getLast());
        assertEquals(409, transition(tech, other, ready()).statusCode());
    }

    @Test
    void theScanMemoryForgetsARecordWhenAStatementOrItsRevocationIsWrittenAnywhere() {
        String tag = diagnosedWithoutStorage();
        assertNull(noStorage(tag));
        // Written by another instance or by psql: the V12 trigger on machine_events announces the new kinds too.
        TestApp.get().sql("INSERT INTO machine_events (machine_id, kind, actor_id, note) SELECT id, 'NO_STORAGE', "
                + "(SELECT id FROM users WHERE username = '" + TestApp.get().username(Role.TECHNICIAN) + "'), "
                + "'aucun support (autre instance)' FROM machines WHERE tag = '" + tag + "'");
        assertEquals("aucun support (autre instance)", noStorage(tag).getString("note"));
        TestApp.get().sql("INSERT INTO machine_events (machine_id, kind, actor_id, note) SELECT id, 'NO_STORAGE_REVOKED', "
                + "(SELECT id FROM users WHERE username = '" + TestApp.get().username(Role.TECHNICIAN) + "'), "
                + "'annulée' FROM machines WHERE tag = '" + tag + "'");
        assertNull(noStorage(tag));
        assertEquals(409, transition(tech, tag, ready()).statusCode(), "the gate reads the same journal");
    }

    @Test
    void aMachineThatSlippedThroughTheHoleIsNotHandedOver() {
        // READY without any storage device nor statement: what the old gate let through. Written as it was then.
        String tag = Fixtures.intake(1).getFirst();
        for (String[] step : new String[][] {{"RECEIVED", "IN_DIAGNOSIS"}, {"IN_DIAGNOSIS", "IN_RECONDITIONING"},
                {"IN_RECONDITIONING", "READY"}}) {
            TestApp.get().sql("INSERT INTO machine_events (machine_id, kind, from_state, to_state, actor_id) SELECT id, "
                    + "'TRANSITION', '" + step[0] + "', '" + step[1] + "', (SELECT id FROM users WHERE username = '"
                    + TestApp.get().username(Role.TECHNICIAN) + "') FROM machines WHERE tag = '" + tag + "'");
        }
        long person = LoanFixtures.beneficiary("Gate", "Test");
        long assignments = TestApp.get().count("SELECT count(*) FROM assignments");
        HttpResponse<String> r = Http.api(Role.SOCIAL_WORKER).postJson("/api/v1/assignments", Json.createObjectBuilder()
                .add("machineTag", tag).add("beneficiaryId", person).add("kind", "LOAN")
                .add("dueOn", LocalDate.now().plusMonths(2).toString()).build());
        assertEquals(409, r.statusCode(), r.body());
        assertEquals("La machine ne peut pas être remise : " + NO_STORAGE + ".", message(r));
        assertEquals(assignments, TestApp.get().count("SELECT count(*) FROM assignments"), "nothing written");
        assertEquals("READY", machine(tag).getString("state"));
    }

    @Test
    void afterAReturnTheStatementMustBeMadeAgainLikeTheErasure() {
        String tag = diagnosedWithoutStorage();
        expect(201, statement(tag, "aucun support"));
        expect(200, transition(tech, tag, ready()));
        long loan = LoanFixtures.loan(tag, LoanFixtures.beneficiary("Retour", "Test"));
        expect(200, Http.api(Role.SOCIAL_WORKER).postJson("/api/v1/assignments/" + loan + "/return",
                "{\"condition\":\"GOOD\"}"));
        assertEquals("IN_DIAGNOSIS", machine(tag).getString("state"));
        assertNull(noStorage(tag), "a statement made before the loan does not cover what came back");
        expect(200, transition(tech, tag, Json.createObjectBuilder().add("to", "IN_RECONDITIONING").add("grade", "B").build()));
        HttpResponse<String> r = transition(tech, tag, ready());
        assertEquals(409, r.statusCode());
        assertEquals("La machine ne peut pas être déclarée prête : aucun support déclaré depuis la dernière attribution : "
                + "déclarez les supports ou l'absence de support.", message(r));
        expect(201, statement(tag, "aucun support, vérifié au retour"));
        expect(200, transition(tech, tag, ready()));
    }

    /**
     * The gate reads its facts in one statement since issue 18 (a loan's round trips): on machines in each case it
     * tells apart, the statement answers what the separate queries it replaced answer.
     */
    @Test
    void theGatesOneStatementReadsWhatItsSeparateQueriesRead() throws Exception {
        String uncleared = diagnosedWith("GATE-" + UUID.randomUUID().toString().substring(0, 8), "WD Blue");
        String serial = "GATE-" + UUID.randomUUID().toString().substring(0, 8);
        String erased = diagnosedWith(serial, "Crucial MX500");
        erase(erased, serial, "CLEAR");
        String stated = diagnosedWithoutStorage();
        expect(201, statement(stated, "aucun support"));
        String returned = diagnosedWithoutStorage();
        expect(201, statement(returned, "aucun support"));
        expect(200, transition(tech, returned, ready()));
        long loan = LoanFixtures.loan(returned, LoanFixtures.beneficiary("Barrière", "Une"));
        expect(200, Http.api(Role.SOCIAL_WORKER).postJson("/api/v1/assignments/" + loan + "/return", "{\"condition\":\"GOOD\"}"));
        String resource = "statements/inventory.sql";
        List<String> facts = new java.util.ArrayList<>();
        try (var c = TestApp.get().connection(); var st = c.createStatement()) {
            for (String tag : List.of(uncleared, erased, stated, returned, diagnosedWithoutStorage())) {
                long id = TestApp.get().count("SELECT id FROM machines WHERE tag = '" + tag + "'");
                java.util.function.Function<String, String> bound = name ->
                        Statements.text(resource, name).replace(":machineId", "CAST(" + id + " AS bigint)");
                List<String> before = new java.util.ArrayList<>();
                try (var rs = st.executeQuery(bound.apply("storage-without-passing-erasure"))) {
                    while (rs.next()) {
                        before.add(ErasureGate.deviceName(StorageKind.valueOf(rs.getString("kind")), rs.getString("serial"),
                                rs.getString("model")));
                    }
                }
                boolean inForce;
                try (var rs = st.executeQuery(bound.apply("no-storage-in-force"))) {
                    inForce = rs.next();
                }
                long devices = TestApp.get().count("SELECT count(*) FROM storage_devices WHERE machine_id = " + id);
                boolean handedOver = TestApp.get().count("SELECT count(*) FROM machine_events WHERE machine_id = " + id
                        + " AND kind = 'TRANSITION' AND to_state = 'ASSIGNED'") > 0;
                try (var rs = st.executeQuery(bound.apply("erasure-gate"))) {
                    assertTrue(rs.next());
                    List<String> after = Json.createReader(new java.io.StringReader(rs.getString("uncleared"))).readArray()
                            .getValuesAs(JsonObject.class).stream()
                            .map(d -> ErasureGate.deviceName(StorageKind.valueOf(d.getString("kind")),
                                    d.getString("serial", null), d.getString("model", null))).toList();
                    assertEquals(before, after, tag);
                    assertEquals(inForce, rs.getBoolean("statement_in_force"), tag);
                    assertEquals(devices, rs.getLong("devices"), tag);
                    assertEquals(handedOver, rs.getBoolean("handed_over"), tag);
                    facts.add(after.size() + " " + inForce + " " + devices + " " + handedOver);
                }
            }
        }
        // The cases differ where the gate looks: uncleared, erased, stated, stated before the last loan, nothing.
        assertEquals(List.of("1 false 1 false", "0 false 1 false", "0 true 0 false", "0 false 0 true", "0 false 0 false"),
                facts);
    }

    @Test
    void theMachinePageOffersTheStatementAndShowsIt() {
        String tag = diagnosedWithoutStorage();
        Http page = Http.browser(Role.TECHNICIAN);
        String html = page.get("/m/" + tag).body();
        assertTrue(html.contains("action=\"/m/" + tag + "/no-storage\""), "the form is offered");
        assertTrue(html.contains("Aucun support déclaré"), "the page says what is missing");

        HttpResponse<String> r = page.postForm("/m/" + tag + "/no-storage", Map.of("note", ""));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("Ce champ est obligatoire."));
        assertTrue(r.body().contains("id=\"no-storage-note-error\""), "the error sits by its field");
        assertEquals(403, page.postRawForm("/m/" + tag + "/no-storage", Map.of("note", "sans jeton")).statusCode(),
                "CSRF is checked");

        r = page.postForm("/m/" + tag + "/no-storage", Map.of("note", "Disque retiré et détruit <b>sur place</b>"));
        assertEquals(303, r.statusCode());
        String location = r.headers().firstValue("Location").orElseThrow();
        html = page.get(location).body();
        assertTrue(html.contains("Déclaration « aucun support » enregistrée."), "a confirmation after saving");
        assertTrue(html.contains("Disque retiré et détruit &lt;b&gt;sur place&lt;/b&gt;"), "shown, escaped");
        assertTrue(html.contains("Test " + Role.TECHNICIAN.label()) || html.contains(TestApp.get().username(Role.TECHNICIAN)));

        r = page.postForm("/m/" + tag + "/transition", Map.of("to", "READY"));
        assertEquals(400, r.statusCode(), "quality checks come first, then the gate");
        Map<String, String> quality = new java.util.HashMap<>(Map.of("to", "READY"));
        Fixtures.allChecksOk().forEach((k, v) -> quality.put("quality." + k, "OK"));
        expect(303, page.postForm("/m/" + tag + "/transition", quality));

        String destroyed = diagnosedWith("PG-" + UUID.randomUUID().toString().substring(0, 8), "WD Blue");
        html = page.get("/m/" + destroyed).body();
        assertTrue(html.contains(": ni effacé ni détruit"));
        erase(destroyed, machine(destroyed).getJsonArray("storageDevices").getJsonObject(0).getString("serial"), "DESTROY");
        html = page.get("/m/" + destroyed).body();
        assertTrue(html.contains("Détruit le " + java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy").format(LocalDate.now())
                + " · Broyeur HSM"), "a destruction reads as such on the page");

        String other = diagnosedWithoutStorage();
        quality.put("to", "READY");
        r = page.postForm("/m/" + other + "/transition", quality);
        assertEquals(409, r.statusCode());
        assertTrue(r.body().contains("La machine ne peut pas être déclarée prête : " + NO_STORAGE + "."), "refused in French");
    }

    @Test
    void theCertificateDoesNotLeaveOutALaptopWithoutStorageDevices() {
        Donation d = intake("LAPTOP", "LAPTOP");
        toDiagnosisWith(d.tags().get(0), "KEEP-" + UUID.randomUUID().toString().substring(0, 8), "Crucial MX500");
        String bare = d.tags().get(1);
        expect(200, transition(tech, bare, to("IN_DIAGNOSIS")));
        String text = PdfText.of(Http.api(Role.COORDINATOR).getBytes("/donations/" + d.id() + "/erasure-certificate.pdf").body());
        assertTrue(text.replaceAll("\\s", "").contains(bare), "the laptop with no disk on record is listed:\n" + text);
    }

    @Test
    void theDonorsCertificateListsEveryMachineOfTheDonationWithItsStatus() {
        Donation d = intake("LAPTOP", "LAPTOP", "LAPTOP", "LAPTOP", "DESKTOP", "SCREEN");
        String erased = d.tags().get(0);
        String destroyed = d.tags().get(1);
        String declared = d.tags().get(2);
        String untouched = d.tags().get(3);
        String pending = d.tags().get(4);
        String screen = d.tags().get(5);

        String erasedSerial = "ERA-" + UUID.randomUUID().toString().substring(0, 8);
        toDiagnosisWith(erased, erasedSerial, "Samsung PM981");
        erase(erased, erasedSerial, "PURGE");
        expect(200, transition(tech, erased, ready()));

        String destroyedSerial = "DES-" + UUID.randomUUID().toString().substring(0, 8);
        toDiagnosisWith(destroyed, destroyedSerial, "Seagate ST500");
        erase(destroyed, destroyedSerial, "DESTROY");
        expect(200, transition(tech, destroyed, scrap()));

        expect(201, statement(declared, "Disque retiré et détruit par le donateur"));
        expect(200, transition(tech, declared, scrap()));

        String pendingSerial = "PEN-" + UUID.randomUUID().toString().substring(0, 8);
        toDiagnosisWith(pending, pendingSerial, "Toshiba DT01");

        byte[] pdf = Http.api(Role.COORDINATOR).getBytes("/donations/" + d.id() + "/erasure-certificate.pdf").body();
        String text = PdfText.of(pdf).replaceAll("\\s+", " ");
        String compact = text.replace(" ", "");
        for (String tag : d.tags()) {
            assertTrue(compact.contains(tag), tag + " listed in\n" + text);
        }
        assertTrue(text.contains("6 machines"), text);
        assertTrue(compact.contains(erasedSerial) && compact.contains(destroyedSerial) && compact.contains(pendingSerial), text);
        assertTrue(text.contains("Effacé"), text);
        assertTrue(text.contains("Purge"));
        assertTrue(text.contains("Détruit"), text);
        assertTrue(text.contains("Broyeur HSM"), text);
        assertTrue(text.contains("Aucun support déclaré"), text);
        assertTrue(text.contains("Disque retiré et détruit par le donateur"), text);
        assertTrue(text.contains("Test " + Role.TECHNICIAN.label()), text);
        assertTrue(text.contains("Non traité à ce jour"), text);
        assertTrue(text.contains("Sans objet"), "the screen holds no data: " + text);
        assertTrue(text.contains("Réussi, vérifié"), text);
        assertTrue(text.contains("Non traitée à ce jour"), "the untouched laptop " + untouched + ": " + text);
        assertTrue(compact.contains(screen));
    }

    private void toDiagnosisWith(String tag, String serial, String model) {
        expect(200, transition(tech, tag, to("IN_DIAGNOSIS")));
        expect(200, transition(tech, tag, Json.createObjectBuilder().add("to", "IN_RECONDITIONING").add("grade", "A")
                .add("storage", Json.createArrayBuilder().add(Json.createObjectBuilder().add("kind", "SSD")
                        .add("capacityGb", 256).add("serial", serial).add("model", model))).build()));
    }

    private record Donation(long id, List<String> tags) {
    }

    private Donation intake(String... types) {
        JsonArrayBuilder machines = Json.createArrayBuilder();
        for (String type : types) {
            machines.add(Json.createObjectBuilder().add("type", type).add("brand", "Marque").add("model", "Modèle")
                    .add("serial", "SN-" + UUID.randomUUID()));
        }
        JsonObject body = Json.createObjectBuilder()
                .add("donor", Json.createObjectBuilder().add("name", "Entreprise Effacement").add("kind", "COMPANY"))
                .add("receivedOn", LocalDate.now().toString()).add("site", "atelier").add("machines", machines).build();
        JsonObject r = Http.json(expect(201, tech.postJson("/api/v1/donations", body)));
        return new Donation(r.getJsonNumber("id").longValue(),
                r.getJsonArray("machines").stream().map(m -> m.asJsonObject().getString("tag")).toList());
    }

    private static String resource(String name) {
        try (var in = ErasureGateTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
