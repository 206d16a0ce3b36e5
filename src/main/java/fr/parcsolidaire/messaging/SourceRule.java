package fr.parcsolidaire.messaging;

import io.helidon.dbclient.DbExecute;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link ReminderSource} of another feature as one rule of the pass: each due reminder goes by e-mail or SMS, or
 * by letter when the day it concerns is far enough for the post ({@code letterLastDaysBefore}), and is valid until
 * that day.
 */
record SourceRule(ReminderSource source, int letterLastDaysBefore) implements ReminderRule {

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public List<MessageRequest> due(DbExecute db, LocalDate date) {
        return source.due(date).stream().map(d -> request(d, date)).toList();
    }

    private MessageRequest request(ReminderSource.Due due, LocalDate today) {
        Set<Channel> channels = EnumSet.of(Channel.EMAIL, Channel.SMS);
        if (ChronoUnit.DAYS.between(today, due.date()) >= letterLastDaysBefore) {
            channels.add(Channel.LETTER);
        }
        return new MessageRequest(due.beneficiaryId(), due.kind(), due.values(), channels,
                due.kind() + ":" + due.about() + ":" + due.date(), due.date());
    }
}
