package fr.parcsolidaire.platform.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A tool's output is told apart by its first bytes: an nwipe log opens like a JSON array, and is not one. */
class UploadSniffTest {

    private static String sniff(String s) {
        return Upload.sniff(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void logsAreTextEvenWhenTheyOpenWithABracket() {
        assertEquals(Upload.TEXT, sniff("[2026/11/28 06:09:39]    info: nwipe 0.42\n"));
        assertEquals(Upload.TEXT, sniff("ShredOS v2024.02.2_26.0_x86-64_0.38\n"));
        assertEquals(Upload.TEXT, sniff("[ok] started\n"));
    }

    @Test
    void jsonIsAnObjectOrAnArrayOfValuesThatLookLikeJson() {
        assertEquals(Upload.JSON, sniff("{\n  \"json_format_version\": [1, 0]"));
        assertEquals(Upload.JSON, sniff("\uFEFF  {\"a\":1}"));
        assertEquals(Upload.JSON, sniff("[\n  {\n    \"id\" : \"vm\""));
        assertEquals(Upload.JSON, sniff("[]"));
    }

    @Test
    void binaryAndKnownMagicNumbersKeepTheirTypes() {
        assertEquals(Upload.PDF, sniff("%PDF-1.4\n"));
        assertNull(Upload.sniff(new byte[] {'a', 0, 'b'}), "a NUL byte is not text");
        assertNull(Upload.sniff(new byte[] {'G', 'I', 'F', '8', '9', 'a', 0}));
    }
}
