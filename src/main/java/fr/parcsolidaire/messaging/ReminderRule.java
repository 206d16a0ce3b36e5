package fr.parcsolidaire.messaging;

import io.helidon.dbclient.DbExecute;

import java.time.LocalDate;
import java.util.List;

/**
 * One kind of reminder: which messages are due on a date. A new kind (the next workshop, a follow-up) is one small
 * class: a named query for the candidates, a template family under resources/messages, and a dedup key naming
 * what the reminder is about, so that running the pass again, or on two instances at once, queues it once.
 */
interface ReminderRule {

    /** A short code, first part of the dedup keys and line of the pass's report. */
    String name();

    /** The reminders due on {@code date}; each is queued only through a channel the person agreed to. */
    List<MessageRequest> due(DbExecute db, LocalDate date);
}
