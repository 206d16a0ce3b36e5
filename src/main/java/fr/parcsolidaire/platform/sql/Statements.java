package fr.parcsolidaire.platform.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Named SQL statements read from .sql files on the classpath: each statement starts with a line
 * {@code -- name: statement-name} and runs to the next such line; comments above a name line belong to the
 * statement before it and are harmless. Each feature declares its own files; a name defined twice is an error.
 */
public final class Statements {

    private static final Pattern NAME_LINE = Pattern.compile("^-- name: ([a-z0-9-]+)\\s*$", Pattern.MULTILINE);

    private Statements() {
    }

    /** Every statement of these classpath resources, by name, in file order. */
    public static Map<String, String> load(List<String> resources) {
        Map<String, String> all = new LinkedHashMap<>();
        for (String resource : resources) {
            parse(read(resource)).forEach((name, sql) -> {
                if (all.put(name, sql) != null) {
                    throw new IllegalStateException("Statement " + name + " defined twice (" + resource + ")");
                }
            });
        }
        return all;
    }

    /** One named statement's SQL, for tools that run it outside the service (the bench's pgbench script, the seeder). */
    public static String text(String resource, String name) {
        String sql = parse(read(resource)).get(name);
        if (sql == null) {
            throw new IllegalArgumentException("no statement " + name + " in " + resource);
        }
        return sql;
    }

    static Map<String, String> parse(String text) {
        Map<String, String> statements = new LinkedHashMap<>();
        Matcher m = NAME_LINE.matcher(text);
        String name = null;
        int start = 0;
        while (m.find()) {
            if (name != null) {
                put(statements, name, text.substring(start, m.start()).strip());
            }
            name = m.group(1);
            start = m.end();
        }
        if (name != null) {
            put(statements, name, text.substring(start).strip());
        }
        return statements;
    }

    private static void put(Map<String, String> statements, String name, String sql) {
        if (statements.put(name, sql) != null) {
            throw new IllegalStateException("Statement " + name + " defined twice");
        }
    }

    private static String read(String resource) {
        try (InputStream in = Statements.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
