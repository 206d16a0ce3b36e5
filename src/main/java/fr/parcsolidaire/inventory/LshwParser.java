package fr.parcsolidaire.inventory;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the output of {@code lshw -json}: an object before B.02.18, a one-element list since.
 * Takes the system vendor and product, the first processor, the system memory and the internal disks
 * (USB sticks and optical drives plugged in while lshw ran are left out).
 */
final class LshwParser {

    private static final BigDecimal GB = BigDecimal.valueOf(1_000_000_000L);
    private static final BigDecimal GIB = BigDecimal.valueOf(1L << 30);

    public record Disk(StorageKind kind, BigDecimal capacityGb, String serial, String model, String logicalName) {
    }

    public record Hardware(String vendor, String product, String cpu, BigDecimal ramGb, List<Disk> disks) {
    }

    private LshwParser() {
    }

    public static Hardware parse(JsonValue root) {
        JsonObject system = switch (root.getValueType()) {
            case OBJECT -> root.asJsonObject();
            case ARRAY -> {
                JsonArray list = root.asJsonArray();
                if (list.isEmpty() || list.getFirst().getValueType() != JsonValue.ValueType.OBJECT) {
                    throw new IllegalArgumentException("empty lshw list");
                }
                yield list.getFirst().asJsonObject();
            }
            default -> throw new IllegalArgumentException("not lshw output");
        };
        if (!"system".equals(string(system, "class"))) {
            throw new IllegalArgumentException("the root of lshw output is not the system");
        }
        State state = new State();
        walk(system, null, state);
        return new Hardware(clean(string(system, "vendor")), clean(string(system, "product")), state.cpu, state.ramGb,
                List.copyOf(state.disks));
    }

    private static final class State {
        String cpu;
        BigDecimal ramGb;
        final List<Disk> disks = new ArrayList<>();
    }

    private static void walk(JsonObject node, JsonObject parent, State state) {
        String cls = string(node, "class");
        String id = string(node, "id");
        if ("processor".equals(cls) && state.cpu == null && !node.getBoolean("disabled", false)) {
            state.cpu = clean(string(node, "product"));
        } else if ("memory".equals(cls) && state.ramGb == null && id != null && id.startsWith("memory")
                && node.get("size") instanceof JsonNumber size) {
            // System memory is reported in bytes; sticks are sold in GiB, so round to GiB.
            state.ramGb = size.bigDecimalValue().divide(GIB, 0, RoundingMode.HALF_UP);
        } else if ("disk".equals(cls) && isInternalDisk(node)) {
            state.disks.add(disk(node, parent));
        }
        if (node.get("children") instanceof JsonArray children) {
            for (JsonValue child : children) {
                if (child.getValueType() == JsonValue.ValueType.OBJECT) {
                    walk(child.asJsonObject(), node, state);
                }
            }
        }
    }

    private static boolean isInternalDisk(JsonObject node) {
        String id = String.valueOf(string(node, "id"));
        String description = String.valueOf(string(node, "description")).toLowerCase(Locale.ROOT);
        String businfo = String.valueOf(string(node, "businfo"));
        return !id.startsWith("cdrom") && !description.contains("dvd") && !description.contains("cd-rom")
                && !businfo.startsWith("usb@");
    }

    private static Disk disk(JsonObject node, JsonObject parent) {
        String logical = logicalName(node);
        // NVMe namespaces carry no serial: lshw puts it on the controller ("storage") above them.
        String serial = clean(string(node, "serial"));
        String product = clean(string(node, "product"));
        if (parent != null && "storage".equals(string(parent, "class")) && logical != null && logical.contains("nvme")) {
            serial = serial == null ? clean(string(parent, "serial")) : serial;
            product = product == null ? clean(string(parent, "product")) : product;
        }
        BigDecimal capacity = node.get("size") instanceof JsonNumber size
                ? size.bigDecimalValue().divide(GB, 1, RoundingMode.HALF_UP) : null;
        if (capacity != null && capacity.signum() <= 0) {
            capacity = null;
        }
        return new Disk(kind(logical, product), capacity, serial, product, logical);
    }

    private static StorageKind kind(String logical, String product) {
        String name = logical == null ? "" : logical;
        String model = product == null ? "" : product.toUpperCase(Locale.ROOT);
        if (name.contains("nvme")) {
            return StorageKind.NVME;
        }
        if (name.contains("mmcblk")) {
            return StorageKind.EMMC;
        }
        if (model.contains("SSD") || model.contains("SOLID STATE")) {
            return StorageKind.SSD;
        }
        // Virtual disks (virtio) say nothing of the medium behind them.
        return name.startsWith("/dev/vd") ? StorageKind.OTHER : StorageKind.HDD;
    }

    private static String logicalName(JsonObject node) {
        JsonValue value = node.get("logicalname");
        if (value instanceof JsonString s) {
            return s.getString();
        }
        if (value instanceof JsonArray a && !a.isEmpty() && a.getFirst() instanceof JsonString s) {
            return s.getString();
        }
        return null;
    }

    private static String string(JsonObject o, String key) {
        return o.get(key) instanceof JsonString s ? s.getString() : null;
    }

    /** lshw pads some fields with spaces and reports placeholders for unset DMI strings. */
    private static String clean(String s) {
        if (s == null) {
            return null;
        }
        String v = s.strip().replaceAll("\\s{2,}", " ");
        return v.isEmpty() || v.equalsIgnoreCase("To Be Filled By O.E.M.") || v.equalsIgnoreCase("Default string")
                || v.equalsIgnoreCase("System Product Name") ? null : v.length() > 120 ? v.substring(0, 120) : v;
    }
}
