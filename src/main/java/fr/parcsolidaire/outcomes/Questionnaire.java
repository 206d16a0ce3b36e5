package fr.parcsolidaire.outcomes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The skills self-assessment as a versioned file of the repository (src/main/resources/outcomes/skills-v1.txt):
 * four answer levels, the skill statements, and the statement "je me sens capable…". Answers keep the version,
 * so changing the wording means a new file, never an edit of an answered one.
 */
record Questionnaire(String version, List<String> levels, List<Statement> skills, Statement capable) {

    /** Levels at or above this one count as "yes" (feeling capable, in the reports). */
    static final int CAPABLE_FROM = 3;

    record Statement(String code, String text) {
    }

    static Questionnaire load(String version) {
        if (!version.matches("v[0-9]{1,3}")) {
            throw new IllegalArgumentException("questionnaire version " + version);
        }
        String resource = "outcomes/skills-" + version + ".txt";
        try (InputStream in = Questionnaire.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return parse(version, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Questionnaire parse(String version, String text) {
        List<String> levels = new ArrayList<>();
        List<Statement> skills = new ArrayList<>();
        Statement capable = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String[] head = line.substring(0, colon).strip().split(" ");
            String body = line.substring(colon + 1).strip();
            switch (head[0]) {
                case "level" -> levels.add(body);
                case "skill" -> skills.add(new Statement(head[1], body));
                case "capable" -> capable = new Statement(head[1], body);
                default -> throw new IllegalStateException("skills-" + version + ": unknown line " + line);
            }
        }
        if (levels.size() != 4 || skills.isEmpty() || capable == null) {
            throw new IllegalStateException("skills-" + version + ": four levels, skills and one capable statement expected");
        }
        return new Questionnaire(version, List.copyOf(levels), List.copyOf(skills), capable);
    }

    /** Every statement in the order of the form: the skills, then the feeling of being able. */
    List<Statement> statements() {
        List<Statement> all = new ArrayList<>(skills);
        all.add(capable);
        return all;
    }

    String levelLabel(int level) {
        return levels.get(level - 1);
    }
}
