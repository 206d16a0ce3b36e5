package fr.parcsolidaire.acceptance;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.PdfText;
import fr.parcsolidaire.demo.DemoLoad;
import fr.parcsolidaire.platform.http.Labelled;
import fr.parcsolidaire.platform.security.Role;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a person reads never holds a code or an ISO date (docs/ui.md, "Glossaire"): each role, on the demo's data,
 * follows every link of the pages it can reach from its home page, and every page, CSV, XLSX and PDF it meets is
 * read back. The codes are the constant names of the enums people read ({@link Labelled}), plus the codes kept
 * as text in the database (erasure results, assignment events); a constant that is also a French word of a label
 * (RSA, OK, SSD) is not a leak.
 */
class NoCodeLeakTest {

    private static final Pattern ISO_DATE = Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}\\b");
    private static final Pattern HREF = Pattern.compile("href=\"([^\"#]+)\"");
    private static final Pattern READ_ATTRIBUTE = Pattern.compile("(?:title|aria-label|alt|placeholder)=\"([^\"]*)\"");
    private static final List<String> TEXT_CODES = List.of("PASS", "FAIL", "ACTIVE", "CREATED", "EXTENDED",
            "CONVERTED_TO_GIFT", "CONTRACT_GENERATED", "CONTRACT_SIGNED", "TECHNICIAN", "SOCIAL_WORKER", "COORDINATOR");
    /** Enough for every list, machine page and document of the demo, and a bound on a runaway crawl. */
    private static final int MAX_RESOURCES = 400;

    private static Pattern codes;

    @BeforeAll
    static void demoData() {
        DemoLoad.once();
        Set<String> labelWords = new TreeSet<>();
        Set<String> names = new TreeSet<>(TEXT_CODES);
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("fr.parcsolidaire")) {
            if (c.isEnum() && c.isAssignableTo(Labelled.class)) {
                for (Object constant : c.reflect().getEnumConstants()) {
                    names.add(((Enum<?>) constant).name());
                    labelWords.addAll(List.of(((Labelled) constant).label().split("[^\\p{L}\\p{N}_]+")));
                }
            }
        }
        names.removeIf(n -> n.length() < 3 || labelWords.contains(n));
        codes = Pattern.compile("(?<![\\w-])(" + String.join("|", names) + ")(?![\\w-])");
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void noPageNorDocumentShowsACodeOrAnIsoDate(Role role) throws IOException {
        Http session = Http.browser(role);
        Deque<String> queue = new ArrayDeque<>(List.of("/"));
        Set<String> seen = new LinkedHashSet<>(queue);
        List<String> leaks = new ArrayList<>();
        int documents = 0;
        while (!queue.isEmpty() && seen.size() < MAX_RESOURCES) {
            String path = queue.poll();
            HttpResponse<byte[]> r = session.getBytes(path);
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (r.statusCode() != 200) {
                continue;
            }
            String read;
            if (type.startsWith("text/html")) {
                String html = new String(r.body(), StandardCharsets.UTF_8);
                read = readable(html);
                Matcher links = HREF.matcher(html);
                while (links.find()) {
                    String link = links.group(1).replace("&amp;", "&");
                    if (link.startsWith("/") && !link.startsWith("//") && !link.startsWith("/static/")
                            && !link.startsWith("/api/") && seen.add(link)) {
                        queue.add(link);
                    }
                }
            } else if (type.startsWith("text/csv")) {
                read = new String(r.body(), StandardCharsets.UTF_8);
                documents++;
            } else if (type.startsWith("application/vnd.openxmlformats")) {
                read = xlsx(r.body());
                documents++;
            } else if (type.startsWith("application/pdf")) {
                read = PdfText.of(r.body());
                documents++;
            } else {
                continue;
            }
            leak(path, read, codes, leaks);
            leak(path, read, ISO_DATE, leaks);
        }
        assertTrue(seen.size() > 10, role + " reached only " + seen);
        if (role == Role.COORDINATOR) {
            assertTrue(documents >= 3, "the coordinator's exports and documents were read: " + documents);
        }
        assertTrue(leaks.isEmpty(), role + " reads codes or ISO dates:\n" + String.join("\n", leaks));
    }

    private static void leak(String path, String text, Pattern pattern, List<String> leaks) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            int from = Math.max(0, m.start() - 40);
            int to = Math.min(text.length(), m.end() + 40);
            leaks.add(path + " : " + m.group() + " in « " + text.substring(from, to).replaceAll("\\s+", " ") + " »");
        }
    }

    /** The text of a page as a person reads it: its text nodes and the attributes read aloud or shown. */
    static String readable(String html) {
        String withoutCode = html.replaceAll("(?s)<script.*?</script>|<style.*?</style>", " ");
        StringBuilder out = new StringBuilder();
        Matcher attributes = READ_ATTRIBUTE.matcher(withoutCode);
        while (attributes.find()) {
            out.append(attributes.group(1)).append('\n');
        }
        out.append(withoutCode.replaceAll("(?s)<[^>]*>", " ").replace("&amp;", "&").replace("&#39;", "'")
                .replace("&quot;", "\""));
        return out.toString();
    }

    private static String xlsx(byte[] bytes) throws IOException {
        StringBuilder out = new StringBuilder();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(bytes))) {
            for (Sheet sheet : wb.getSheets().toList()) {
                try (Stream<org.dhatim.fastexcel.reader.Row> rows = sheet.openStream()) {
                    rows.forEach(row -> row.forEach(cell -> {
                        if (cell != null && cell.getType() == org.dhatim.fastexcel.reader.CellType.STRING) {
                            out.append(cell.asString()).append('\n');
                        }
                    }));
                }
            }
        }
        return out.toString();
    }
}
