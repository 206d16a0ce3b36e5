package fr.parcsolidaire.labels;

import fr.parcsolidaire.Fixtures;
import fr.parcsolidaire.Http;
import fr.parcsolidaire.TestApp;
import fr.parcsolidaire.inventory.MachineUrls;
import fr.parcsolidaire.platform.security.Role;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ZPL for Zebra printers, read back: each label's QR field data is the label's URL and its tag is printed. */
class ZplTest {

    private static final Pattern FORMAT = Pattern.compile("\\^XA(.*?)\\^XZ", Pattern.DOTALL);
    private static final Pattern QR = Pattern.compile("\\^BQN,2,(\\d+)\\^FH\\\\\\^FD(.*?)\\^FS");
    private static final Pattern TEXT = Pattern.compile("\\^A0N,\\d+,\\d+\\^FB\\d+,\\d,0,L\\^FH\\\\\\^FD(.*?)\\^FS");

    private final Http tech = Http.api(Role.TECHNICIAN);

    /** One label of the file: its width and height in dots, QR magnification and data, and its text fields. */
    record Label(int width, int height, int magnification, String qrData, List<String> texts) {
    }

    @Test
    void eachLabelCarriesItsUrlInTheQrAndItsTagInClear() {
        List<String> tags = Fixtures.intake(3);
        HttpResponse<String> r = tech.get("/api/v1/labels/zpl?tags=" + String.join(",", tags));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Disposition").orElseThrow().contains("etiquettes-62x29-203dpi.zpl"));
        List<Label> labels = read(r.body());
        assertEquals(3, labels.size());
        for (int i = 0; i < 3; i++) {
            Label l = labels.get(i);
            assertEquals(496, l.width(), "62 mm at 8 dots a millimetre");
            assertEquals(232, l.height());
            assertEquals("MA," + MachineUrls.forQr(TestApp.get().baseUrl(), tags.get(i)), l.qrData(),
                    "error correction M, automatic mode, the label's URL");
            assertTrue(l.magnification() >= 3, "a module of at least 3 dots (0.375 mm) reads from a phone: " + l.magnification());
            assertEquals(tags.get(i), l.texts().getFirst());
            assertEquals("Lenovo ThinkPad X270", l.texts().get(1));
        }
    }

    @Test
    void sizesAndResolutionsScaleTheLabel() {
        String tag = Fixtures.intake(1).getFirst();
        Label big = read(tech.get("/api/v1/labels/zpl?tags=" + tag + "&size=62x29&dpi=300").body()).getFirst();
        assertEquals(732, big.width());
        assertEquals(343, big.height());
        Label small = read(tech.get("/api/v1/labels/zpl?tags=" + tag + "&size=50x25&dpi=203").body()).getFirst();
        assertEquals(400, small.width());
        assertEquals(200, small.height());
        assertTrue(big.magnification() > small.magnification());
        // The QR and its quiet zone fit the label's height.
        int modules = 29;
        assertTrue(small.magnification() * modules <= small.height(), "fits: " + small.magnification());
    }

    @Test
    void zplCommandsInAModelNameArePrintedNotObeyed() {
        JsonObject body = Json.createObjectBuilder()
                .add("donor", Json.createObjectBuilder().add("name", "Entreprise ZPL").add("kind", "COMPANY"))
                .add("receivedOn", LocalDate.now().toString()).add("site", "atelier")
                .add("machines", Json.createArrayBuilder().add(Json.createObjectBuilder().add("type", "LAPTOP")
                        .add("brand", "Évil").add("model", "X^XZ^XA~JA\\01").add("serial", "ZPL-" + System.nanoTime()))).build();
        String tag = Http.json(Fixtures.expect(201, tech.postJson("/api/v1/donations", body)))
                .getJsonArray("machines").getJsonObject(0).getString("tag");
        String zpl = tech.get("/api/v1/labels/zpl?tags=" + tag).body();
        assertEquals(1, zpl.split("\\^XZ", -1).length - 1, "one format, whatever the model says");
        assertTrue(zpl.contains("\\5EXZ\\5EXA\\7EJA\\5C01"), zpl);
        assertEquals("Évil X^XZ^XA~JA\\01", read(zpl).getFirst().texts().get(1), "printed as typed, in UTF-8");
    }

    @Test
    void mistakesAreRefusedInFrenchOnTheApiAndThePage() {
        String tag = Fixtures.intake(1).getFirst();
        HttpResponse<String> size = tech.get("/api/v1/labels/zpl?tags=" + tag + "&size=10x10&dpi=600");
        assertEquals(400, size.statusCode());
        JsonObject fields = Http.json(size).getJsonObject("fields");
        assertTrue(fields.getString("size").startsWith("Format inconnu"));
        assertTrue(fields.getString("dpi").contains("203 ou 300"));
        HttpResponse<String> unknown = tech.get("/api/v1/labels/zpl?tags=PS-1999-99998");
        assertEquals(400, unknown.statusCode());
        assertTrue(Http.json(unknown).getJsonObject("fields").getString("tags").contains("Aucune machine"));
        assertEquals(403, Http.api(Role.COORDINATOR).get("/api/v1/labels/zpl?tags=" + tag).statusCode());

        Http page = Http.browser(Role.TECHNICIAN);
        String print = page.get("/labels/print?tags=" + tag).body();
        assertTrue(print.contains("action=\"/labels/zpl\""), "the ZPL download sits beside the PDF");
        HttpResponse<String> download = page.get("/labels/zpl?tags=" + tag + "&size=50x25&dpi=300");
        assertEquals(200, download.statusCode());
        assertEquals(1, read(download.body()).size());
        HttpResponse<String> refused = page.get("/labels/zpl?tags=" + tag + "&dpi=150");
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("id=\"zpl-dpi-error\"") && refused.body().contains("Choisissez 203 ou 300"), refused.body());
    }

    static List<Label> read(String zpl) {
        List<Label> labels = new ArrayList<>();
        Matcher format = FORMAT.matcher(zpl);
        while (format.find()) {
            String f = format.group(1);
            Matcher qr = QR.matcher(f);
            assertTrue(qr.find(), "a ^BQ field in " + f);
            List<String> texts = new ArrayList<>();
            Matcher text = TEXT.matcher(f);
            while (text.find()) {
                texts.add(unescape(text.group(1)));
            }
            labels.add(new Label(number(f, "\\^PW(\\d+)"), number(f, "\\^LL(\\d+)"), Integer.parseInt(qr.group(1)),
                    unescape(qr.group(2)), texts));
        }
        return labels;
    }

    private static int number(String format, String regex) {
        Matcher m = Pattern.compile(regex).matcher(format);
        assertTrue(m.find(), regex);
        return Integer.parseInt(m.group(1));
    }

    /** ^FH\ field data: \hh is one byte in hexadecimal; the bytes are UTF-8 (^CI28). */
    private static String unescape(String data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] raw = data.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\\') {
                bytes.write(Integer.parseInt(new String(raw, i + 1, 2, StandardCharsets.US_ASCII), 16));
                i += 2;
            } else {
                bytes.write(raw[i]);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
