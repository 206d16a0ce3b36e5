package fr.parcsolidaire.messaging;

import fr.parcsolidaire.gdpr.HeldPersonalData;
import fr.parcsolidaire.platform.http.Formats;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What messaging holds about a person, for gdpr: consents (with their history), the street line kept for letters
 * and its journal, and each message with its recipient and text, in the access report; erased by anonymisation
 * ({@link Outbox#forget}).
 */
final class MessagingPersonalData implements HeldPersonalData {

    @Override
    public List<Section> report(DbExecute tx, long beneficiaryId) {
        List<List<String>> consents = tx.createNamedQuery("messaging-consent-events").addParam("id", beneficiaryId)
                .execute().map(r -> List.of(Channel.valueOf(Rows.text(r, "channel")).label(),
                        Rows.bool(r, "given") ? "accord donné" : "accord refusé ou retiré",
                        Formats.date(Rows.date(r, "effective_on")), Formats.dateTime(Rows.timestamp(r, "at")),
                        Rows.text(r, "actor"))).toList();
        String street = tx.createNamedGet("messaging-address").addParam("id", beneficiaryId).execute()
                .map(r -> Rows.text(r, "street")).orElse(null);
        List<List<String>> address = new java.util.ArrayList<>();
        if (street != null) {
            address.add(List.of("Adresse actuelle (numéro et rue)", street, "—", "—"));
        }
        tx.createNamedQuery("messaging-report-address-events").addParam("id", beneficiaryId).execute()
                .forEach(r -> address.add(List.of(addressEvent(r), "—", Formats.dateTime(Rows.timestamp(r, "at")),
                        orDash(Rows.text(r, "actor")))));
        List<List<String>> messages = tx.createNamedQuery("messaging-report-messages").addParam("id", beneficiaryId)
                .execute().map(r -> List.of(Formats.dateTime(Rows.timestamp(r, "created_at")),
                        Channel.valueOf(Rows.text(r, "channel")).label(),
                        MessageState.valueOf(Rows.text(r, "state")).label(),
                        Rows.text(r, "recipient").replace('\n', ' '),
                        text(Rows.text(r, "subject"), Rows.text(r, "body")),
                        dateTime(Rows.timestamp(r, "sent_at")))).toList();
        return List.of(
                new Section("Accords pour être contacté (rappels)", List.of("Moyen", "Décision", "Dite le", "Notée le", "Par"),
                        consents),
                new Section("Adresse postale pour les courriers", List.of("Donnée", "Valeur", "Date", "Par"), address),
                new Section("Messages de rappel", List.of("Créé le", "Moyen", "État", "Destinataire", "Texte", "Envoyé le"),
                        messages));
    }

    @Override
    public void forget(DbExecute tx, long beneficiaryId) {
        Outbox.forget(tx, beneficiaryId);
    }

    private static String addressEvent(DbRow r) {
        String what = "SET".equals(Rows.text(r, "kind")) ? "Adresse enregistrée" : "Adresse effacée";
        return what + switch (Rows.text(r, "reason")) {
            case "LETTER_CONSENT_WITHDRAWN" -> " (accord pour les courriers retiré)";
            case "ANONYMISED" -> " (anonymisation)";
            default -> "";
        };
    }

    private static String text(String subject, String body) {
        return subject == null ? body : subject + " — " + body;
    }

    private static String dateTime(OffsetDateTime t) {
        return t == null ? "—" : Formats.dateTime(t);
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }
}
