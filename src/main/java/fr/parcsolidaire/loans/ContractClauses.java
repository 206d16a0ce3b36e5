package fr.parcsolidaire.loans;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The wording of a contract, read from an editable text file under resources/contracts/:
 * "title: ..." gives the document title, each "## " line opens a numbered clause, blank lines separate
 * paragraphs, "#" lines are comments. {placeholders} are replaced by the contract's values.
 */
record ContractClauses(String title, List<Clause> clauses) {

    public record Clause(String title, List<String> paragraphs) {
    }

    public static ContractClauses load(String resource) {
        try (InputStream in = ContractClauses.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing contract template " + resource);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ContractClauses parse(String text) {
        String title = "";
        List<Clause> clauses = new ArrayList<>();
        String clauseTitle = null;
        List<String> paragraphs = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        for (String raw : text.split("\\R", -1)) {
            String line = raw.strip();
            if (line.startsWith("## ")) {
                flush(paragraph, paragraphs);
                if (clauseTitle != null) {
                    clauses.add(new Clause(clauseTitle, List.copyOf(paragraphs)));
                }
                clauseTitle = line.substring(3).strip();
                paragraphs.clear();
            } else if (line.startsWith("#")) {
                continue;
            } else if (line.startsWith("title:") && clauseTitle == null) {
                title = line.substring(6).strip();
            } else if (line.isEmpty()) {
                flush(paragraph, paragraphs);
            } else {
                paragraph.append(paragraph.isEmpty() ? "" : " ").append(line);
            }
        }
        flush(paragraph, paragraphs);
        if (clauseTitle != null) {
            clauses.add(new Clause(clauseTitle, List.copyOf(paragraphs)));
        }
        return new ContractClauses(title, List.copyOf(clauses));
    }

    private static void flush(StringBuilder paragraph, List<String> paragraphs) {
        if (!paragraph.isEmpty()) {
            paragraphs.add(paragraph.toString());
            paragraph.setLength(0);
        }
    }

    /** Replaces each {name} by its value; unknown placeholders stay visible so a typo is noticed. */
    public static String fill(String text, Map<String, String> values) {
        String out = text;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace("{" + e.getKey() + "}", e.getValue() == null ? "" : e.getValue());
        }
        return out;
    }
}
