package fr.parcsolidaire.evidence;

import fr.parcsolidaire.platform.http.HttpProblem;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

import static fr.parcsolidaire.evidence.Samples.text;
import static fr.parcsolidaire.evidence.Samples.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** nwipe's text log as Debian's 0.33, 0.35, 0.42 and ShredOS write it: real logs of loop-device wipes. */
class NwipeLogParserTest {

    private static WipeReport parse(String log) {
        return NwipeLogParser.parse(utf8(log));
    }

    private static LocalDateTime at(String hms) {
        return LocalDateTime.parse("2026-11-28T" + hms);
    }

    @Test
    void readsDebiansNwipe033LogOfAVerifiedZeroFill() {
        WipeReport r = parse(text("nwipe-0.33/zero-verify-last.log"));
        assertEquals("nwipe 0.33", r.tool(), "0.33's log file has no version line: the banner option names it");
        assertEquals("0.33", r.version());
        assertEquals("Fill With Zeros", r.methodName());
        assertEquals(NwipeMethod.ZERO, r.method());
        assertEquals(NistLevel.CLEAR, r.method().level());
        assertEquals(1, r.rounds());
        assertEquals(VerifyMode.LAST, r.verify());
        assertEquals(Boolean.TRUE, r.blank());
        assertEquals("Isaac64", r.prng());
        assertEquals(WipeReport.Ending.COMPLETED, r.ending());
        assertEquals(at("06:07:30"), r.startedAt());
        assertEquals(at("06:07:32"), r.endedAt());
        assertEquals(List.of(), r.notes());

        WipedDevice d = r.devices().getFirst();
        assertEquals(1, r.devices().size());
        assertEquals("/dev/loop0", d.device());
        assertEquals("VIRT", d.bus());
        assertEquals("Loopback device", d.model());
        assertEquals("33 MB", d.size());
        assertNull(d.serial(), "a loop device has no serial");
        assertFalse(d.serialMasked());
        assertEquals(WipeStatus.ERASED, d.status());
        assertEquals(0, d.passErrors());
        assertEquals(0, d.verifyErrors());
        assertEquals(0, d.syncErrors());
        assertEquals(1, d.passesCompleted());
        assertTrue(d.blanked());
        assertEquals(at("06:07:30"), d.startedAt(), "Invoking method");
        assertEquals(at("06:07:31"), d.endedAt(), "its last line before the summary");
    }

    @Test
    void aSerialOnTheFoundLineIsTheDisksIdentityEvenWhenTheTableTruncatesIt() {
        String log = Samples.withSerial(text("nwipe-0.42/zero-verify-last.log"), "/dev/loop0", "WD-WCC4N7HX9R2K");
        WipedDevice d = parse(log).devices().getFirst();
        assertEquals("WD-WCC4N7HX9R2K", d.serial());
        assertEquals("VIRT", d.bus(), "0.4x pads the bus to eight characters");
        assertEquals("33 MB", d.size());
        assertEquals(33554432L, d.bytesErased(), "0.4x's Erasure Summary table");
    }

    @Test
    void readsTheFoundLinesOfRealDrivesWithPaddedBusesTruncatedModelsAndCommas() {
        String log = text("nwipe-0.33/zero-verify-last.log")
                .replace("Found /dev/loop0, VIRT, Loopback device,  33 MB, S/N=",
                        "Found /dev/sda,  ATA-SSD, INTEL SSDSC2BB96, rev. B,  960 GB, S/N= BTWL3405 02HF960 ")
                .replace("/dev/loop0", "/dev/sda").replace("     loop0 |", "       sda |");
        WipedDevice d = parse(log).devices().getFirst();
        assertEquals("/dev/sda", d.device());
        assertEquals("ATA-SSD", d.bus());
        assertEquals("INTEL SSDSC2BB96, rev. B", d.model(), "a comma in the model stays in the model");
        assertEquals("960 GB", d.size());
        assertEquals("BTWL3405 02HF960", d.serial());
        assertEquals(WipeStatus.ERASED, d.status());
    }

    @Test
    void twoDevicesOneFailedIn033And042() {
        for (String sample : List.of("nwipe-0.33/two-devices-one-failed.log", "nwipe-0.42/two-devices-one-failed-readonly.log")) {
            WipeReport r = parse(text(sample));
            assertEquals(WipeReport.Ending.ERRORS, r.ending(), sample);
            assertEquals(List.of("/dev/loop0", "/dev/loop2"), r.devices().stream().map(WipedDevice::device).toList(), sample);
            assertEquals(WipeStatus.ERASED, r.devices().get(0).status(), sample);
            WipedDevice failed = r.devices().get(1);
            assertEquals(WipeStatus.FAILED, failed.status(), sample);
            assertTrue(failed.passErrors() > 0, sample);
            assertEquals(0, failed.passesCompleted(), sample);
            assertFalse(failed.blanked(), sample);
        }
        WipedDevice readOnly = parse(text("nwipe-0.42/two-devices-one-failed-readonly.log")).devices().get(1);
        assertEquals(2, readOnly.passErrors());
        assertEquals(0L, readOnly.bytesErased());
        assertEquals(at("06:10:08"), readOnly.startedAt());
        assertEquals(at("06:10:29"), readOnly.endedAt(), "the certificate's end time too; not the summary's fatal line");
        assertEquals(NwipeMethod.DOD_SHORT, parse(text("nwipe-0.42/two-devices-one-failed-readonly.log")).method());
    }

    @Test
    void aVerificationFailureIsAFailure() {
        WipeReport r = parse(text("nwipe-0.33/failed-verify-one-on-zeroed.log"));
        assertEquals(NwipeMethod.VERIFY_ONE, r.method(), "nwipe prints \"Verify Ones  (0xFF)\" with two spaces");
        assertNull(r.method().level(), "a verification method erases nothing");
        assertEquals(WipeStatus.FAILED, r.devices().getFirst().status());
        assertEquals(65536, r.devices().getFirst().verifyErrors());
    }

    @Test
    void aWipeInterruptedByTheUserIsAborted() {
        for (String sample : List.of("nwipe-0.33/aborted-sigint.log", "nwipe-0.42/aborted-sigint.log")) {
            WipeReport r = parse(text(sample));
            assertEquals(WipeReport.Ending.ABORTED_BY_USER, r.ending(), sample);
            WipedDevice d = r.devices().getFirst();
            assertEquals(WipeStatus.ABORTED, d.status(), sample);
            assertEquals(NwipeMethod.GUTMANN, r.method(), sample);
            assertTrue(d.passesCompleted() > 0 && d.passesCompleted() < 35, sample + ": " + d.passesCompleted());
            assertNull(d.roundsCompleted(), sample);
            assertTrue(r.notes().isEmpty(), sample + ": " + r.notes());
        }
    }

    @Test
    void nwipe035NeverExitsAfterItsWipeSoItsLogSaysAbortedButTheDiskStaysErased() {
        WipeReport r = parse(text("nwipe-0.35/prng-verify-last.log"));
        assertEquals("nwipe 0.35", r.tool());
        assertEquals(WipeReport.Ending.ABORTED_BY_USER, r.ending(), "killed five minutes after the wipe");
        WipedDevice d = r.devices().getFirst();
        assertEquals(WipeStatus.ERASED, d.status());
        assertEquals(at("06:12:05"), d.endedAt(), "the wipe's end, not the kill's 06:17:05");
        assertEquals(at("06:17:05"), r.endedAt());
        assertEquals(1, r.notes().size());
        assertTrue(r.notes().getFirst().contains("nwipe 0.35 ne se termine pas seul"), r.notes().toString());

        WipeReport ctrlC = parse(text("nwipe-0.35/zero-verify-last-sigint-after-finish.log"));
        assertEquals(WipeStatus.ERASED, ctrlC.devices().getFirst().status());
        assertEquals(NwipeMethod.ZERO, ctrlC.method());
    }

    @Test
    void readsShredOsLogsWhoseBannerReplacesNwipes() {
        WipeReport r = parse(text("shredos/nwipe_log_20261128-061859.txt"));
        assertEquals("ShredOS v2025.11_30_x86-64_56ac805-commit-dev", r.tool());
        assertNull(r.version(), "a development build names a commit, not an nwipe release");
        assertEquals(NwipeMethod.PRNG, r.method());
        assertEquals("SplitMix64", r.prng());
        assertEquals(2, r.devices().size());
        assertTrue(r.devices().stream().allMatch(d -> d.status() == WipeStatus.ERASED));
        assertEquals("50 MB", r.devices().get(1).size());

        String release = text("shredos/nwipe_log_20261128-061859.txt")
                .replace("ShredOS v2025.11_30_x86-64_56ac805-commit-dev", "ShredOS v2024.11_27_x86-64_0.38");
        assertEquals("0.38", parse(release).version(), "a ShredOS release's banner ends with its nwipe version");
    }

    @Test
    void optionsAndTheSummaryCodeAgree() {
        WipeReport noBlank = parse(text("nwipe-0.33/two-devices-zero-noblank.log"));
        assertEquals(Boolean.FALSE, noBlank.blank());
        assertFalse(noBlank.devices().getFirst().blanked());
        assertEquals(1, noBlank.plannedPasses());

        WipeReport quiet = parse(text("nwipe-0.33/quiet-prng-2rounds-verify-off.log"));
        assertEquals(VerifyMode.OFF, quiet.verify());
        assertEquals(2, quiet.rounds());
        assertEquals(2, quiet.devices().getFirst().passesCompleted(), "one pass in each of two rounds");
        assertEquals(2, quiet.devices().getFirst().roundsCompleted());

        WipeReport all = parse(text("nwipe-0.42/two-devices-prng-verify-all.log"));
        assertEquals(VerifyMode.ALL, all.verify());

        WipeReport gutmann = parse(text("nwipe-0.33/gutmann.log"));
        assertEquals(35, gutmann.devices().getFirst().passesCompleted());
        assertEquals(36, gutmann.plannedPasses(), "35 passes and the blanking pass");

        // Without the options block (a log whose head was lost), the summary's 2R+B+NV says the same.
        String log = text("nwipe-0.33/quiet-prng-2rounds-verify-off.log");
        WipeReport tail = parse(log.substring(log.indexOf("\n******")));
        assertEquals(2, tail.rounds());
        assertEquals(VerifyMode.OFF, tail.verify());
        assertEquals(Boolean.TRUE, tail.blank());
        assertEquals(NwipeMethod.PRNG, tail.method());
    }

    @Test
    void quietModeMasksSerialsAndSaysSo() {
        WipeReport r = parse(text("nwipe-0.33/quiet-prng-2rounds-verify-off.log"));
        WipedDevice d = r.devices().getFirst();
        assertNull(d.serial());
        assertTrue(d.serialMasked());
        assertTrue(r.notes().getFirst().contains("--quiet"), r.notes().toString());
    }

    @Test
    void aTruncatedLogKeepsWhatItHasAndCountsNothingAsErased() {
        String log = Samples.withSerial(text("nwipe-0.33/two-devices-one-failed.log"), "/dev/loop0", "SERIAL-A");
        String cut = log.substring(0, log.indexOf("Blanking device /dev/loop0") + 10);
        WipeReport r = parse(cut);
        assertEquals(WipeReport.Ending.TRUNCATED, r.ending());
        assertEquals(2, r.devices().size());
        assertEquals("SERIAL-A", r.devices().getFirst().serial());
        assertTrue(r.devices().stream().allMatch(d -> d.status() == WipeStatus.UNKNOWN));
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("journal s'arrête avant la fin")), r.notes().toString());

        // Cut inside the Drive Status table: the rows read are kept, the other disk stays unknown.
        String inTable = log.substring(0, log.indexOf("!    loop2 |-FAILED-"));
        WipeReport partial = parse(inTable);
        assertEquals(WipeStatus.ERASED, partial.devices().get(0).status());
        assertEquals(WipeStatus.UNKNOWN, partial.devices().get(1).status());
    }

    @Test
    void windowsLineEndsAndInvalidUtf8AreRead() {
        byte[] crlf = utf8(text("nwipe-0.33/zero-verify-last.log").replace("\n", "\r\n"));
        assertEquals(WipeStatus.ERASED, NwipeLogParser.parse(crlf).devices().getFirst().status());

        byte[] log = text("nwipe-0.33/zero-verify-last.log").getBytes(StandardCharsets.ISO_8859_1);
        byte[] garbage = new byte[log.length + 4];
        System.arraycopy(log, 0, garbage, 4, log.length);
        garbage[0] = (byte) 0xC3;
        garbage[1] = (byte) 0x28;
        garbage[2] = (byte) 0xFF;
        garbage[3] = '\n';
        assertEquals(WipeStatus.ERASED, NwipeLogParser.parse(garbage).devices().getFirst().status());
    }

    @Test
    void aFileThatIsNoNwipeLogIsRefusedInFrench() {
        HttpProblem p = assertThrows(HttpProblem.class, () -> parse("Bonjour,\nceci est une lettre.\n"));
        assertEquals(422, p.status().code());
        assertTrue(p.getMessage().startsWith("Ce fichier ne ressemble pas à un journal nwipe"), p.getMessage());
        assertThrows(HttpProblem.class, () -> NwipeLogParser.parse(new byte[0]));
        assertThrows(HttpProblem.class, () -> NwipeLogParser.parse(Samples.bytes("smart/scrutiny/smart-nvme.json")));
    }

    @Test
    void hostileInputIsBoundedBeforeItIsRead() {
        byte[] huge = new byte[NwipeLogParser.MAX_BYTES + 1];
        Arrays.fill(huge, (byte) 'a');
        HttpProblem p = assertThrows(HttpProblem.class, () -> NwipeLogParser.parse(huge));
        assertTrue(p.getMessage().contains("dépasse 8 Mo"), p.getMessage());

        // One 7 MB line of commas and "/dev/": cut at MAX_LINE, read in one pass.
        StringBuilder line = new StringBuilder("[2026/11/28 06:07:30]  notice: Found /dev/loop0");
        while (line.length() < 7_000_000) {
            line.append(", /dev/x");
        }
        long start = System.nanoTime();
        HttpProblem cut = assertThrows(HttpProblem.class, () -> parse(line + ", S/N=\n"));
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "a linear read, not a backtracking one");
        assertTrue(cut.getMessage().startsWith("Ce fichier ne ressemble pas"), "its S/N= was beyond the cut: no disk");

        // Ten thousand Found lines: only the first MAX_DEVICES disks are kept, and the log says so.
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            many.append("[2026/11/28 06:07:30]  notice: Found /dev/sd").append(i).append(", ATA, Disk, 1 GB, S/N=X").append(i).append('\n');
        }
        WipeReport crowded = parse(many.toString());
        assertEquals(NwipeLogParser.MAX_DEVICES, crowded.devices().size());
        assertTrue(crowded.notes().getFirst().startsWith("Plus de 256 disques"), crowded.notes().toString());
    }
}
