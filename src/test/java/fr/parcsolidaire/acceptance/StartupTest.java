package fr.parcsolidaire.acceptance;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A start the settings refuse, as a person sees it: one French sentence on the error output, nothing else. */
class StartupTest {

    @Test
    void demoDataInProductionStopsTheStartWithOneFrenchSentence() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), "fr.parcsolidaire.Main"));
        pb.environment().put("APP_MODE", "production");
        pb.environment().put("DEMO", "true");
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the refused start ends by itself");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.exitValue());
        assertEquals("", out);
        assertEquals("Données de démonstration refusées en mode production : retirez DEMO=true (ou --demo) ou APP_MODE=production.\n",
                err);
    }
}
