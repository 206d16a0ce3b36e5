package fr.parcsolidaire.messaging;

import fr.parcsolidaire.gdpr.AccessLog;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.ValidationException;
import fr.parcsolidaire.platform.http.Validator;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a person agreed to receive reminders by e-mail, SMS or letter: given or withdrawn at any time, each change
 * journaled (consent_events: the date the person said so, who recorded it, when); the standing consent is the last
 * change. Withdrawing cancels what waits for that channel; withdrawing letters also erases the postal address,
 * which is kept for nothing else.
 */
final class Consents {

    /** A channel's standing consent; {@code given} null when the person was never asked. */
    record Consent(Channel channel, Boolean given, LocalDate since, OffsetDateTime recordedAt, String recordedBy) {
    }

    /** One change, as the journal keeps it. */
    record Change(long id, Channel channel, boolean given, LocalDate effectiveOn, OffsetDateTime at, String actor) {
    }

    /** What the social worker records: a channel, yes or no, the day the person said so, and for letters the street. */
    record Request(Channel channel, boolean given, LocalDate effectiveOn, String street) {

        /** From a form or JSON body: channel, given, effectiveOn (default today, up to a year back), street. */
        static Request from(Input in, LocalDate today) {
            Validator v = new Validator();
            Channel channel = v.requiredEnum(in.field("channel"), in.text("channel"), Channel.class, Channel::label);
            Boolean given = v.bool(in.field("given"), in.text("given"), true);
            LocalDate on = v.date(in.field("effectiveOn"), in.text("effectiveOn"), false, today.minusYears(1), today);
            String street = v.optional(in.field("street"), in.text("street"), 200);
            if (street != null && street.contains("\n")) {
                v.reject(in.field("street"), "Indiquez le numéro et la rue sur une seule ligne.");
            }
            v.throwIfInvalid();
            return new Request(channel, given, on == null ? today : on, street);
        }
    }

    private final Database database;

    Consents(Database database) {
        this.database = database;
    }

    /** The three channels for this person, asked or not; 404 for another site's person. */
    List<Consent> standing(long beneficiaryId, User reader) {
        visible(database.client().execute(), beneficiaryId, reader);
        return standing(database.client().execute(), beneficiaryId);
    }

    List<Change> history(long beneficiaryId, User reader) {
        visible(database.client().execute(), beneficiaryId, reader);
        return database.client().execute().createNamedQuery("messaging-consent-events").addParam("id", beneficiaryId)
                .execute().map(r -> new Change(Rows.longValue(r, "id"), Channel.valueOf(Rows.text(r, "channel")),
                        Rows.bool(r, "given"), Rows.date(r, "effective_on"), Rows.timestamp(r, "at"), Rows.text(r, "actor")))
                .toList();
    }

    /** The street line held for letters, or null. */
    String street(long beneficiaryId, User reader) {
        visible(database.client().execute(), beneficiaryId, reader);
        return database.client().execute().createNamedGet("messaging-address").addParam("id", beneficiaryId).execute()
                .map(r -> Rows.text(r, "street")).orElse(null);
    }

    /**
     * Records a consent given or withdrawn. Giving needs the contact that channel uses (an e-mail address, a mobile
     * number, a street for letters); recording what already stands changes nothing and journals nothing.
     */
    List<Consent> record(long beneficiaryId, Request request, User actor) {
        return database.inTransaction(tx -> {
            DbRow person = tx.createNamedGet("messaging-person-lock").addParam("id", beneficiaryId)
                    .addParam("siteId", actor.siteScope()).execute()
                    .orElseThrow(() -> HttpProblem.notFound("Bénéficiaire introuvable."));
            Consent current = standing(tx, beneficiaryId).stream().filter(c -> c.channel() == request.channel())
                    .findFirst().orElseThrow();
            String heldStreet = tx.createNamedGet("messaging-address").addParam("id", beneficiaryId).execute()
                    .map(r -> Rows.text(r, "street")).orElse(null);
            boolean streetChanges = false;
            if (request.given()) {
                requireContact(request, person, heldStreet);
                streetChanges = request.channel() == Channel.LETTER && request.street() != null
                        && !request.street().equals(heldStreet);
            } else if (request.street() != null) {
                throw new ValidationException(Map.of("street", "Une adresse ne s'enregistre qu'avec l'accord pour les courriers."));
            }
            if (Objects.equals(current.given(), request.given()) && !streetChanges) {
                return standing(tx, beneficiaryId);
            }
            Outbox.actAs(tx, actor);
            if (streetChanges) {
                tx.createNamedInsert("messaging-address-upsert").addParam("id", beneficiaryId)
                        .addParam("street", request.street()).addParam("actorId", actor.id()).execute();
                addressEvent(tx, beneficiaryId, "SET", "RECORDED", actor);
            }
            if (!Objects.equals(current.given(), request.given())) {
                tx.createNamedInsert("messaging-consent-insert").addParam("beneficiaryId", beneficiaryId)
                        .addParam("channel", request.channel().name()).addParam("given", request.given())
                        .addParam("effectiveOn", request.effectiveOn()).addParam("actorId", actor.id()).execute();
            }
            // The audit log of the person's record (gdpr) says who changed what, like any change to the record.
            AccessLog.record(tx, actor, beneficiaryId, AccessLog.Action.UPDATE, "accord pour les rappels par "
                    + request.channel().label() + (request.given() ? " donné" : " retiré")
                    + (streetChanges ? ", adresse des courriers" : ""));
            if (!request.given()) {
                tx.createNamedUpdate("outbox-cancel-channel").addParam("id", beneficiaryId)
                        .addParam("channel", request.channel().name())
                        .addParam("reason", "Annulé : la personne a retiré son accord pour ce moyen de contact.").execute();
                if (request.channel() == Channel.LETTER
                        && tx.createNamedUpdate("messaging-address-delete").addParam("id", beneficiaryId).execute() > 0) {
                    addressEvent(tx, beneficiaryId, "ERASED", "LETTER_CONSENT_WITHDRAWN", actor);
                }
            }
            return standing(tx, beneficiaryId);
        });
    }

    private static void requireContact(Request request, DbRow person, String heldStreet) {
        switch (request.channel()) {
            case EMAIL -> {
                if (Rows.text(person, "email") == null) {
                    throw HttpProblem.conflict("Aucune adresse e-mail n'est enregistrée pour cette personne : "
                            + "ajoutez-la à sa fiche avant de noter son accord.");
                }
            }
            case SMS -> {
                if (PhoneNumbers.mobile(Rows.text(person, "phone")).isEmpty()) {
                    throw HttpProblem.conflict("Aucun numéro de téléphone portable n'est enregistré pour cette personne "
                            + "(06, 07, ou un numéro étranger avec son indicatif +) : complétez sa fiche avant de noter son accord.");
                }
            }
            case LETTER -> {
                if (request.street() == null && heldStreet == null) {
                    throw new ValidationException(Map.of("street",
                            "Indiquez le numéro et la rue où envoyer les courriers (le code postal et la commune "
                                    + "sont ceux de la fiche)."));
                }
            }
        }
    }

    private static void addressEvent(DbExecute tx, long beneficiaryId, String kind, String reason, User actor) {
        tx.createNamedInsert("messaging-address-event-insert").addParam("id", beneficiaryId).addParam("kind", kind)
                .addParam("reason", reason).addParam("actorId", actor.id()).execute();
    }

    private static void visible(DbExecute db, long beneficiaryId, User reader) {
        if (db.createNamedGet("messaging-person-visible").addParam("id", beneficiaryId)
                .addParam("siteId", reader.siteScope()).execute().isEmpty()) {
            throw HttpProblem.notFound("Bénéficiaire introuvable.");
        }
    }

    private static List<Consent> standing(DbExecute db, long beneficiaryId) {
        Map<Channel, Consent> byChannel = new EnumMap<>(Channel.class);
        db.createNamedQuery("messaging-consents").addParam("id", beneficiaryId).execute().forEach(r -> {
            Channel c = Channel.valueOf(Rows.text(r, "channel"));
            byChannel.put(c, new Consent(c, Rows.bool(r, "given"), Rows.date(r, "since"), Rows.timestamp(r, "recorded_at"),
                    Rows.text(r, "recorded_by")));
        });
        List<Consent> all = new ArrayList<>();
        for (Channel c : Channel.values()) {
            all.add(byChannel.getOrDefault(c, new Consent(c, null, null, null, null)));
        }
        return all;
    }
}
