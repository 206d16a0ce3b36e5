package fr.parcsolidaire.platform.sql;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes a database's secrets out of text that may be printed (answers, logs, pages, start-up errors): a JDBC URL
 * carries its password as a {@code password=} parameter or as {@code user:password@}, drivers and tools repeat
 * the URL (or a piece of it) in their error messages, and the password may also be set on its own
 * ({@code DATABASE_PASSWORD}).
 */
final class Redaction {

    static final String MASK = "***";
    /** {@code password=}, {@code sslpassword=} and the like, up to the next separator. */
    private static final Pattern PASSWORD_PARAMETER =
            Pattern.compile("(?i)(\\b[a-z]*password|\\bpwd)=([^&;\\s\"'<>)]*)");
    /** {@code //user:secret@host}: the part between the colon and the at sign. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:\\s\"'<>]*):([^/@\\s\"'<>]*)@");

    private Redaction() {
    }

    /**
     * {@code text} with every URL password masked, and every occurrence of the secrets of this connection: the
     * passwords written in {@code url} (as written and decoded) and {@code password}. Either may be null.
     */
    public static String redact(String text, String url, String password) {
        if (text == null) {
            return null;
        }
        String redacted = PASSWORD_PARAMETER.matcher(text).replaceAll("$1=" + MASK);
        redacted = USER_INFO.matcher(redacted).replaceAll("$1:" + MASK + "@");
        for (String secret : secrets(url, password)) {
            redacted = redacted.replace(secret, MASK);
        }
        return redacted;
    }

    /**
     * An exception saying {@code message}, then what each cause said (redacted, repeats left out), without the
     * causes themselves: a stack trace prints every cause's message, and a driver's may quote the URL.
     */
    static IllegalStateException failure(String message, Throwable cause, String url, String password) {
        StringBuilder text = new StringBuilder(message);
        Set<String> said = new LinkedHashSet<>();
        for (Throwable t = cause; t != null && said.size() < 8; t = t.getCause()) {
            if (t.getMessage() != null && said.add(t.getMessage().strip())) {
                text.append(said.size() == 1 ? " : " : " ; ").append(t.getMessage().strip());
            }
        }
        return new IllegalStateException(redact(text.toString(), url, password));
    }

    private static Set<String> secrets(String url, String password) {
        Set<String> secrets = new LinkedHashSet<>();
        secrets.add(password);
        if (url != null) {
            for (Pattern p : new Pattern[] {PASSWORD_PARAMETER, USER_INFO}) {
                Matcher m = p.matcher(url);
                while (m.find()) {
                    secrets.add(m.group(2));
                    secrets.add(decoded(m.group(2)));
                }
            }
        }
        secrets.remove(null);
        secrets.remove("");
        return secrets;
    }

    private static String decoded(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }
}
