package fr.parcsolidaire.messaging;

/** What {@link Outbox#queue} did: a message waits in the outbox, or why none does. */
public sealed interface QueueResult {

    record Queued(long messageId, Channel channel) implements QueueResult {
    }

    record NotQueued(Reason reason) implements QueueResult {
    }

    enum Reason {
        /** Anonymised, or unknown. */
        NO_SUCH_PERSON("personne introuvable ou anonymisée"),
        /** No standing consent on any channel. */
        NO_CONSENT("aucun accord pour être contacté"),
        /** Consents stand, but the e-mail, mobile number or postal address they need is missing or unusable. */
        NO_CONTACT("accord donné, mais coordonnées manquantes ou inutilisables"),
        /** The person's preferred channel does not suit this message now (a letter would arrive too late). */
        CHANNEL_NOT_SUITED("le moyen choisi par la personne ne convient pas à ce rappel à cette date"),
        /** A message with the same key was queued before. */
        ALREADY_QUEUED("déjà mis en file");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
