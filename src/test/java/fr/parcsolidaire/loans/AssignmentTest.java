package fr.parcsolidaire.loans;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.settings.Settings;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loans and gifts over the real API: contract, return path, conversion to gift, refusals. */
class AssignmentTest {

    private final Http social = Http.api(Role.SOCIAL_WORKER);

    @Test
    void aLoanMovesTheMachineToAssignedAndArchivesItsContract() throws Exception {
        String tag = Fixtures.readyMachine();
        long person = LoanFixtures.beneficiary("Nguyễn-Lefèvre", "Zoë");
        long id = LoanFixtures.loan(tag, person);
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM machines WHERE state = 'ASSIGNED' AND tag = '" + tag + "'"));

        HttpResponse<byte[]> pdf = social.getBytes("/api/v1/assignments/" + id + "/contract.pdf");
        assertEquals(200, pdf.statusCode());
        assertEquals(ContractService.sha256(pdf.body()), pdf.headers().firstValue("X-Content-SHA256").orElseThrow());
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM contracts WHERE assignment_id = " + id
                + " AND kind = 'LOAN_AGREEMENT' AND sha256 = '" + ContractService.sha256(pdf.body()) + "'"));
        LoanFixtures.PdfText text = LoanFixtures.text(pdf.body());
        String serial = Http.json(Http.api(Role.TECHNICIAN).get("/api/v1/machines/" + tag)).getString("serial");
        assertTrue(text.text().contains("Zoë Nguyễn-Lefèvre"), text.text());
        assertTrue(text.text().contains(tag));
        assertTrue(text.text().contains(serial));
        assertTrue(text.text().contains("données effacées le"), text.text());
        assertTrue(text.text().contains("Chargeur, Souris"));
        for (ContractClauses.Clause clause : ContractPdf.clauses(ContractDocument.Kind.LOAN_AGREEMENT).clauses()) {
            assertTrue(text.text().contains(clause.title()), clause.title());
        }
        assertTrue(text.text().contains("page 1 / " + text.pages()), text.text());
        assertTrue(text.pages() >= 1 && text.pages() <= 3, "pages: " + text.pages());
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM assignment_events WHERE assignment_id = " + id
                + " AND kind IN ('CREATED', 'CONTRACT_GENERATED')") - 1);
    }

    @Test
    void aReturnedLoanSendsTheMachineBackToDiagnosisWithTheConditionCheck() {
        String tag = Fixtures.readyMachine();
        long id = LoanFixtures.loan(tag, LoanFixtures.beneficiary("Martin", "Paul"));
        JsonObject body = Json.createObjectBuilder().add("condition", "WORN")
                .add("missingAccessories", Json.createArrayBuilder().add("Souris")).add("note", "Rayure capot").build();
        Fixtures.expect(200, social.postJson("/api/v1/assignments/" + id + "/return", body));
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM machines WHERE state = 'IN_DIAGNOSIS' AND tag = '" + tag + "'"));
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM assignments WHERE id = " + id + " AND status = 'RETURNED' AND ended_on IS NOT NULL"));
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM assignment_events WHERE assignment_id = " + id
                + " AND kind = 'RETURNED' AND data->>'condition' = 'WORN' AND data->'missingAccessories' ? 'Souris'"));
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM machine_events e JOIN machines m ON m.id = e.machine_id"
                + " WHERE m.tag = '" + tag + "' AND e.kind = 'TRANSITION' AND e.from_state = 'ASSIGNED' AND e.to_state = 'RETURNED'"));
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM machine_events e JOIN machines m ON m.id = e.machine_id"
                + " WHERE m.tag = '" + tag + "' AND e.kind = 'TRANSITION' AND e.from_state = 'RETURNED' AND e.to_state = 'IN_DIAGNOSIS'"));
        HttpResponse<String> again = social.postJson("/api/v1/assignments/" + id + "/return", body);
        assertEquals(409, again.statusCode());
    }

    @Test
    void aLoanBecomesAGiftWithItsAttestationAndCannotBeReturnedAfterwards() throws Exception {
        String tag = Fixtures.readyMachine();
        long id = LoanFixtures.loan(tag, LoanFixtures.beneficiary("Durand", "Awa"));
        Fixtures.expect(200, social.postJson("/api/v1/assignments/" + id + "/convert-to-gift",
                "{\"override\": \"Prêt hors parcours : don décidé en commission\"}"));
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM assignments WHERE id = " + id + " AND kind = 'GIFT' AND status = 'GIVEN'"));
        LoanFixtures.PdfText text = LoanFixtures.text(social.getBytes("/api/v1/assignments/" + id + "/contract.pdf").body());
        assertTrue(text.text().contains("Attestation de don"), text.text());
        for (ContractClauses.Clause clause : ContractPdf.clauses(ContractDocument.Kind.GIFT_CERTIFICATE).clauses()) {
            assertTrue(text.text().contains(clause.title()), clause.title());
        }
        assertEquals(2, TestApp.get().count("SELECT count(*) FROM contracts WHERE assignment_id = " + id));
        HttpResponse<String> r = social.postJson("/api/v1/assignments/" + id + "/return",
                Json.createObjectBuilder().add("condition", "GOOD").build());
        assertEquals(409, r.statusCode());
        assertTrue(Http.json(r).getString("message").contains("don"));
    }

    @Test
    void aMachineThatIsNotReadyCannotBeAssigned() {
        String tag = Fixtures.intake(1).getFirst();
        long person = LoanFixtures.beneficiary("Petit", "Léa");
        HttpResponse<String> r = social.postJson("/api/v1/assignments", Json.createObjectBuilder().add("machineTag", tag)
                .add("beneficiaryId", person).add("kind", "GIFT").build());
        assertEquals(409, r.statusCode());
        assertTrue(Http.json(r).getString("message").contains("pas prête"));
    }

    @Test
    void aLoanWithoutDueDateIsRefusedInFrench() {
        String tag = Fixtures.readyMachine();
        HttpResponse<String> r = social.postJson("/api/v1/assignments", Json.createObjectBuilder().add("machineTag", tag)
                .add("beneficiaryId", LoanFixtures.beneficiary("Roux", "Jo")).add("kind", "LOAN").build());
        assertEquals(400, r.statusCode());
        assertTrue(Http.json(r).getJsonObject("fields").containsKey("dueOn"));
        assertEquals(0, TestApp.get().count("SELECT count(*) FROM assignments a JOIN machines m ON m.id = a.machine_id WHERE m.tag = '" + tag + "'"));
    }

    @Test
    void extendingAndOverdueList() {
        String tag = Fixtures.readyMachine();
        long id = LoanFixtures.loan(tag, LoanFixtures.beneficiary("Blanc", "Noé"));
        Fixtures.expect(200, social.postJson("/api/v1/assignments/" + id + "/extend",
                Json.createObjectBuilder().add("dueOn", LocalDate.now().plusMonths(6).toString()).build()));
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM assignment_events WHERE assignment_id = " + id + " AND kind = 'EXTENDED'"));
        // Make it late: the check on due_on >= starts_on allows moving both back.
        TestApp.get().sql("UPDATE assignments SET starts_on = current_date - 40, due_on = current_date - 12 WHERE id = " + id);
        HttpResponse<String> overdue = social.get("/api/v1/assignments/overdue");
        assertTrue(overdue.body().contains("\"daysLate\":12"), overdue.body());
        HttpResponse<String> page = Http.browser(Role.COORDINATOR).get("/assignments/overdue");
        assertTrue(page.body().contains("12 jours de retard"));
        assertTrue(!page.body().contains("Noé Blanc"), "a coordinator sees no names");
    }

    @Test
    void anIncidentIsRecorded() {
        long id = LoanFixtures.loan(Fixtures.readyMachine(), LoanFixtures.beneficiary("Faure", "Inès"));
        HttpResponse<String> created = Fixtures.expect(201, social.postJson("/api/v1/assignments/" + id + "/incidents",
                Json.createObjectBuilder().add("kind", "BREAKAGE").add("note", "Écran fissuré").build()));
        long incident = TestApp.get().count("SELECT id FROM incidents WHERE assignment_id = " + id + " AND kind = 'BREAKAGE'");
        // The answer names what was created (the incident), and the assignment it belongs to.
        assertTrue(created.body().contains("\"id\":" + incident), created.body());
        assertTrue(created.body().contains("\"assignmentId\":" + id), created.body());
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM incidents WHERE assignment_id = " + id + " AND kind = 'BREAKAGE'"));
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM assignment_events WHERE assignment_id = " + id + " AND kind = 'INCIDENT'"));
    }

    /**
     * A new assignment's contract is laid out from what the assignment was created with, on a thread of its own; the
     * contract that ContractService.generate lays out by reading everything back from the database (the path of gift
     * certificates, and the only one before) must read the same, word for word, for the same loan.
     */
    @Test
    void aLoansContractReadsAsTheOneLaidOutFromTheStoredLoan() throws Exception {
        String tag = Fixtures.readyMachine();
        long id = LoanFixtures.loan(tag, LoanFixtures.beneficiary("Ødegård-N'Diaye", "Anaïs-Ève"));
        byte[] archived = social.getBytes("/api/v1/assignments/" + id + "/contract.pdf").body();

        Database database = TestApp.get().app().database();
        Structure structure = Structure.from(Settings.of(Config.just(ConfigSources.classpath("application.yaml")))
                .section("app.structure"));
        ContractService rereading = new ContractService(database, structure, Clock.systemDefaultZone());
        User actor;
        try (var c = TestApp.get().connection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT id, username, display_name, role, active, site_id FROM users WHERE username = '"
                     + TestApp.get().username(Role.SOCIAL_WORKER) + "'")) {
            rs.next();
            actor = new User(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                    Role.valueOf(rs.getString("role")), rs.getBoolean("active"), (Long) rs.getObject("site_id"));
        }
        byte[][] reread = new byte[1][];
        // Laid out and archived in a transaction rolled back: the loan keeps its one contract.
        RuntimeException rollback = new RuntimeException("rollback");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> database.inTransaction(tx -> {
            long contract = rereading.generate(tx, id, actor, TestApp.get().baseUrl());
            reread[0] = tx.createNamedGet("contract-by-id").addParam("id", contract).addParam("siteId", (Object) null)
                    .execute().map(r -> (byte[]) Rows.raw(r, "pdf")).orElseThrow();
            throw rollback;
        }));
        assertSame(rollback, thrown);
        assertEquals(1, TestApp.get().count("SELECT count(*) FROM contracts WHERE assignment_id = " + id));

        LoanFixtures.PdfText now = LoanFixtures.text(archived);
        LoanFixtures.PdfText before = LoanFixtures.text(reread[0]);
        assertTrue(now.text().contains("Anaïs-Ève Ødegård-N'Diaye") && now.text().contains(tag), now.text());
        assertEquals(before.text(), now.text());
        assertEquals(before.pages(), now.pages());
    }
}
