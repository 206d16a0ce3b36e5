package fr.parcsolidaire.messaging;

import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import fr.parcsolidaire.platform.http.HttpProblem;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

import java.text.Normalizer;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The outbox in PostgreSQL. A message is queued inside the transaction of whatever caused it, through a channel the
 * person agreed to, with its text rendered and its recipient resolved at that moment; the worker sends it later
 * ({@link OutboxWorker}), a batch prints it if it is a letter ({@link LetterBatches}).
 */
public final class Outbox {

    /** Channels in order of preference: the cheapest that reaches the person at once first, paper last. */
    private static final List<Channel> PREFERENCE = List.of(Channel.EMAIL, Channel.SMS, Channel.LETTER);

    /** A message as the social worker sees it. */
    record Message(long id, Channel channel, String template, String recipient, String subject, String body,
                   MessageState state, int attempts, OffsetDateTime nextAttemptAt, OffsetDateTime expiresAt,
                   String lastError, Long batchId, String reference, OffsetDateTime createdAt, OffsetDateTime sentAt) {
    }

    /** A message that needs a person's eye (waiting, failed, uncertain), with whom it is for. */
    record Waiting(long id, long beneficiaryId, String firstName, String lastName, Channel channel, String subject,
                   String body, MessageState state, int attempts, OffsetDateTime nextAttemptAt, OffsetDateTime expiresAt,
                   String lastError, Long batchId, OffsetDateTime createdAt) {
    }

    /** One step of a message's journal. */
    record Event(long id, MessageState from, MessageState to, int attempt, Long batchId, String detail, String worker,
                 String actor, OffsetDateTime at) {
    }

    private final Database database;
    private final Templates templates;
    private final MessagingSettings.Structure structure;

    Outbox(Database database, Templates templates, MessagingSettings.Structure structure) {
        this.database = database;
        this.templates = templates;
        this.structure = structure;
    }

    /**
     * Queues a message in the caller's transaction {@code tx}: it exists if and only if that transaction commits.
     * The channel is the person's preferred one among those with a standing consent and a usable contact; the
     * consent is held (FOR SHARE) until {@code tx} ends, so a withdrawal running alongside waits and then cancels
     * this message.
     */
    public QueueResult queue(DbExecute tx, MessageRequest request) {
        Optional<DbRow> found = tx.createNamedGet("messaging-recipient").addParam("id", request.beneficiaryId()).execute();
        if (found.isEmpty()) {
            return new QueueResult.NotQueued(QueueResult.Reason.NO_SUCH_PERSON);
        }
        DbRow person = found.get();
        Set<Channel> consented = EnumSet.noneOf(Channel.class);
        tx.createNamedQuery("messaging-consents-standing-locked").addParam("id", request.beneficiaryId()).execute()
                .forEach(r -> consented.add(Channel.valueOf(Rows.text(r, "channel"))));
        if (consented.isEmpty()) {
            return new QueueResult.NotQueued(QueueResult.Reason.NO_CONSENT);
        }
        Optional<Route> route = route(consented, person);
        if (route.isEmpty()) {
            return new QueueResult.NotQueued(QueueResult.Reason.NO_CONTACT);
        }
        Channel channel = route.get().channel();
        if (!request.channels().contains(channel)) {
            return new QueueResult.NotQueued(QueueResult.Reason.CHANNEL_NOT_SUITED);
        }
        Map<String, String> values = new HashMap<>();
        request.values().forEach((k, v) -> values.put(k, Templates.value(v)));
        values.put("firstName", Templates.value(Rows.text(person, "first_name")));
        values.put("lastName", Templates.value(Rows.text(person, "last_name")));
        values.put("site", Templates.value(Rows.text(person, "site_name")));
        values.put("structure", Templates.value(structure.name()));
        Templates.Rendered text = templates.render(request.template(), channel, values);
        Optional<Long> id = tx.createNamedGet("outbox-insert")
                .addParam("beneficiaryId", request.beneficiaryId())
                .addParam("siteId", Rows.longValue(person, "site_id"))
                .addParam("channel", channel.name())
                .addParam("template", request.template())
                .addParam("dedupKey", request.dedupKey())
                .addParam("recipient", route.get().recipient())
                .addParam("subject", text.subject())
                .addParam("body", text.body())
                .addParam("validUntil", request.validUntil())
                .execute().map(r -> Rows.longValue(r, "id"));
        return id.<QueueResult>map(messageId -> new QueueResult.Queued(messageId, channel))
                .orElseGet(() -> new QueueResult.NotQueued(QueueResult.Reason.ALREADY_QUEUED));
    }

    private record Route(Channel channel, String recipient) {
    }

    /** The person's preferred channel among those they agreed to and can be reached by, with the address it uses. */
    private static Optional<Route> route(Set<Channel> consented, DbRow person) {
        for (Channel c : PREFERENCE) {
            if (consented.contains(c)) {
                Optional<String> address = recipient(c, person);
                if (address.isPresent()) {
                    return Optional.of(new Route(c, address.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** Where a message through {@code channel} goes for this person, if they can be reached that way. */
    private static Optional<String> recipient(Channel channel, DbRow person) {
        return switch (channel) {
            case EMAIL -> Optional.ofNullable(Rows.text(person, "email")).map(String::strip).filter(e -> !e.isEmpty());
            case SMS -> PhoneNumbers.mobile(Rows.text(person, "phone"));
            case LETTER -> Optional.ofNullable(Rows.text(person, "street"))
                    .map(street -> postalLines(Rows.text(person, "first_name") + " " + Rows.text(person, "last_name"),
                            street, Rows.text(person, "postcode"), Rows.text(person, "commune")));
        };
    }

    /**
     * The address block of a letter, as La Poste asks (norme NF Z10-011): name, street, then postcode and town in
     * capitals without accents.
     */
    private static String postalLines(String name, String street, String postcode, String commune) {
        String town = Normalizer.normalize(commune, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toUpperCase(Locale.ROOT);
        return Templates.value(name) + "\n" + Templates.value(street) + "\n" + postcode + " " + Templates.value(town);
    }

    /** The messages of one person, newest first, if the reader's site holds them. */
    List<Message> ofBeneficiary(long beneficiaryId, User reader) {
        return database.client().execute().createNamedQuery("outbox-of-beneficiary").addParam("id", beneficiaryId)
                .addParam("siteId", reader.siteScope()).execute().map(Outbox::message).toList();
    }

    /** 404 unless the person exists and is of the reader's site. */
    void requireVisible(long beneficiaryId, User reader) {
        if (database.client().execute().createNamedGet("messaging-person-visible").addParam("id", beneficiaryId)
                .addParam("siteId", reader.siteScope()).execute().isEmpty()) {
            throw HttpProblem.notFound("Bénéficiaire introuvable.");
        }
    }

    /** What waits, is being sent, failed or is uncertain at the reader's site (every site for an unattached reader). */
    List<Waiting> attention(User reader) {
        return database.client().execute().createNamedQuery("outbox-attention").addParam("siteId", reader.siteScope())
                .execute().map(r -> new Waiting(Rows.longValue(r, "id"), Rows.longValue(r, "beneficiary_id"),
                        Rows.text(r, "first_name"), Rows.text(r, "last_name"), Channel.valueOf(Rows.text(r, "channel")),
                        Rows.text(r, "subject"), Rows.text(r, "body"), state(Rows.text(r, "state")),
                        Rows.intOrNull(r, "attempts"), Rows.timestamp(r, "next_attempt_at"),
                        Rows.timestamp(r, "expires_at"), Rows.text(r, "last_error"), Rows.longOrNull(r, "batch_id"),
                        Rows.timestamp(r, "created_at")))
                .toList();
    }

    Message get(long messageId, User reader) {
        return database.client().execute().createNamedGet("outbox-by-id").addParam("id", messageId)
                .addParam("siteId", reader.siteScope()).execute().map(Outbox::message)
                .orElseThrow(() -> HttpProblem.notFound("Message introuvable."));
    }

    List<Event> events(long messageId, User reader) {
        get(messageId, reader);
        return database.client().execute().createNamedQuery("outbox-events").addParam("id", messageId).execute()
                .map(r -> new Event(Rows.longValue(r, "id"), state(Rows.text(r, "from_state")),
                        state(Rows.text(r, "to_state")), Rows.intOrNull(r, "attempt"), Rows.longOrNull(r, "batch_id"),
                        Rows.text(r, "detail"), Rows.text(r, "worker"), Rows.text(r, "actor"), Rows.timestamp(r, "at")))
                .toList();
    }

    /**
     * A person checked with the recipient and asks for a failed or uncertain message to go again: it waits for
     * the worker once more, with its attempts counted afresh.
     */
    void requeue(long messageId, User actor) {
        change(messageId, actor, "outbox-requeue",
                "Seul un message en échec ou à l'envoi incertain peut être renvoyé (un courrier repart avec le prochain lot).");
    }

    /** A person gives up a message that has not left (or may not have). */
    void cancel(long messageId, User actor) {
        change(messageId, actor, "outbox-cancel", "Ce message est déjà envoyé ou annulé.");
    }

    private void change(long messageId, User actor, String statement, String refusal) {
        database.inTransaction(tx -> {
            DbRow row = tx.createNamedGet("outbox-lock").addParam("id", messageId).addParam("siteId", actor.siteScope())
                    .execute().orElseThrow(() -> HttpProblem.notFound("Message introuvable."));
            if (Rows.longOrNull(row, "batch_id") != null && "PENDING".equals(Rows.text(row, "state"))) {
                throw HttpProblem.conflict("Ce courrier est dans un lot imprimé : confirmez ou annulez d'abord le lot.");
            }
            actAs(tx, actor);
            if (tx.createNamedUpdate(statement).addParam("id", messageId).execute() == 0) {
                throw HttpProblem.conflict(refusal);
            }
            return null;
        });
    }

    /**
     * Anonymisation of a person: nothing more leaves for them, and the outbox forgets their address, number and
     * the texts that named them; states, channels and dates stay for the counts. Runs in the anonymisation's
     * transaction.
     */
    public static void forget(DbExecute tx, long beneficiaryId) {
        // Texts first, then the cancellation: its reason (which names no one) is what the message and journal keep.
        tx.createNamedUpdate("outbox-forget-scrub").addParam("id", beneficiaryId).execute();
        tx.createNamedGet("messaging-declare-erasure").execute();
        tx.createNamedUpdate("outbox-forget-journal").addParam("id", beneficiaryId).execute();
        tx.createNamedUpdate("outbox-forget-cancel").addParam("id", beneficiaryId)
                .addParam("reason", "Annulé : les données de la personne ont été anonymisées.").execute();
        if (tx.createNamedUpdate("messaging-address-delete").addParam("id", beneficiaryId).execute() > 0) {
            tx.createNamedInsert("messaging-address-event-insert").addParam("id", beneficiaryId).addParam("kind", "ERASED")
                    .addParam("reason", "ANONYMISED").addParam("actorId", (Object) null).execute();
        }
    }

    /** Names {@code actor} in the outbox journal for the rest of {@code tx}. */
    static void actAs(DbExecute tx, User actor) {
        tx.createNamedGet("messaging-set-actor").addParam("actorId", actor.id()).execute();
    }

    private static Message message(DbRow r) {
        return new Message(Rows.longValue(r, "id"), Channel.valueOf(Rows.text(r, "channel")), Rows.text(r, "template"),
                Rows.text(r, "recipient"), Rows.text(r, "subject"), Rows.text(r, "body"), state(Rows.text(r, "state")),
                Rows.intOrNull(r, "attempts"), Rows.timestamp(r, "next_attempt_at"), Rows.timestamp(r, "expires_at"),
                Rows.text(r, "last_error"),
                Rows.longOrNull(r, "batch_id"), Rows.text(r, "reference"), Rows.timestamp(r, "created_at"),
                Rows.timestamp(r, "sent_at"));
    }

    private static MessageState state(String code) {
        return code == null ? null : MessageState.valueOf(code);
    }
}
