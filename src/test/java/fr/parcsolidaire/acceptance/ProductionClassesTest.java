package fr.parcsolidaire.acceptance;

import fr.parcsolidaire.Main;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production classes (target/classes, what the jar packs) hold no tool: the seeder, benchmarks and load tools
 * live in src/bench/java, compiled with the tests only. ./parc test checks the packaged jar the same way.
 */
class ProductionClassesTest {

    @Test
    void theProductionClassesHoldNoSeederBenchmarkOrLoadTool() throws Exception {
        Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(classes.resolve("fr/parcsolidaire")), classes + " holds the compiled main classes");
        List<String> tools;
        try (Stream<Path> all = Files.walk(classes)) {
            tools = all.map(p -> classes.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.endsWith(".class"))
                    .filter(p -> p.startsWith("fr/parcsolidaire/bench/") || p.startsWith("fr/parcsolidaire/acceptance/")
                            || p.matches(".*/(Seeder|[A-Za-z]*Bench|LoadTools?|CrashScenario)(\\$.*)?\\.class"))
                    .toList();
        }
        assertEquals(List.of(), tools);
        assertTrue(Files.exists(classes.getParent().resolve("test-classes/fr/parcsolidaire/bench/Seeder.class")),
                "the seeder is still built, with the tests");
    }
}
