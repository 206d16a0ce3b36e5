package fr.parcsolidaire.messaging;

import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbRow;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Demo reminders (./parc start --demo), on the people of the loans demo: consents by letter, e-mail and SMS (one
 * withdrawn), and a message in each state the social worker will meet — waiting, sent, failed, uncertain, cancelled,
 * and a letter waiting to be printed.
 */
final class MessagingDemo {

    private MessagingDemo() {
    }

    static void load(Database database, Consents consents, Outbox outbox, User actor, LocalDate today) {
        List<DbRow> people = database.client().execute().createNamedQuery("messaging-demo-people").execute().toList();
        if (people.size() < 4) {
            return;
        }
        long josiane = id(people.get(0));
        long mamadou = id(people.get(1));
        long chloe = id(people.get(2));
        long samir = id(people.get(3));
        LocalDate said = today.minusWeeks(3);
        consents.record(josiane, new Consents.Request(Channel.LETTER, true, said, "4 allée des Tilleuls, bât. C"), actor);
        consents.record(mamadou, new Consents.Request(Channel.EMAIL, true, said, null), actor);
        consents.record(chloe, new Consents.Request(Channel.SMS, true, said, null), actor);
        consents.record(samir, new Consents.Request(Channel.EMAIL, true, said, null), actor);
        consents.record(samir, new Consents.Request(Channel.SMS, true, said, null), actor);

        message(database, outbox, actor, people.get(0), EnumSet.of(Channel.LETTER), "PENDING", 0, null);
        message(database, outbox, actor, people.get(1), EnumSet.of(Channel.EMAIL), "SENT", 1, null);
        message(database, outbox, actor, people.get(1), EnumSet.of(Channel.EMAIL), "FAILED", 1,
                "Adresse refusée par le serveur de messagerie (550).");
        message(database, outbox, actor, people.get(2), EnumSet.of(Channel.SMS), "PENDING", 2,
                "Passerelle SMS indisponible pour l'instant (503). Nouvel essai prévu.");
        message(database, outbox, actor, people.get(3), EnumSet.of(Channel.EMAIL), "UNCERTAIN", 1,
                "Envoi interrompu (arrêt ou panne pendant l'envoi) : le message est peut-être parti. "
                        + "Vérifiez auprès de la personne avant de le renvoyer.");
        // Samir withdraws SMS: a message for that channel would have been cancelled; the e-mail one stays.
        consents.record(samir, new Consents.Request(Channel.SMS, false, today, null), actor);
        message(database, outbox, actor, people.get(3), EnumSet.of(Channel.EMAIL), "CANCELLED", 0,
                "Annulé : la personne a retiré son accord pour ce moyen de contact.");
    }

    private static void message(Database database, Outbox outbox, User actor, DbRow person, EnumSet<Channel> channels,
                                String state, int attempts, String error) {
        long id = id(person);
        LocalDate dueOn = Rows.date(person, "due_on") != null ? Rows.date(person, "due_on") : LocalDate.now().plusDays(1);
        String name = String.join(" ", java.util.stream.Stream.of(Rows.text(person, "brand"), Rows.text(person, "model"))
                .filter(s -> s != null && !s.isBlank()).toList());
        String machine = (name.isEmpty() ? "" : name + ", ") + "n° " + Objects.requireNonNullElse(Rows.text(person, "tag"), "PS-DEMO");
        database.inTransaction(tx -> {
            QueueResult result = outbox.queue(tx, new MessageRequest(id, "loan-due-soon",
                    Map.of("item", "votre ordinateur", "machine", machine, "dueOn", FrenchDates.longDate(dueOn)),
                    channels, "demo:" + id + ":" + state, null));
            boolean moved = !state.equals("PENDING") || attempts > 0;
            if (result instanceof QueueResult.Queued queued && moved) {
                Outbox.actAs(tx, actor);
                tx.createNamedUpdate("messaging-demo-state").addParam("id", queued.messageId()).addParam("state", state)
                        .addParam("attempts", attempts).addParam("error", error).addParam("retryInMinutes", 10).execute();
            }
            return null;
        });
    }

    private static long id(DbRow row) {
        return Rows.longValue(row, "id");
    }
}
