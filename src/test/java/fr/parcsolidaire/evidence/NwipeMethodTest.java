package fr.parcsolidaire.evidence;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The NIST SP 800-88 mapping of nwipe's methods: one table in code, the same in docs/evidence.md. */
class NwipeMethodTest {

    @Test
    void theTableInTheDocsIsTheTableInTheCode() throws Exception {
        List<String> documented = new ArrayList<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(Path.of("docs/evidence.md"))) {
            if (line.startsWith("| méthode (nom imprimé par nwipe)")) {
                inTable = true;
            } else if (inTable && line.startsWith("| ") && !line.startsWith("|---")) {
                documented.add(line);
            } else if (inTable && !line.startsWith("|")) {
                break;
            }
        }
        List<String> coded = new ArrayList<>();
        for (NwipeMethod m : NwipeMethod.values()) {
            String level = m.level() == null ? "aucun" : m.level() == NistLevel.CLEAR ? "Clear" : "Purge";
            coded.add("| " + m.printed() + " | " + m.option() + " | " + level + " | " + m.passesPerRound() + " |");
        }
        assertEquals(coded, documented);
    }

    @Test
    void methodsAreFoundByTheNameNwipePrintsWhateverItsSpacing() {
        assertSame(NwipeMethod.VERIFY_ONE, NwipeMethod.ofPrinted("Verify Ones  (0xFF)"), "nwipe's own label, two spaces");
        assertSame(NwipeMethod.DOD_5220_22_M, NwipeMethod.ofPrinted(" dod 5220.22-m "));
        assertNull(NwipeMethod.ofPrinted("Secure Erase"));
        assertNull(NwipeMethod.ofPrinted(null));
    }

    @Test
    void noNwipeMethodIsPurgeAndVerificationErasesNothing() {
        for (NwipeMethod m : NwipeMethod.values()) {
            if (m.name().startsWith("VERIFY")) {
                assertNull(m.level(), m.name());
                assertEquals(0, m.passesPerRound(), m.name());
            } else {
                assertSame(NistLevel.CLEAR, m.level(), m.name() + ": an overwrite through the OS is Clear");
            }
        }
    }
}
