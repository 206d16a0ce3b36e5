package fr.parcsolidaire.evidence;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The SMART rule the erasure gate applies: a disk failing its own assessment blocks until it is destroyed. */
class SmartHealthTest {

    private static SmartHealth.Disk disk(String name, boolean failed, boolean destroyed) {
        return new SmartHealth.Disk(name, failed, destroyed);
    }

    @Test
    void aDiskThatFailsItsAssessmentBlocksUntilItIsDestroyed() {
        assertEquals("disque en échec SMART à remplacer et détruire : MSK423Y20S3HBC (Hitachi HDS721050DLE630)",
                SmartHealth.missing(List.of(disk("MSK423Y20S3HBC (Hitachi HDS721050DLE630)", true, false))));
        assertNull(SmartHealth.missing(List.of(disk("MSK423Y20S3HBC", true, true))), "destroyed: nothing left to fear");
    }

    @Test
    void passingDisksAndDisksWithoutReportDoNotBlock() {
        assertNull(SmartHealth.missing(List.of()));
        assertNull(SmartHealth.missing(List.of(disk("S3YZNB0KB00864E", false, false))));
    }

    @Test
    void everyBlockingDiskIsNamedInOrder() {
        List<SmartHealth.Disk> disks = List.of(disk("A", true, false), disk("B", false, false), disk("C", true, true),
                disk("D", true, false));
        assertEquals(List.of("A", "D"), SmartHealth.blocking(disks));
        assertEquals("disques en échec SMART à remplacer et détruire : A, D", SmartHealth.missing(disks));
    }

    @Test
    void aDiskWithoutSerialIsNamedByItsRecord() {
        assertEquals("support n° 12 eMMC 32 Go", SmartHealth.name(null, "eMMC 32 Go", 12));
        assertEquals("S3Z1", SmartHealth.name("S3Z1", null, 12));
    }
}
