package fr.parcsolidaire.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The packaged service's JVM options, from their one place ({@code ./parc java-opts}): benches start it as people do. */
public final class JavaOptions {

    private JavaOptions() {
    }

    public static List<String> ofPackagedService() {
        try {
            Process p = new ProcessBuilder("./parc", "java-opts").redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("./parc java-opts a échoué (code " + p.exitValue() + ")");
            }
            return out.lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
