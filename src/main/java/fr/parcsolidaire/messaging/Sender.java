package fr.parcsolidaire.messaging;

import java.util.UUID;

/** Sends one message through one channel, and says what became of it; never throws. */
interface Sender {

    Channel channel();

    Delivery send(Envelope message);

    /** A claimed message: {@code uid} identifies it outside (Message-ID, the gateway's Idempotency-Key). */
    record Envelope(long id, UUID uid, Channel channel, String recipient, String subject, String body) {
    }

    /**
     * What an attempt came to. The line between {@link RetryLater} and {@link Uncertain} is what makes the outbox
     * send at most once: retry only when the message surely did not leave.
     */
    sealed interface Delivery {

        /** Accepted by the server or gateway; {@code reference} is its id for the message, if it gave one. */
        record Sent(String reference) implements Delivery {
        }

        /** Surely not sent, and worth trying again later (server unreachable, busy, temporary refusal). */
        record RetryLater(String reason) implements Delivery {
        }

        /** Refused for good (address or number refused): trying again would change nothing. */
        record Refused(String reason) implements Delivery {
        }

        /** The connection broke once the message was on its way: it may have left. */
        record Uncertain(String reason) implements Delivery {
        }
    }
}
