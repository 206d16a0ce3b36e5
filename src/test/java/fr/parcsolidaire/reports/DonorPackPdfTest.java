package fr.parcsolidaire.reports;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.PdfText;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.platform.security.Role;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The donor pack as one PDF, read back: cover letter, receipt, erasure certificate and outcomes, in French. */
class DonorPackPdfTest {

    @Test
    void theDonorPackIsOneFrenchPdfWithALetterAndTheThreeDocuments() {
        String tag = Fixtures.readyMachine();
        long donation = TestApp.get().count("SELECT donation_id FROM machines WHERE tag = '" + tag + "'");
        HttpResponse<byte[]> r = Http.browser(Role.COORDINATOR).getBytes("/donations/" + donation + "/donor-pack.pdf");
        assertEquals(200, r.statusCode());
        assertEquals("application/pdf", r.headers().firstValue("Content-Type").orElseThrow());
        String text = PdfText.of(r.body());
        String flat = text.replaceAll("\\s+", " ");
        assertTrue(PdfText.pages(r.body()) >= 4, "a page per document and the letter");
        for (String expected : new String[] {"Parc Solidaire", "12 rue de la République, 93200 Saint-Denis", "Madame, Monsieur,",
                "Signature et cachet", "Reçu de don de matériel n° " + donation, "Certificat d'effacement des données",
                "Ce qu'est devenu votre don", tag}) {
            assertTrue(flat.contains(expected), expected + " in " + flat);
        }
        assertTrue(flat.matches(".*Saint-Denis, le \\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre"
                + "|novembre|décembre) \\d{4}.*"), "the letter's date as a letter writes it");
        assertFalse(flat.matches(".*\\b\\d{4}-\\d{2}-\\d{2}\\b.*"), "no ISO date");
        for (String header : new String[] {"Technicien", "Destination", "Méthode", "Résultat"}) {
            assertTrue(text.contains(header), "the header « " + header + " » is not broken inside the word");
        }
    }

    @Test
    void aHeaderWordShrinksToFitItsColumnRatherThanBreak() {
        float fits = fr.parcsolidaire.platform.pdf.PdfKitProbe.headSize("Technicien", 30);
        assertTrue(fits < 8.5f && fits >= 5.5f, String.valueOf(fits));
        assertEquals(8.5f, fr.parcsolidaire.platform.pdf.PdfKitProbe.headSize("N°", 30));
    }
}
