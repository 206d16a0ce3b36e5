package fr.parcsolidaire.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts of the messages, one file per message and channel under resources/messages:
 * {@code loan-due-soon.email.txt}, {@code loan-due-soon.sms.txt}, {@code loan-due-soon.letter.txt}.
 * Lines starting with "#" are notes for whoever edits the file. An e-mail or a letter starts with its subject line
 * "Objet : …" and a blank line; an SMS is its text alone. {@code {firstName}} and the like are replaced by values;
 * a placeholder without a value is a mistake in the file, found by the tests rather than sent to someone.
 */
final class Templates {

    private static final Pattern NAME = Pattern.compile("^[a-z0-9-]{1,60}$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]{0,40})}");
    private static final String SUBJECT = "Objet :";

    /** A message ready to go: subject (null for an SMS) and body. */
    record Rendered(String subject, String body) {
    }

    record Template(String subject, String body) {
    }

    private final String directory;
    private final Map<String, Template> cache = new ConcurrentHashMap<>();

    Templates() {
        this("messages");
    }

    Templates(String directory) {
        this.directory = directory;
    }

    Rendered render(String name, Channel channel, Map<String, String> values) {
        Template t = cache.computeIfAbsent(name + "." + channel.name().toLowerCase(Locale.ROOT), file -> load(name, channel));
        return new Rendered(t.subject() == null ? null : fill(t.subject(), values, name).replaceAll("\\s+", " "),
                fill(t.body(), values, name));
    }

    private Template load(String name, Channel channel) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("template name " + name);
        }
        String resource = directory + "/" + name + "." + channel.name().toLowerCase(Locale.ROOT) + ".txt";
        String text;
        try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing message text " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parse(text, channel, resource);
    }

    static Template parse(String text, Channel channel, String resource) {
        String content = text.replace("\r\n", "\n").lines().filter(l -> !l.startsWith("#"))
                .reduce((a, b) -> a + "\n" + b).orElse("").strip();
        if (channel == Channel.SMS) {
            if (content.isEmpty()) {
                throw new IllegalStateException(resource + " is empty");
            }
            return new Template(null, content.replaceAll("\\s*\\n\\s*", " "));
        }
        int end = content.indexOf('\n');
        String first = end < 0 ? content : content.substring(0, end);
        if (!first.startsWith(SUBJECT) || end < 0 || content.substring(end + 1).isBlank()) {
            throw new IllegalStateException(resource + " must start with \"" + SUBJECT + " …\", a blank line and the text");
        }
        return new Template(first.substring(SUBJECT.length()).strip(), content.substring(end + 1).strip());
    }

    private static String fill(String text, Map<String, String> values, String name) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("message " + name + " uses {" + m.group(1) + "} without a value");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * A value as it may go into a message: one line (a line break in a name must not start a new header or
     * paragraph), no control character, bounded.
     */
    static String value(String raw) {
        if (raw == null) {
            return "";
        }
        String s = raw.replaceAll("\\p{Cntrl}+", " ").replaceAll("\\s{2,}", " ").strip();
        return s.length() > 200 ? s.substring(0, 200) : s;
    }
}
