package fr.parcsolidaire.gdpr;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.PdfText;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import fr.parcsolidaire.loans.LoanFixtures;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retention, right of access, right to erasure and the audit log, on the real service and database. */
class GdprTest {

    private final TestApp app = TestApp.get();

    @Test
    void retentionSweepAnonymisesOnlyThoseWhoseLastAssignmentEndedLongAgo() throws Exception {
        long old = beneficiary("Ancienne", "2021-01-10 10:00+01");
        long oldAssignment = assignment(old, "RETURNED", "2022-01-03", "2022-06-30", "2022-06-30 12:00+02");
        contract(oldAssignment, "Convention de prêt de Ancienne");
        long recent = beneficiary("Récente", "2021-01-10 10:00+01");
        assignment(recent, "RETURNED", "2024-01-03", "2026-06-30", "2026-06-30 12:00+02");
        long stillBorrowing = beneficiary("Emprunteuse", "2021-01-10 10:00+01");
        assignment(stillBorrowing, "ACTIVE", "2022-01-03", null, "2022-01-03 12:00+01");
        long bracketsBefore = app.count("SELECT count(*) FROM beneficiaries WHERE age_bracket = 'FROM_26_TO_44'");

        int anonymised = app.app().feature(GdprFeature.class).anonymiser().sweep(24);

        assertTrue(anonymised >= 1);
        assertEquals("Anonyme", text("SELECT last_name FROM beneficiaries WHERE id = " + old));
        assertNull(text("SELECT phone FROM beneficiaries WHERE id = " + old));
        assertNotNull(text("SELECT anonymised_at FROM beneficiaries WHERE id = " + old));
        assertEquals("Récente", text("SELECT last_name FROM beneficiaries WHERE id = " + recent));
        assertEquals("Emprunteuse", text("SELECT last_name FROM beneficiaries WHERE id = " + stillBorrowing));
        // The archived contract loses its content (it named the person) but keeps its fingerprint.
        assertEquals(0, app.count("SELECT length(c.pdf) FROM contracts c WHERE c.assignment_id = " + oldAssignment));
        assertEquals(1, app.count("SELECT count(*) FROM contracts WHERE purged_at IS NOT NULL AND length(sha256) = 64 AND assignment_id = " + oldAssignment));
        assertEquals(1, app.count("SELECT count(*) FROM beneficiary_events WHERE kind = 'ANONYMISED' AND beneficiary_id = " + old
                + " AND data->>'reason' = 'RETENTION'"));
        // Statistics keep their inputs.
        assertEquals(bracketsBefore, app.count("SELECT count(*) FROM beneficiaries WHERE age_bracket = 'FROM_26_TO_44'"));
        assertEquals(1, app.count("SELECT count(*) FROM assignments WHERE id = " + oldAssignment));
    }

    @Test
    void archivedDocumentsStayAppendOnlyOutsideAnAnonymisation() throws Exception {
        long id = beneficiary("Intouchable", "2025-01-10 10:00+01");
        long contract = contract(assignment(id, "RETURNED", "2025-01-03", "2025-06-30", "2025-06-30 12:00+02"), "texte");
        assertThrows(SQLException.class, () -> exec("UPDATE contracts SET pdf = '' , purged_at = now() WHERE id = " + contract));
        assertThrows(SQLException.class, () -> exec("DELETE FROM contracts WHERE id = " + contract));
    }

    @Test
    void journalsStayAppendOnlyAndAnAnonymisationMayOnlyClearTheirFreeText() throws Exception {
        long id = beneficiary("Journaux", "2025-01-10 10:00+01");
        long assignment = assignment(id, "RETURNED", "2025-01-03", "2025-06-30", "2025-06-30 12:00+02");
        exec("INSERT INTO assignment_events (assignment_id, kind, actor_id, note) SELECT id, 'RETURNED', created_by, 'note' "
                + "FROM assignments WHERE id = " + assignment);
        exec("INSERT INTO beneficiary_access_log (beneficiary_id, action, detail) VALUES (" + id + ", 'READ', 'fiche')");
        String event = "(SELECT max(id) FROM assignment_events WHERE assignment_id = " + assignment + ")";
        // Outside an anonymisation: nothing changes, not even the note.
        assertThrows(SQLException.class, () -> exec("UPDATE assignment_events SET note = NULL WHERE id = " + event));
        assertThrows(SQLException.class, () -> exec("DELETE FROM assignment_events WHERE id = " + event));
        assertThrows(SQLException.class, () -> exec("UPDATE beneficiary_access_log SET detail = NULL WHERE beneficiary_id = " + id));
        // Inside one: the free text may be cleared, nothing else may change, nothing may be deleted.
        String declared = "BEGIN; SELECT set_config('parc.gdpr_erasure', 'on', true); ";
        assertThrows(SQLException.class, () -> exec(declared + "UPDATE assignment_events SET kind = 'LOST' WHERE id = " + event + "; COMMIT"));
        assertThrows(SQLException.class, () -> exec(declared + "UPDATE assignment_events SET at = now() - interval '1 year', "
                + "note = NULL WHERE id = " + event + "; COMMIT"));
        assertThrows(SQLException.class, () -> exec(declared + "DELETE FROM assignment_events WHERE id = " + event + "; COMMIT"));
        assertThrows(SQLException.class, () -> exec(declared + "UPDATE machine_events SET to_state = 'READY' "
                + "WHERE machine_id = (SELECT machine_id FROM assignments WHERE id = " + assignment + "); COMMIT"));
        exec(declared + "UPDATE assignment_events SET note = '[anonymisé]' WHERE id = " + event + "; COMMIT");
        assertEquals("[anonymisé]", text("SELECT note FROM assignment_events WHERE id = " + event));
    }

    @Test
    void clearingJsonKeepsItsShapeNumbersAndCodesAndClearsEveryOtherString() throws Exception {
        assertEquals("{\"n\": 3, \"kind\": \"LOAN\", \"note\": \"[anonymisé]\", \"empty\": [], \"nested\": {\"t\": "
                        + "\"[anonymisé]\", \"sha256\": \"abc\"}, \"accessories\": [\"[anonymisé]\", \"[anonymisé]\"]}",
                text("SELECT gdpr_scrub('{\"kind\":\"LOAN\",\"note\":\"Jean 06\",\"accessories\":[\"Souris\",\"Sac de Jean\"],"
                        + "\"n\":3,\"empty\":[],\"nested\":{\"sha256\":\"abc\",\"t\":\"y\"}}', '{kind,sha256}')::text"));
        assertEquals("[\"[anonymisé]\", true, null]", text("SELECT gdpr_scrub('[\"Jean\", true, null]', '{kind}')::text"));
    }

    @Test
    void rightOfAccessExportsEverythingHeldAsJsonAndPdfAndIsLogged() throws Exception {
        String name = "Dupont-" + UUID.randomUUID().toString().substring(0, 6);
        long id = beneficiary(name, "2025-09-01 10:00+02");
        String tag = Fixtures.intake(1).getFirst();
        assignmentOn(id, tag);

        Http social = Http.api(Role.SOCIAL_WORKER);
        HttpResponse<String> json = social.get("/api/v1/beneficiaries/" + id + "/personal-data");
        assertEquals(200, json.statusCode());
        JsonObject body = Http.json(json);
        assertEquals(name, body.getJsonArray("Identité et situation").getJsonObject(0).getString("Valeur"));
        assertTrue(body.getJsonArray("Matériel attribué").getJsonObject(0).getString("Machine").startsWith(tag + " · Ordinateur portable"));

        HttpResponse<byte[]> pdf = Http.browser(Role.SOCIAL_WORKER).getBytes("/beneficiaries/" + id + "/personal-data.pdf");
        assertEquals(200, pdf.statusCode());
        String text = PdfText.of(pdf.body());
        assertTrue(text.contains(name), text);
        assertTrue(text.contains(tag), text);
        assertTrue(text.contains("Consultations et modifications du dossier"), text);

        assertEquals(2, app.count("SELECT count(*) FROM beneficiary_access_log WHERE action = 'EXPORT' AND beneficiary_id = " + id));
        assertEquals(403, Http.api(Role.TECHNICIAN).get("/api/v1/beneficiaries/" + id + "/personal-data").statusCode());
        assertEquals(403, Http.api(Role.COORDINATOR).get("/api/v1/beneficiaries/" + id + "/personal-data").statusCode());
    }

    @Test
    void rightToErasureNeedsConfirmationThenAnonymisesOnce() throws Exception {
        long id = beneficiary("Effacer", "2025-09-01 10:00+02");
        Http social = Http.api(Role.SOCIAL_WORKER);
        HttpResponse<String> unconfirmed = social.postJson("/api/v1/beneficiaries/" + id + "/anonymise", "{}");
        assertEquals(400, unconfirmed.statusCode());
        assertTrue(Http.json(unconfirmed).getJsonObject("fields").containsKey("confirm"));
        assertEquals("Effacer", text("SELECT last_name FROM beneficiaries WHERE id = " + id));

        assertEquals(403, Http.api(Role.TECHNICIAN).postJson("/api/v1/beneficiaries/" + id + "/anonymise", "{\"confirm\":true}").statusCode());
        assertEquals(403, Http.api(Role.COORDINATOR).postJson("/api/v1/beneficiaries/" + id + "/anonymise", "{\"confirm\":true}").statusCode());
        assertEquals(200, social.postJson("/api/v1/beneficiaries/" + id + "/anonymise", "{\"confirm\":true}").statusCode());
        assertEquals("Anonyme", text("SELECT first_name FROM beneficiaries WHERE id = " + id));
        assertEquals(409, social.postJson("/api/v1/beneficiaries/" + id + "/anonymise", "{\"confirm\":true}").statusCode());
        assertEquals(404, social.postJson("/api/v1/beneficiaries/999999999/anonymise", "{\"confirm\":true}").statusCode());

        String actor = app.username(Role.SOCIAL_WORKER);
        assertEquals(1, app.count("SELECT count(*) FROM beneficiary_access_log l JOIN users u ON u.id = l.actor_id "
                + "WHERE l.action = 'ANONYMISE' AND u.username = '" + actor + "' AND l.beneficiary_id = " + id));
    }

    @Test
    void onlyAdminsReadTheAuditLog() throws Exception {
        long id = beneficiary("Journal", "2025-09-01 10:00+02");
        Http.api(Role.SOCIAL_WORKER).get("/api/v1/beneficiaries/" + id + "/personal-data");
        HttpResponse<String> audit = Http.api(Role.ADMIN).get("/api/v1/audit?beneficiary=" + id);
        assertEquals(200, audit.statusCode());
        assertTrue(audit.body().contains("\"action\":\"EXPORT\""), audit.body());
        assertTrue(audit.body().contains(app.username(Role.SOCIAL_WORKER)), audit.body());
        HttpResponse<String> page = Http.browser(Role.ADMIN).get("/admin/audit?beneficiary=" + id);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Export (droit d&#39;accès)") || page.body().contains("Export (droit d'accès)"), page.body());
        for (Role role : new Role[] {Role.SOCIAL_WORKER, Role.COORDINATOR, Role.TECHNICIAN}) {
            assertEquals(403, Http.api(role).get("/api/v1/audit").statusCode());
        }
        assertEquals(400, Http.api(Role.ADMIN).get("/api/v1/audit?beneficiary=abc").statusCode());
    }

    @Test
    void theInformationPageDescribesTheProcessingAndRetention() {
        HttpResponse<String> page = Http.browser(Role.TECHNICIAN).get("/privacy");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("24 mois après la fin de la dernière attribution"), page.body());
    }

    /** Issue 13: the information every person is owed is readable before signing in, with the public navigation. */
    @Test
    void theInformationPageIsReadableWithoutSigningIn() {
        HttpResponse<String> page = Http.anonymous().get("/privacy");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("24 mois après la fin de la dernière attribution"), page.body());
        assertFalse(page.body().contains("Se déconnecter"), "no one is signed in");
    }

    @Test
    void everyReadOfABeneficiaryIsLoggedAndAnonymisationErasesTheContract() {
        String name = "Lecture-" + UUID.randomUUID().toString().substring(0, 6);
        long id = LoanFixtures.beneficiary(name, "Inès");
        long assignment = LoanFixtures.loan(Fixtures.readyMachine(), id);
        Http social = Http.browser(Role.SOCIAL_WORKER);
        assertEquals(200, social.get("/beneficiaries/" + id).statusCode());
        assertEquals(200, Http.api(Role.SOCIAL_WORKER).get("/api/v1/beneficiaries/" + id).statusCode());
        assertEquals(200, social.get("/beneficiaries?q=" + name).statusCode());
        HttpResponse<byte[]> contract = social.getBytes("/assignments/" + assignment + "/contract.pdf");
        assertEquals(200, contract.statusCode());
        assertTrue(PdfText.of(contract.body()).contains(name));
        String who = "(SELECT id FROM users WHERE username = '" + app.username(Role.SOCIAL_WORKER) + "')";
        assertEquals(2, app.count("SELECT count(*) FROM beneficiary_access_log WHERE action = 'READ' AND beneficiary_id = " + id
                + " AND actor_id = " + who));
        assertEquals(1, app.count("SELECT count(*) FROM beneficiary_access_log WHERE action = 'CREATE' AND beneficiary_id = " + id));
        assertEquals(1, app.count("SELECT count(*) FROM beneficiary_access_log WHERE action = 'CONTRACT_READ' AND beneficiary_id = " + id));
        assertTrue(app.count("SELECT count(*) FROM beneficiary_access_log WHERE action = 'LIST' AND actor_id = " + who) >= 1);

        HttpResponse<String> form = social.postForm("/beneficiaries/" + id + "/anonymise", java.util.Map.of("confirm", "oui"));
        assertEquals(303, form.statusCode());
        HttpResponse<byte[]> erased = social.getBytes("/assignments/" + assignment + "/contract.pdf");
        assertEquals(410, erased.statusCode());
        assertTrue(new String(erased.body(), java.nio.charset.StandardCharsets.UTF_8).contains("effacé lors de l&#39;anonymisation")
                || new String(erased.body(), java.nio.charset.StandardCharsets.UTF_8).contains("effacé lors de l'anonymisation"));
        HttpResponse<String> page = social.get("/beneficiaries/" + id);
        assertTrue(page.body().contains("Anonyme") && !page.body().contains(name), "the page no longer names the person");
    }

    // Fixtures: rows as the loans service writes them (social worker as author).

    private long beneficiary(String lastName, String createdAt) throws SQLException {
        return insert("INSERT INTO beneficiaries (site_id, last_name, first_name, phone, email, commune, postcode, age_bracket, "
                + "situation, gdpr_notice_on, created_at, created_by) SELECT id, ?, 'Camille', '06 12 34 56 78', 'c@example.org', "
                + "'Bobigny', '93000', 'FROM_26_TO_44', 'JOB_SEEKER', DATE '2020-01-01', CAST(? AS timestamptz), "
                + "(SELECT id FROM users WHERE username = '" + app.username(Role.SOCIAL_WORKER) + "') FROM sites WHERE code = 'atelier' RETURNING id",
                lastName, createdAt);
    }

    private long assignment(long beneficiary, String status, String startsOn, String endedOn, String updatedAt) throws SQLException {
        String tag = Fixtures.intake(1).getFirst();
        return insert("INSERT INTO assignments (machine_id, beneficiary_id, kind, status, starts_on, due_on, ended_on, created_by, updated_at) "
                + "SELECT m.id, " + beneficiary + ", 'LOAN', ?, CAST(? AS date), CAST(? AS date) + 180, CAST(? AS date), "
                + "(SELECT id FROM users WHERE username = '" + app.username(Role.SOCIAL_WORKER) + "'), CAST(? AS timestamptz) "
                + "FROM machines m WHERE m.tag = '" + tag + "' RETURNING id", status, startsOn, startsOn, endedOn, updatedAt);
    }

    private long assignmentOn(long beneficiary, String tag) throws SQLException {
        return insert("INSERT INTO assignments (machine_id, beneficiary_id, kind, status, starts_on, due_on, created_by) "
                + "SELECT m.id, " + beneficiary + ", 'LOAN', 'ACTIVE', current_date, current_date + 90, "
                + "(SELECT id FROM users WHERE username = '" + app.username(Role.SOCIAL_WORKER) + "') "
                + "FROM machines m WHERE m.tag = ? RETURNING id", tag);
    }

    private long contract(long assignment, String content) throws SQLException {
        return insert("INSERT INTO contracts (assignment_id, kind, pdf, sha256, created_by) SELECT " + assignment
                + ", 'LOAN_AGREEMENT', convert_to(?, 'UTF8'), encode(sha256(convert_to(?, 'UTF8')), 'hex'), created_by "
                + "FROM assignments WHERE id = " + assignment + " RETURNING id", content, content);
    }

    private long insert(String sql, String... params) throws SQLException {
        try (Connection c = app.connection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setString(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void exec(String sql) throws SQLException {
        try (Connection c = app.connection(); var st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private String text(String sql) throws SQLException {
        try (Connection c = app.connection(); var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
