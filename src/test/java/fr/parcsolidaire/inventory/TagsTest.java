package fr.parcsolidaire.inventory;

import fr.parcsolidaire.platform.http.HttpProblem;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one place tags are read: typed, scanned, photographed, searched; and the sentence when none matches. */
class TagsTest {

    @Test
    void aTagIsReadInAnyCaseFromItselfOrFromItsLabelsUrl() {
        assertEquals("PS-2026-00042", Tags.fromScan(" ps-2026-00042 "));
        assertEquals("PS-2026-00042", Tags.fromScan("HTTPS://PARC.EXEMPLE.FR/M/PS-2026-00042"));
        assertEquals("PS-2026-00042", Tags.fromScan("http://192.168.1.10:8080/m/ps-2026-00042/"));
        assertEquals("PS-2026-00042", Tags.fromScan("/m/PS-2026-00042"));
        assertEquals("PS-2026-00042", Tags.normalise("  pS-2026-00042\n"));
        assertTrue(Tags.isTag("PS-2026-00042"));
        assertFalse(Tags.isTag("PS-26-42"));
        assertFalse(Tags.isTag(null));
    }

    @Test
    void whatIsNotATagIsRefusedSayingWhy() {
        assertEquals("Scannez une étiquette ou tapez un numéro d'inventaire.",
                assertThrows(HttpProblem.class, () -> Tags.fromScan("  ")).getMessage());
        assertEquals("Cette adresse n'est pas celle d'une étiquette de machine (une adresse …/m/PS-2026-00042 est attendue).",
                assertThrows(HttpProblem.class, () -> Tags.fromScan("https://exemple.fr/autre")).getMessage());
        assertEquals("« bonjour » n'est pas un numéro d'inventaire (format PS-2026-00042).",
                assertThrows(HttpProblem.class, () -> Tags.fromScan("bonjour")).getMessage());
    }

    @Test
    void aSearchEndingWithATagFindsItAndOtherTextStaysText() {
        assertEquals(Optional.of("PS-2026-00042"), Tags.inSearch("https://parc.exemple.fr/m/ps-2026-00042/"));
        assertEquals(Optional.empty(), Tags.inSearch("ThinkPad"));
    }

    @Test
    void theSentenceForAnUnknownTagIsWrittenOnce() {
        assertEquals("Aucune machine ne porte le numéro « PS-1999-99999 ».", Tags.unknown("PS-1999-99999"));
        assertEquals(404, Tags.notFound("PS-1999-99999").status().code());
        assertEquals("Aucune machine ne porte le numéro PS-1.", Tags.unknown(1, "PS-1"));
        assertEquals("Aucune machine ne porte les numéros A, B.", Tags.unknown(2, "A, B"));
    }
}
