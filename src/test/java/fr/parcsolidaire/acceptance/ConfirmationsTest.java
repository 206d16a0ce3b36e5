package fr.parcsolidaire.acceptance;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.loans.LoanFixtures;
import fr.parcsolidaire.platform.security.Role;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every save of a page is confirmed (docs/ui.md, "Confirmations"): the form redirects with {@code ?saved=<key>} and
 * the page it lands on says what was saved, in French, in the one {@code role="status"} region app.js moves the focus to.
 */
class ConfirmationsTest {

    private final List<String> failures = new ArrayList<>();

    @Test
    void eachSaveActionShowsItsFrenchConfirmation() {
        String today = LocalDate.now().toString();
        Http tech = Http.browser(Role.TECHNICIAN);
        String tag = Fixtures.intake(1).getFirst();
        saves(tech, "/m/" + tag + "/transition", Map.of("to", "IN_DIAGNOSIS"), "Étape enregistrée.");
        saves(tech, "/m/" + tag + "/repair", Map.of("parts", "Clavier remplacé"), "Réparation enregistrée.");
        saves(tech, "/donations", Map.of("donorId", "new", "donor.name", "Confirmations SA", "donor.kind", "COMPANY",
                "receivedOn", today, "site", "atelier", "machines[0].type", "LAPTOP", "machines[0].brand", "Dell",
                "machines[0].serial", "CONF-" + UUID.randomUUID()), "Don de matériel enregistré");

        Http social = Http.browser(Role.SOCIAL_WORKER);
        String person = saves(social, "/beneficiaries", Map.of("lastName", "Confirmée", "firstName", "Anne",
                "commune", "Saint-Denis", "postcode", "93200", "ageBracket", "FROM_26_TO_44", "situation", "RSA",
                "gdprNoticeOn", today), "Bénéficiaire enregistré.");
        long personId = Long.parseLong(person.replaceAll("\\D", ""));
        saves(social, "/beneficiaries/" + personId, Map.of("lastName", "Confirmée", "firstName", "Anne",
                "commune", "Saint-Denis", "postcode", "93200", "ageBracket", "FROM_26_TO_44", "situation", "RSA",
                "gdprNoticeOn", today), "Fiche du bénéficiaire mise à jour.");
        saves(social, "/courses", Map.of("name", "Confirmations " + UUID.randomUUID()), "Parcours créé.");
        long course = TestApp.get().count("SELECT max(id) FROM courses");
        String session = saves(social, "/courses/" + course + "/sessions", Map.of("label", "Session d'hiver",
                "startsOn", today, "endsOn", LocalDate.now().plusWeeks(6).toString()), "Session créée.");
        saves(social, session + "/enrol", Map.of("beneficiaryId", String.valueOf(personId)), "Inscription enregistrée.");

        // The course: a workshop, a checklist item ticked and taken back (one sentence per item), the completion rule.
        long sessionId = Long.parseLong(session.replaceAll("\\D", ""));
        saves(social, session + "/workshops", Map.of("startsAt", LocalDate.now().plusDays(1) + "T14:00",
                "durationMinutes", "120", "topic", "Premiers pas"), "Atelier enregistré.");
        long enrolment = TestApp.get().count("SELECT max(id) FROM enrolments WHERE beneficiary_id = " + personId);
        saves(social, "/enrolments/" + enrolment + "/checklist", Map.of("item", "allumer"),
                "« Allumer l'ordinateur et ouvrir sa session » : fait.");
        saves(social, "/enrolments/" + enrolment + "/checklist", Map.of("item", "allumer", "done", "false"),
                "« Allumer l'ordinateur et ouvrir sa session » : coche retirée.");
        saves(social, "/courses/" + course + "/completion-rule", Map.of("attendancePercent", "75",
                "sessionId", String.valueOf(sessionId)), "Critère de fin de parcours enregistré.");

        // The waiting list and the person's consent to reminders (messaging's section of the beneficiary's page).
        String request = saves(social, "/waiting-list", Map.of("beneficiaryId", String.valueOf(personId), "priority", "NORMAL",
                "uses", "JOB_SEARCH", "children", "NONE", "internet", "BOX"), "Demande enregistrée.");
        saves(social, request + "/withdraw", Map.of("note", "Équipée par sa famille"), "Demande retirée de la liste d'attente.");
        saves(social, "/beneficiaries/" + personId + "/consents", Map.of("channel", "SMS", "given", "false",
                "effectiveOn", today), "Consentement enregistré.");
        String assignment = saves(social, "/assignments", Map.of("machineTag", Fixtures.readyMachine(),
                "beneficiaryId", String.valueOf(personId), "kind", "LOAN",
                "dueOn", LocalDate.now().plusMonths(2).toString()), "Machine attribuée");
        saves(social, assignment + "/extend", Map.of("dueOn", LocalDate.now().plusMonths(4).toString()), "Prêt prolongé.");
        saves(social, assignment + "/incident", Map.of("kind", "BREAKAGE", "note", "Écran fêlé"), "Incident enregistré.");
        saves(social, assignment + "/return", Map.of("condition", "GOOD"), "Restitution enregistrée.");
        long other = LoanFixtures.loan(Fixtures.readyMachine(), LoanFixtures.beneficiary("Donnée", "Rémi"));
        saves(social, "/assignments/" + other + "/convert-to-gift", Map.of("override", "Parcours terminé hors session", "confirm", "oui"),
                "remise en don");

        Http admin = Http.browser(Role.ADMIN);
        String user = saves(admin, "/admin/users", Map.of("username", "conf-" + UUID.randomUUID().toString().substring(0, 8),
                "displayName", "Confirmation", "role", "TECHNICIAN", "password", "un-mot-de-passe-long"), "Compte créé.");
        saves(admin, user + "/role", Map.of("role", "COORDINATOR"), "Rôle changé");
        saves(admin, user + "/password", Map.of("password", "un-autre-mot-de-passe"), "Mot de passe réinitialisé.");
        saves(admin, user + "/active", Map.of("active", "false"), "État du compte enregistré.");
        saves(admin, "/programmes", Map.of("name", "Confirmations " + UUID.randomUUID(), "funder", "Fondation",
                "startsOn", today, "endsOn", LocalDate.now().plusYears(1).toString()), "Programme enregistré.");

        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

    @Test
    void aPageOpenedWithoutASaveConfirmsNothing() {
        String page = Http.browser(Role.TECHNICIAN).get("/machines?saved=inconnu").body();
        assertFalse(page.contains("role=\"status\" tabindex=\"-1\" id=\"confirmation\""), page);
    }

    /** Posts the form, follows the redirect and checks the confirmation; returns where it landed (without "saved"). */
    private String saves(Http session, String action, Map<String, String> fields, String expected) {
        HttpResponse<String> posted = session.postForm(action, new LinkedHashMap<>(fields));
        if (posted.statusCode() != 303) {
            failures.add(action + " -> " + posted.statusCode() + " " + posted.body().replaceAll("(?s).*<main[^>]*>|</main>.*", "")
                    .replaceAll("\\s+", " "));
            return action;
        }
        String location = posted.headers().firstValue("Location").orElseThrow();
        assertTrue(location.contains("saved="), action + " redirects to " + location);
        String page = session.get(location).body();
        int region = page.indexOf("role=\"status\" tabindex=\"-1\" id=\"confirmation\">");
        if (region < 0 || !page.substring(region, Math.min(page.length(), region + 300)).contains(expected)) {
            failures.add(action + " -> " + location + " shows no « " + expected + " »");
        } else if (page.split("id=\"confirmation\"", -1).length != 2) {
            failures.add(action + " -> " + location + " confirms twice");
        }
        assertEquals(200, session.get(location).statusCode());
        return location.replaceAll("[?&]saved=[^&]*", "");
    }
}
