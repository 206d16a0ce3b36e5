package fr.parcsolidaire.course;

import java.time.OffsetDateTime;

/** One dated meeting of a session; {@code held} once it has started, {@code present} people marked present. */
public record Workshop(long id, long sessionId, OffsetDateTime startsAt, int durationMinutes, String topic,
                       String trainer, boolean held, long present, String sessionTitle) {
}
