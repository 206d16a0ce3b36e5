package fr.parcsolidaire.messaging;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorTextTest {

    @Test
    void serverWordsLoseSecretsAddressesAndNumbersButKeepTheirCodes() {
        String text = ErrorText.of("Le serveur de messagerie refuse l'adresse du destinataire (code 550).",
                "550 5.1.1 <awa.diallo@exemple.fr>: Recipient address rejected (login rappels, pass s3cret-Pa55)\r\n"
                        + "Call +33 6 12 34 56 78", List.of("s3cret-Pa55"));
        assertTrue(text.startsWith("Le serveur de messagerie refuse l'adresse du destinataire (code 550). Réponse : « 550 5.1.1 "), text);
        assertFalse(text.contains("awa.diallo"), text);
        assertFalse(text.contains("s3cret"), text);
        assertFalse(text.contains("12 34 56"), text);
        assertFalse(text.contains("\r") || text.contains("\n"), text);
        assertTrue(text.contains("[adresse]") && text.contains("[numéro]") && text.contains("***"), text);
    }

    @Test
    void longAnswersAreCut() {
        String text = ErrorText.of("Refusé.", "x".repeat(5000), List.of());
        assertTrue(text.length() <= ErrorText.MAX, "" + text.length());
        assertEquals("Refusé.", ErrorText.of("Refusé.", "  ", List.of()));
    }
}
