package fr.parcsolidaire.inventory;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LshwParserTest {

    private static JsonValue resource(String name) throws Exception {
        try (InputStream in = LshwParserTest.class.getResourceAsStream(name); var reader = Json.createReader(in)) {
            return reader.readValue();
        }
    }

    @Test
    void readsALaptopWrappedInAListAsLshwDoesSinceB0218() throws Exception {
        LshwParser.Hardware hw = LshwParser.parse(resource("/lshw-laptop.json"));
        assertEquals("LENOVO", hw.vendor());
        assertEquals("20L7S01M00 (LENOVO_MT_20L7_BU_Think_FM_ThinkPad T480s)", hw.product());
        assertEquals("Intel(R) Core(TM) i5-8350U CPU @ 1.70GHz", hw.cpu());
        assertEquals(new BigDecimal("16"), hw.ramGb());
        assertEquals(2, hw.disks().size(), "the USB stick plugged in during the run is left out");

        LshwParser.Disk nvme = hw.disks().get(0);
        assertEquals(StorageKind.NVME, nvme.kind());
        assertEquals("S41GNX0M123456", nvme.serial(), "the NVMe serial comes from its controller");
        assertEquals("SAMSUNG MZVLB256HAHQ-000L7", nvme.model());
        assertEquals(new BigDecimal("256.1"), nvme.capacityGb());

        LshwParser.Disk sata = hw.disks().get(1);
        assertEquals(StorageKind.HDD, sata.kind());
        assertEquals("W62ABCDE", sata.serial());
        assertEquals(new BigDecimal("500.1"), sata.capacityGb());
    }

    @Test
    void readsTheRealOutputOfThisVirtualMachineAsAnObject() throws Exception {
        // Captured with `lshw -json` on the CI machine: a virtio disk without serial or size.
        LshwParser.Hardware hw = LshwParser.parse(resource("/lshw-virtual-machine.json"));
        assertEquals("AMD EPYC", hw.cpu());
        assertEquals(new BigDecimal("24"), hw.ramGb());
        assertEquals(1, hw.disks().size());
        assertEquals(StorageKind.OTHER, hw.disks().getFirst().kind());
        assertNull(hw.disks().getFirst().serial());
        assertEquals("/dev/vda", hw.disks().getFirst().logicalName());
    }

    @Test
    void refusesWhatIsNotLshwOutput() {
        assertThrows(IllegalArgumentException.class, () -> LshwParser.parse(Json.createValue("bonjour")));
        assertThrows(IllegalArgumentException.class, () -> LshwParser.parse(Json.createArrayBuilder().build()));
        assertThrows(IllegalArgumentException.class,
                () -> LshwParser.parse(Json.createObjectBuilder().add("class", "disk").build()));
    }
}
