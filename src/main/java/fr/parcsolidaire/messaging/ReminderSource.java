package fr.parcsolidaire.messaging;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * Reminders another feature knows are due (the next workshop, a follow-up at 3 or 6 months). It says who, about
 * what, for which day, with the French words its text needs; messaging picks the channel the person agreed to,
 * renders the text from {@code resources/messages/<kind>.email.txt} (and {@code .sms.txt}, {@code .letter.txt}) and
 * queues each reminder once, whatever the number of passes or instances. Registered with
 * {@link MessagingFeature#addReminderSource} before the service starts (Main wires it).
 */
public interface ReminderSource {

    /** A source from its name and a function of the day, as Main wires one from another feature's public method. */
    static ReminderSource of(String name, java.util.function.Function<LocalDate, java.util.List<Due>> due) {
        Objects.requireNonNull(name);
        Objects.requireNonNull(due);
        return new ReminderSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public java.util.List<Due> due(LocalDate date) {
                return due.apply(date);
            }
        };
    }

    /** A short code naming the source in the pass's report ("workshops", "follow-ups"). */
    String name();

    /** The reminders due on {@code date}, read by the source from its own tables. */
    java.util.List<Due> due(LocalDate date);

    /**
     * One reminder. {@code kind}: the family of text files ("workshop-soon"). {@code about}: what it is about within
     * that kind ("workshop-12"), so that it is queued at most once per kind, subject and date. {@code date}: the day
     * it concerns; the message does not leave after it, and a letter only if it can arrive in time.
     * {@code values}: the words the text uses beyond {firstName}, {lastName}, {site} and {structure}, already in
     * French ("jeudi 3 décembre 2026 à 14 h").
     */
    record Due(long beneficiaryId, String kind, String about, LocalDate date, Map<String, String> values) {

        public Due {
            Objects.requireNonNull(kind);
            Objects.requireNonNull(about);
            Objects.requireNonNull(date);
            values = Map.copyOf(values);
        }
    }
}
