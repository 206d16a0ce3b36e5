package fr.parcsolidaire.evidence;

import fr.parcsolidaire.platform.http.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JSON of {@code smartctl -j -a /dev/X} (smartmontools 7.0 and later): ATA (SATA, and SATA behind a
 * USB bridge), NVMe and SCSI/SAS drives. When smartctl could not open the disk (a virtual machine's disk, some
 * USB adapters) its JSON holds only messages: that is refused in French, naming what smartctl said.
 */
final class SmartctlParser {

    static final int MAX_BYTES = 1024 * 1024;
    /** smartctl nests five levels deep; parsson's own limit (1,000) answers with a bare RuntimeException. */
    static final int MAX_DEPTH = 32;

    private SmartctlParser() {
    }

    static SmartReport parse(byte[] json) {
        if (json.length > MAX_BYTES) {
            throw Unreadable.tooLarge("Ce rapport SMART", MAX_BYTES);
        }
        if (!shallow(json)) {
            throw notSmartctl();
        }
        JsonObject root;
        try (JsonReader reader = Jsonp.reader(new ByteArrayInputStream(json))) {
            JsonValue v = reader.readValue();
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                throw notSmartctl();
            }
            root = v.asJsonObject();
        } catch (JsonException | IllegalStateException | NumberFormatException | ArithmeticException e) {
            // Parsson refuses a number such as 1e999999999 with NumberFormatException, not JsonException.
            throw notSmartctl();
        }
        JsonObject smartctl = object(root, "smartctl");
        if (smartctl == null) {
            throw notSmartctl();
        }
        String serial = text(root, "serial_number");
        String model = text(root, "model_name");
        if (model == null) {
            model = joined(text(root, "scsi_vendor"), text(root, "scsi_product"));
        }
        if (serial == null && model == null && object(root, "smart_status") == null) {
            String said = messages(smartctl);
            throw Unreadable.file("smartctl n'a pas pu lire ce disque" + (said.isEmpty() ? "" : " (« " + said + " »)")
                    + " : ce fichier ne contient aucune donnée SMART. Sur une machine virtuelle il n'y en a pas ; derrière "
                    + "un adaptateur USB, essayez « smartctl -j -a -d sat /dev/… » sur la machine elle-même.");
        }
        if (Serials.printed(serial) == null) {
            throw Unreadable.file("Ce rapport SMART ne donne pas le n° de série du disque : il ne peut pas être "
                    + "rapproché d'un support de la machine.");
        }
        JsonObject device = object(root, "device");
        JsonObject status = object(root, "smart_status");
        JsonValue verdict = status == null ? null : status.get("passed");
        Boolean passed = verdict == null ? null : switch (verdict.getValueType()) {
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            default -> null;
        };
        JsonObject nvme = object(root, "nvme_smart_health_information_log");
        Long hours = number(object(root, "power_on_time"), "hours");
        if (hours == null) {
            hours = number(nvme, "power_on_hours");
        }
        return new SmartReport(device == null ? null : text(device, "protocol"), model, serial.strip(),
                capacity(root), hours, attribute(root, 5), attribute(root, 197),
                number(nvme, "media_errors"), intOrNull(number(nvme, "critical_warning")), passed,
                version(smartctl), device == null ? null : text(device, "name"));
    }

    /** Nesting counted in one pass, strings skipped, before the parser sees the bytes. */
    static boolean shallow(byte[] json) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                if (++depth > MAX_DEPTH) {
                    return false;
                }
            } else if (b == '}' || b == ']') {
                depth--;
            }
        }
        return true;
    }

    private static RuntimeException notSmartctl() {
        return Unreadable.file("Ce fichier n'est pas la sortie JSON de smartctl (« smartctl -j -a /dev/… »).");
    }

    private static Long capacity(JsonObject root) {
        Long bytes = number(object(root, "user_capacity"), "bytes");
        return bytes != null ? bytes : number(root, "nvme_total_capacity");
    }

    /** The raw value of an ATA SMART attribute, by id. */
    private static Long attribute(JsonObject root, int id) {
        JsonObject attributes = object(root, "ata_smart_attributes");
        if (attributes == null || !(attributes.get("table") instanceof JsonArray table)) {
            return null;
        }
        for (JsonValue v : table) {
            if (v instanceof JsonObject a && a.get("id") instanceof JsonNumber n && n.intValue() == id) {
                return number(object(a, "raw"), "value");
            }
        }
        return null;
    }

    private static String version(JsonObject smartctl) {
        if (smartctl.get("version") instanceof JsonArray v && v.size() >= 2
                && v.get(0) instanceof JsonNumber major && v.get(1) instanceof JsonNumber minor) {
            return major.intValue() + "." + minor.intValue();
        }
        return null;
    }

    private static String messages(JsonObject smartctl) {
        List<String> said = new ArrayList<>();
        if (smartctl.get("messages") instanceof JsonArray messages) {
            for (JsonValue m : messages) {
                if (m instanceof JsonObject o && text(o, "string") != null && said.size() < 3) {
                    String s = text(o, "string");
                    said.add(s.length() > 200 ? s.substring(0, 200) + "…" : s);
                }
            }
        }
        return String.join(" ; ", said);
    }

    private static JsonObject object(JsonObject o, String key) {
        return o != null && o.get(key) instanceof JsonObject child ? child : null;
    }

    private static String text(JsonObject o, String key) {
        if (o != null && o.get(key) instanceof JsonString s) {
            String t = s.getString().strip();
            return t.isEmpty() ? null : t.length() > 120 ? t.substring(0, 120) : t;
        }
        return null;
    }

    private static Long number(JsonObject o, String key) {
        if (o != null && o.get(key) instanceof JsonNumber n && n.isIntegral()) {
            try {
                long v = n.longValueExact();
                return v < 0 ? null : v;
            } catch (ArithmeticException e) {
                return null;
            }
        }
        return null;
    }

    private static Integer intOrNull(Long v) {
        return v == null || v > Integer.MAX_VALUE ? null : v.intValue();
    }

    private static String joined(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + " " + b;
    }
}
