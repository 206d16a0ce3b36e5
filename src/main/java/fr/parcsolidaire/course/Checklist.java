package fr.parcsolidaire.course;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One version of the set-up checklist, read from {@code course/checklist-<version>.properties} on the classpath: one
 * {@code code = label} line per item, in the order shown (read by hand: java.util.Properties neither keeps the order
 * nor reads UTF-8).
 */
record Checklist(String version, List<Item> items) {

    static final Pattern VERSION = Pattern.compile("^[a-z0-9-]{1,20}$");
    private static final Pattern CODE = Pattern.compile("^[a-z0-9-]{1,40}$");

    record Item(String code, String label) {
    }

    /** The version, or empty when no such file is on the classpath (or the name is not a version's). */
    static Optional<Checklist> load(String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            return Optional.empty();
        }
        try (InputStream in = Checklist.class.getClassLoader().getResourceAsStream("course/checklist-" + version + ".properties")) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(parse(version, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Checklist parse(String version, BufferedReader reader) throws IOException {
        List<Item> items = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        String line;
        while ((line = reader.readLine()) != null) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            int eq = t.indexOf('=');
            String code = eq < 0 ? "" : t.substring(0, eq).strip();
            String label = eq < 0 ? "" : t.substring(eq + 1).strip();
            if (!CODE.matcher(code).matches() || label.isEmpty() || !seen.add(code)) {
                throw new IllegalStateException("checklist-" + version + ".properties: bad or repeated line: " + t);
            }
            items.add(new Item(code, label));
        }
        if (items.isEmpty()) {
            throw new IllegalStateException("checklist-" + version + ".properties lists no item");
        }
        return new Checklist(version, List.copyOf(items));
    }

    Optional<Item> item(String code) {
        return items.stream().filter(i -> i.code().equals(code)).findFirst();
    }

    /** The confirmation key of ticking an item ({@code done}) or of taking its tick back: one per item and version. */
    String confirmation(Item item, boolean done) {
        return (done ? "checklist-" : "checklist-undone-") + version + "-" + item.code();
    }

    /** Each confirmation key of this version with its sentence (platform/http/Confirmations: a key, one sentence). */
    Map<String, String> confirmations() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Item i : items) {
            out.put(confirmation(i, true), "« " + i.label() + " » : fait.");
            out.put(confirmation(i, false), "« " + i.label() + " » : coche retirée.");
        }
        return out;
    }
}
