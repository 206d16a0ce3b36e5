package fr.parcsolidaire.evidence;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SerialMatchTest {

    private static WipedDevice disk(String serial) {
        return new WipedDevice("/dev/sda", "ATA", "Disk", "500 GB", serial, false, WipeStatus.ERASED, 0, 0, 0, 1, 1,
                true, null, null, null);
    }

    @Test
    void serialsAreComparedWithCaseAndSpacingIgnored() {
        assertEquals("WDWCC4N7HX9R2K", Serials.key(" wd wcc4n7hx9r2k\t"));
        assertEquals("S3Z1NB0K", Serials.key("S3Z1\u00a0NB0K"), "a no-break space from a copied label");
        assertNull(Serials.key("   "));
        assertNull(Serials.key(null));
        assertEquals("WD-WCC4N", Serials.key("wd-wcc4n"), "dashes are part of the serial");
    }

    @Test
    void nwipesMaskedSerialsAreNoSerials() {
        assertTrue(Serials.masked("???????????????"));
        assertTrue(Serials.masked("XXXXXXXXXXXX"));
        assertFalse(Serials.masked("XX12"));
        assertFalse(Serials.masked("XXX"), "too short to be a mask: a real serial could be that");
        assertNull(Serials.printed("???????????????"));
        assertNull(Serials.printed(""));
        assertEquals("S3Z1NB0K", Serials.printed(" S3Z1NB0K "));
    }

    @Test
    void eachDiskPairsWithTheDeviceOfItsSerialOrWithNothing() {
        SerialMatch.Known hdd = new SerialMatch.Known(7, "WD-WCC4N 7HX9R2K", "WDC WD5000");
        SerialMatch.Known ssd = new SerialMatch.Known(8, "s3z1nb0k", null);
        SerialMatch.Known unnamed = new SerialMatch.Known(9, null, "eMMC");
        List<SerialMatch.Known> pairs = SerialMatch.pair(
                List.of(disk("S3Z1NB0K"), disk(null), disk("wd-wcc4n7hx9r2k"), disk("OTHER")), List.of(hdd, ssd, unnamed));
        assertSame(ssd, pairs.get(0));
        assertNull(pairs.get(1), "no serial, no pairing, even with a device without serial on record");
        assertSame(hdd, pairs.get(2));
        assertNull(pairs.get(3));
    }

    @Test
    void theRefusalListsTheSerialsFoundAndTheSerialsKnown() {
        String message = SerialMatch.noneOnMachine("PS-2026-00031", Arrays.asList("LOOP-A", null, "LOOP-B"),
                List.of(new SerialMatch.Known(7, "WD-WCC4N7HX9R2K", "WDC WD5000"), new SerialMatch.Known(9, null, "eMMC")));
        assertEquals("Aucun disque de ce fichier ne correspond aux supports de la machine PS-2026-00031 (n° de série "
                + "comparés sans tenir compte des majuscules ni des espaces). N° de série du fichier : LOOP-A, LOOP-B ; "
                + "1 disque sans n° de série (ou masqué). Supports enregistrés sur la machine : WD-WCC4N7HX9R2K "
                + "(WDC WD5000), support n° 9 eMMC.", message);
        assertTrue(SerialMatch.noneOnMachine("PS-2026-00001", Arrays.asList(null, null), List.of())
                .endsWith("N° de série du fichier : aucun ; 2 disques sans n° de série (ou masqués). Supports enregistrés "
                        + "sur la machine : aucun (déclarez d'abord ses disques au diagnostic)."));
        assertTrue(SerialMatch.noneAnywhere(List.of("ZZZ")).contains("N° de série du fichier : ZZZ."));
    }
}
