package fr.parcsolidaire.messaging;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** What the messaging API answers: public records, since JSON-B reads only public types. Codes, never labels. */
public final class MessagingJson {

    private MessagingJson() {
    }

    /** A channel's standing consent; {@code given} absent when the person was never asked. */
    public record ConsentJson(String channel, Boolean given, LocalDate since, OffsetDateTime recordedAt, String recordedBy) {
    }

    public record ConsentsJson(long beneficiaryId, List<ConsentJson> consents, String street) {
    }

    public record MessageJson(long id, long beneficiaryId, String channel, String template, String state, int attempts,
                              OffsetDateTime nextAttemptAt, OffsetDateTime expiresAt, String lastError, Long batchId,
                              String recipient, String subject, String body, OffsetDateTime createdAt,
                              OffsetDateTime sentAt) {
    }

    public record OutboxJson(List<MessageJson> messages) {
    }

    public record RuleJson(String rule, int due, Map<String, Integer> queued, Map<String, Integer> notQueued, int failed) {
    }

    public record PassJson(LocalDate date, int queued, List<RuleJson> rules) {
    }

    static ConsentsJson consents(long beneficiaryId, List<Consents.Consent> consents, String street) {
        return new ConsentsJson(beneficiaryId, consents.stream().map(c -> new ConsentJson(c.channel().name(), c.given(),
                c.since(), c.recordedAt(), c.recordedBy())).toList(), street);
    }

    static MessageJson message(long beneficiaryId, Outbox.Message m) {
        return new MessageJson(m.id(), beneficiaryId, m.channel().name(), m.template(), m.state().name(), m.attempts(),
                m.nextAttemptAt(), m.expiresAt(), m.lastError(), m.batchId(), m.recipient(), m.subject(), m.body(),
                m.createdAt(), m.sentAt());
    }

    static MessageJson message(Outbox.Waiting m) {
        return new MessageJson(m.id(), m.beneficiaryId(), m.channel().name(), null, m.state().name(), m.attempts(),
                m.nextAttemptAt(), m.expiresAt(), m.lastError(), m.batchId(), null, m.subject(), m.body(),
                m.createdAt(), null);
    }

    static PassJson pass(Reminders.Report report) {
        return new PassJson(report.date(), report.queued(), report.rules().stream().map(r -> new RuleJson(r.rule(), r.due(),
                codes(r.queued()), codes(r.notQueued()), r.failed())).toList());
    }

    private static <E extends Enum<E>> Map<String, Integer> codes(Map<E, Integer> counts) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        counts.forEach((k, v) -> out.put(k.name(), v));
        return out;
    }
}
