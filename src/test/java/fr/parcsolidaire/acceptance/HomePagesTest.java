package fr.parcsolidaire.acceptance;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.loans.LoanFixtures;
import fr.parcsolidaire.platform.security.Role;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each role lands on its own home page (docs/ui.md, "Pages d'accueil"), built from the features' sections. */
class HomePagesTest {

    @Test
    void theTechnicianSeesTheWorkshopQueueByStepAndTheScanField() {
        long waiting = toDiagnose(Http.browser(Role.TECHNICIAN).get("/").body());
        String tag = Fixtures.intake(1).getFirst();
        String home = Http.browser(Role.TECHNICIAN).get("/").body();
        assertTrue(home.contains("File de l'atelier"), home);
        for (String step : new String[] {"À diagnostiquer", "À effacer", "À réparer et installer", "À contrôler"}) {
            assertTrue(home.contains(step), step);
        }
        assertTrue(home.contains("action=\"/find\""), "the scan field");
        // The queue lists the twelve oldest of each step (the shared test database holds many): the new machine is counted.
        assertEquals(waiting + 1, toDiagnose(home), "a machine just received waits for its diagnosis");
        assertTrue(TestApp.get().count("SELECT count(*) FROM machines WHERE tag = '" + tag + "' AND state = 'RECEIVED'") == 1);
        assertTrue(home.contains("<a href=\"/\" aria-current=\"page\">Accueil</a>"), "the navigation marks the page");
        assertFalse(home.contains("Prêts à rendre"), "the social worker's sections are not the technician's");
    }

    @Test
    void theSocialWorkerSeesLoansToReturnAndDocumentsToSign() {
        long person = LoanFixtures.beneficiary("Accueil", "Odile");
        long loan = LoanFixtures.loan(Fixtures.readyMachine(), person);
        String home = Http.browser(Role.SOCIAL_WORKER).get("/").body();
        assertTrue(home.contains("Prêts à rendre"), home);
        assertTrue(home.contains("Documents à signer"), home);
        assertTrue(home.contains("href=\"/assignments/" + loan + "\""), "the new loan's contract waits for its signatures");
        assertFalse(home.contains("File de l'atelier"));
    }

    @Test
    void theCoordinatorsLoanFiguresAgreeWithTheLoanLists() {
        LoanFixtures.loan(Fixtures.readyMachine(), LoanFixtures.beneficiary("Chiffres", "Paul"));
        Http coordinator = Http.browser(Role.COORDINATOR);
        String home = coordinator.get("/").body();
        assertTrue(home.contains("Ce mois-ci") && home.contains("Rapports"), home);
        long active = count(home, "home-active-loans");
        long overdue = count(home, "home-overdue-loans");
        assertTrue(active >= 1);
        assertEquals(active, items(coordinator.get("/assignments").body(), "Prêt en cours"));
        assertEquals(overdue, items(coordinator.get("/assignments/overdue").body(), "Prêt en cours"));
    }

    @Test
    void theAdministratorSeesAccountsAuditAndHealth() {
        String home = Http.browser(Role.ADMIN).get("/").body();
        assertTrue(home.contains("Comptes") && home.contains("Journal RGPD") && home.contains("État du service"), home);
        assertTrue(home.contains("Base de données joignable"));
        assertFalse(home.contains("File de l'atelier"), "the administrator's home is about administration");
    }

    private static long count(String html, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\">(\\d+)<").matcher(html);
        assertTrue(m.find(), id);
        return Long.parseLong(m.group(1));
    }

    private static long items(String html, String status) {
        return Pattern.compile("· " + status).matcher(html).results().count();
    }

    /** The count in the badge of the queue's "À diagnostiquer" step. */
    private static long toDiagnose(String home) {
        Matcher m = Pattern.compile("À diagnostiquer <span class=\"badge\">(\\d+)</span>").matcher(home);
        assertTrue(m.find(), home);
        return Long.parseLong(m.group(1));
    }
}
