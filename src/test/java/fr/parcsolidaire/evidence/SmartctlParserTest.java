package fr.parcsolidaire.evidence;

import fr.parcsolidaire.platform.http.HttpProblem;
import org.junit.jupiter.api.Test;

import static fr.parcsolidaire.evidence.Samples.bytes;
import static fr.parcsolidaire.evidence.Samples.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** smartctl -j -a of real drives (public test data of scrutiny and smartctl_exporter) and of this VM's disk. */
class SmartctlParserTest {

    @Test
    void aPassingSataSsd() {
        SmartReport r = SmartctlParser.parse(bytes("smart/scrutiny/smart-ata-full.json"));
        assertEquals("ATA", r.protocol());
        assertEquals("Samsung SSD 860 EVO 500GB", r.model());
        assertEquals("S3YZNB0KB00864E", r.serial());
        assertEquals(500107862016L, r.capacityBytes());
        assertEquals(14551L, r.powerOnHours());
        assertEquals(0L, r.reallocatedSectors());
        assertNull(r.pendingSectors(), "this SSD has no attribute 197");
        assertEquals(Boolean.TRUE, r.passed());
        assertFalse(r.failing());
        assertEquals("7.0", r.smartctlVersion());
    }

    @Test
    void aFailingHardDiskWithReallocatedAndPendingSectorsIsFlagged() {
        SmartReport r = SmartctlParser.parse(bytes("smart/scrutiny/smart-fail2.json"));
        assertEquals("Hitachi HDS721050DLE630", r.model());
        assertEquals("MSK423Y20S3HBC", r.serial());
        assertEquals(65592L, r.powerOnHours());
        assertEquals(1975L, r.reallocatedSectors());
        assertEquals(8L, r.pendingSectors());
        assertEquals(Boolean.FALSE, r.passed());
        assertTrue(r.failing());
        assertEquals("Rapport SMART (smartctl 7.1) de MSK423Y20S3HBC (Hitachi HDS721050DLE630) : ÉCHEC de "
                + "l'auto-évaluation, disque à remplacer ou détruire, 65592 h de fonctionnement, 1975 secteur(s) "
                + "réalloué(s), 8 en attente.", r.summary());
    }

    @Test
    void aPassingDiskWithReallocatedSectorsIsNotFlagged() {
        SmartReport r = SmartctlParser.parse(bytes("smart/smartctl_exporter/ST3500418AS_12.json"));
        assertEquals(304L, r.reallocatedSectors());
        assertEquals(0L, r.pendingSectors());
        assertFalse(r.failing(), "only the drive's own assessment flags it");
    }

    @Test
    void nvmeDrivesPassingAndFailing() {
        SmartReport ok = SmartctlParser.parse(bytes("smart/scrutiny/smart-nvme.json"));
        assertEquals("NVMe", ok.protocol());
        assertEquals("BTNH93710FS91P0B", ok.serial());
        assertEquals(1024209543168L, ok.capacityBytes());
        assertEquals(2401L, ok.powerOnHours());
        assertEquals(0L, ok.mediaErrors());
        assertEquals(0, ok.criticalWarning());
        assertNull(ok.reallocatedSectors());
        assertFalse(ok.failing());

        SmartReport bad = SmartctlParser.parse(bytes("smart/smartctl_exporter/nvme-null-SAMSUNG_MZWLL3T2HAJQ-00005-nvme0.json"));
        assertEquals(3200631791616L, bad.capacityBytes(), "nvme_total_capacity when user_capacity is absent");
        assertEquals(16, bad.criticalWarning(), "volatile memory backup failed");
        assertTrue(bad.failing());
    }

    @Test
    void scsiAndSataBehindOtherExitStatusesAreRead() {
        SmartReport sas = SmartctlParser.parse(bytes("smart/smartctl_exporter/HITACHI_H109060SESUN600G_10.json"));
        assertEquals("SCSI", sas.protocol());
        assertEquals("HITACHI H109060SESUN600G", sas.model(), "vendor and product for SCSI");
        assertEquals(22364L, sas.powerOnHours());
        SmartReport kingston = SmartctlParser.parse(bytes("smart/smartctl_exporter/sat-Phison_Driven_SSDs-KINGSTON_SA400M8120G-sda.json"));
        assertEquals(Boolean.TRUE, kingston.passed(), "exit status 4 (a SMART command failed) still has the data");
    }

    @Test
    void thisVirtualMachinesDiskGivesNoSmartDataAndTheRefusalSaysWhatSmartctlSaid() {
        HttpProblem p = assertThrows(HttpProblem.class, () -> SmartctlParser.parse(bytes("smart/this-vm/smartctl-j-a-vda.json")));
        assertEquals(422, p.status().code());
        assertEquals("smartctl n'a pas pu lire ce disque (« /dev/vda: Unable to detect device type ») : ce fichier ne "
                + "contient aucune donnée SMART. Sur une machine virtuelle il n'y en a pas ; derrière un adaptateur USB, "
                + "essayez « smartctl -j -a -d sat /dev/… » sur la machine elle-même.", p.getMessage());
        HttpProblem sat = assertThrows(HttpProblem.class, () -> SmartctlParser.parse(bytes("smart/this-vm/smartctl-j-a-d-sat-vda.json")));
        assertTrue(sat.getMessage().contains("Operation not permitted"), sat.getMessage());
        HttpProblem windows = assertThrows(HttpProblem.class, () -> SmartctlParser.parse(bytes("smart/scrutiny/smart-fail.json")));
        assertTrue(windows.getMessage().startsWith("smartctl n'a pas pu lire ce disque"), windows.getMessage());
    }

    @Test
    void otherFilesAreRefusedInFrench() {
        String notSmartctl = "Ce fichier n'est pas la sortie JSON de smartctl (« smartctl -j -a /dev/… »).";
        assertEquals(notSmartctl, assertThrows(HttpProblem.class, () -> SmartctlParser.parse(utf8("pas du JSON"))).getMessage());
        assertEquals(notSmartctl, assertThrows(HttpProblem.class, () -> SmartctlParser.parse(utf8("[1,2]"))).getMessage());
        assertEquals(notSmartctl, assertThrows(HttpProblem.class, () -> SmartctlParser.parse(utf8("{\"id\":\"vm\"}"))).getMessage());
        assertEquals(notSmartctl, assertThrows(HttpProblem.class, () -> SmartctlParser.parse(utf8("[".repeat(100_000)))).getMessage());
        // Found by the generated hostile corpus: the JSON parser refuses a huge exponent with NumberFormatException.
        assertEquals(notSmartctl, assertThrows(HttpProblem.class, () -> SmartctlParser.parse(utf8(
                "{\"smartctl\":{\"version\":[7,3]},\"power_on_time\":{\"hours\":1e99999999999}}"))).getMessage());
        HttpProblem noSerial = assertThrows(HttpProblem.class, () -> SmartctlParser.parse(utf8(
                "{\"smartctl\":{\"version\":[7,3]},\"model_name\":\"X\",\"smart_status\":{\"passed\":true}}")));
        assertTrue(noSerial.getMessage().contains("ne donne pas le n° de série"), noSerial.getMessage());
        byte[] large = new byte[SmartctlParser.MAX_BYTES + 1];
        java.util.Arrays.fill(large, (byte) ' ');
        assertTrue(assertThrows(HttpProblem.class, () -> SmartctlParser.parse(large)).getMessage().contains("dépasse 1 Mo"));
    }
}
