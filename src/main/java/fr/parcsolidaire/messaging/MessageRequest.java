package fr.parcsolidaire.messaging;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A message to queue for a person: which text ({@code template}, a file family under resources/messages), the
 * values it needs beyond the person's and the site's, the channels that suit it now (a letter takes days to
 * arrive), what it is about ({@code dedupKey}, e.g. "loan-due-soon:42:2026-12-03": the outbox holds at most one
 * message per key, whatever became of it; null: no such limit), and the last day it may still leave
 * ({@code validUntil}, null: no limit), after which it fails rather than say something no longer true.
 */
public record MessageRequest(long beneficiaryId, String template, Map<String, String> values, Set<Channel> channels,
                             String dedupKey, LocalDate validUntil) {

    public MessageRequest {
        Objects.requireNonNull(template);
        values = Map.copyOf(values);
        channels = channels.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(channels));
        if (dedupKey != null && (dedupKey.isEmpty() || dedupKey.length() > 200)) {
            throw new IllegalArgumentException("dedupKey length");
        }
    }

    public static MessageRequest anyChannel(long beneficiaryId, String template, Map<String, String> values, String dedupKey) {
        return new MessageRequest(beneficiaryId, template, values, EnumSet.allOf(Channel.class), dedupKey, null);
    }
}
