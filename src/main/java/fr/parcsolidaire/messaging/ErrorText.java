package fr.parcsolidaire.messaging;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reason an attempt failed, as the social worker reads it and the journal keeps it: a French sentence of
 * ours, then what the server said, without any password or token, e-mail address or phone number, control
 * characters, and short enough for the column.
 */
final class ErrorText {

    static final int MAX = 480;
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9][0-9 .\\-]*[0-9]");

    private ErrorText() {
    }

    static String of(String sentence, String serverSaid, List<String> secrets) {
        if (serverSaid == null || serverSaid.isBlank()) {
            return bound(sentence);
        }
        return bound(sentence + " Réponse : « " + clean(serverSaid, secrets) + " »");
    }

    static String clean(String text, List<String> secrets) {
        String s = text;
        for (String secret : secrets.stream().filter(Objects::nonNull).filter(x -> x.length() >= 3).toList()) {
            s = s.replace(secret, "***");
        }
        s = s.replaceAll("[\\p{Cntrl}]+", " ")
                .replaceAll("[^\\s<>\"'@]+@[^\\s<>\"'@]+", "[adresse]")
                .replaceAll("\\s{2,}", " ");
        // A phone number has eight digits or more; an SMTP code ("550 5.1.1") fewer, and it stays.
        s = NUMBER.matcher(s).replaceAll(m -> m.group().chars().filter(Character::isDigit).count() >= 8
                ? "[numéro]" : Matcher.quoteReplacement(m.group()))
                .strip();
        return s.length() > 200 ? s.substring(0, 199) + "…" : s;
    }

    private static String bound(String s) {
        return s.length() > MAX ? s.substring(0, MAX - 1) + "…" : s;
    }
}
