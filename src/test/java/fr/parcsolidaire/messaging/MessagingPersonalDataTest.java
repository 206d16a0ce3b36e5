package fr.parcsolidaire.messaging;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.PdfText;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static fr.parcsolidaire.messaging.MessagingKit.consent;
import static fr.parcsolidaire.messaging.MessagingKit.database;
import static fr.parcsolidaire.messaging.MessagingKit.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The right of access lists, in French, what messaging holds of a person; anonymisation through gdpr erases it. */
class MessagingPersonalDataTest {

    @BeforeEach
    void quiet() {
        MessagingKit.quietOutbox();
    }

    @Test
    void theAccessReportListsConsentsAddressAndMessagesInFrenchAndAnonymisationClearsThem() {
        long id = person("Hélène", "Accès", "helene.acces@exemple.fr", null);
        consent(id, Channel.EMAIL, null);
        consent(id, Channel.LETTER, "7 rue du Port");
        database().inTransaction(tx -> MessagingKit.outbox().queue(tx, MessageRequest.anyChannel(id, "loan-due-soon",
                Map.of("item", "votre ordinateur", "machine", "Lenovo, n° PS-2026-00001", "dueOn", "jeudi 3 décembre 2026"),
                "acces:" + id)));
        Http social = Http.api(Role.SOCIAL_WORKER);
        assertEquals(1, MessagingKit.count("SELECT count(*) FROM beneficiary_access_log WHERE beneficiary_id = " + id
                + " AND action = 'UPDATE' AND detail = 'accord pour les rappels par courrier donné, adresse des courriers'"),
                "the record's audit log names the change");
        Fixtures.expect(200, social.get("/api/v1/outbox?beneficiaryId=" + id));
        assertEquals(1, MessagingKit.count("SELECT count(*) FROM beneficiary_access_log WHERE beneficiary_id = " + id
                + " AND action = 'READ' AND detail = 'messages de rappel (API)'"));

        JsonObject report = Http.json(Fixtures.expect(200, social.get("/api/v1/beneficiaries/" + id + "/personal-data")));
        String consents = report.getJsonArray("Accords pour être contacté (rappels)").toString();
        assertTrue(consents.contains("\"Moyen\":\"e-mail\"") && consents.contains("\"Moyen\":\"courrier\""), consents);
        assertTrue(consents.contains("accord donné"), consents);
        assertTrue(report.getJsonArray("Adresse postale pour les courriers").toString().contains("7 rue du Port"));
        String messages = report.getJsonArray("Messages de rappel").toString();
        assertTrue(messages.contains("\"État\":\"en attente\""), messages);
        assertTrue(messages.contains("helene.acces@exemple.fr"), messages);
        assertTrue(messages.contains("Rappel : le prêt de votre ordinateur"), messages);
        assertFalse(messages.contains("PENDING") || consents.contains("EMAIL"), "no code in a document for people");
        String pdf = PdfText.of(social.getBytes("/beneficiaries/" + id + "/personal-data.pdf").body());
        assertTrue(pdf.contains("Messages de rappel") && pdf.contains("en attente"), pdf);

        Fixtures.expect(200, social.postJson("/api/v1/beneficiaries/" + id + "/anonymise", "{\"confirm\":true}"));
        JsonObject after = Http.json(Fixtures.expect(200, Http.api(Role.ADMIN).get("/api/v1/beneficiaries/" + id + "/personal-data")));
        String left = after.getJsonArray("Messages de rappel").toString();
        assertTrue(left.contains("annulé") && left.contains("[anonymisé]"), left);
        assertFalse(left.contains("helene") || left.contains("Hélène"), left);
        assertFalse(after.getJsonArray("Adresse postale pour les courriers").toString().contains("7 rue du Port"));
        assertEquals(0, MessagingKit.count("SELECT count(*) FROM postal_addresses WHERE beneficiary_id = " + id));
    }
}
