package fr.parcsolidaire.platform;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * A reminder a feature knows is due to a person (tomorrow's workshop, a follow-up falling due), handed to messaging
 * as Main wires it ({@code MessagingFeature.addReminderSource}), without either feature knowing the other.
 * {@code about}: what it concerns within its kind ("workshop-12"), so that it is queued once; {@code date}: the day it
 * concerns; {@code values}: the words its text uses, already in French.
 */
public record DueReminder(long beneficiaryId, String about, LocalDate date, Map<String, String> values) {

    public DueReminder {
        Objects.requireNonNull(about);
        Objects.requireNonNull(date);
        values = Map.copyOf(values);
    }
}
