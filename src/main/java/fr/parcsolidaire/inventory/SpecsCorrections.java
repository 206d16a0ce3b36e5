package fr.parcsolidaire.inventory;

import fr.parcsolidaire.platform.http.Formats;
import fr.parcsolidaire.platform.http.HttpProblem;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Jsonp;
import fr.parcsolidaire.platform.http.Validator;
import fr.parcsolidaire.platform.security.User;
import fr.parcsolidaire.platform.sql.Database;
import fr.parcsolidaire.platform.sql.Rows;
import io.helidon.dbclient.DbRow;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Specs corrected after diagnosis (processor, memory, screen, battery, webcam): each correction is one
 * SPECS_CORRECTED event listing every changed field with its value before and after, so nothing is overwritten
 * without a trace. A field left empty keeps its value. The page sends the id of the last event it showed: when the
 * history moved on since (another technician corrected the same machine), the correction is refused with a 409
 * rather than applied over values its author never saw.
 */
final class SpecsCorrections {

    /** The specs a technician may correct, by their field name in forms, JSON and the event's data. */
    enum Spec {
        CPU("cpu", "Processeur"),
        RAM("ramGb", "Mémoire (Go)"),
        SCREEN("screenInches", "Écran (pouces)"),
        BATTERY("batteryHealth", "Batterie (%)"),
        WEBCAM("webcam", "Webcam");

        private final String field;
        private final String label;

        Spec(String field, String label) {
            this.field = field;
            this.label = label;
        }

        String field() {
            return field;
        }

        static String labelOf(String field) {
            for (Spec s : values()) {
                if (s.field.equals(field)) {
                    return s.label;
                }
            }
            return field;
        }
    }

    private final Database database;

    SpecsCorrections(Database database) {
        this.database = database;
    }

    Machine correct(String tag, Input in, User actor) {
        Validator v = new Validator();
        Map<Spec, Object> asked = new EnumMap<>(Spec.class);
        putIfPresent(asked, Spec.CPU, v.optional(in.field("cpu"), in.text("cpu"), 160));
        putIfPresent(asked, Spec.RAM, v.decimal(in.field("ramGb"), in.text("ramGb"), false, new BigDecimal("0.1"), new BigDecimal("4096")));
        putIfPresent(asked, Spec.SCREEN, v.decimal(in.field("screenInches"), in.text("screenInches"), false, BigDecimal.ONE, new BigDecimal("100")));
        putIfPresent(asked, Spec.BATTERY, v.integer(in.field("batteryHealth"), in.text("batteryHealth"), false, 0, 100));
        putIfPresent(asked, Spec.WEBCAM, v.bool(in.field("webcam"), in.text("webcam"), false));
        Integer seen = v.integer(in.field("lastEvent"), in.text("lastEvent"), false, 0, Integer.MAX_VALUE);
        String note = v.optional(in.field("note"), in.text("note"), 2000);
        v.throwIfInvalid();
        return database.inTransaction(tx -> {
            DbRow row = tx.createNamedGet("machine-specs-lock").addParam("tag", tag).execute()
                    .orElseThrow(() -> Tags.notFound(tag));
            MachineState state = MachineState.valueOf(Rows.text(row, "state"));
            if (state == MachineState.SCRAPPED || state == MachineState.PARTS) {
                throw HttpProblem.conflict("La machine est « " + state.label() + " » : ses caractéristiques ne se corrigent plus.");
            }
            // Read after the lock, in a statement of its own: it sees what a competing correction committed.
            long lastEvent = tx.createNamedGet("machine-last-event").addParam("id", Rows.longValue(row, "id")).execute()
                    .map(r -> Rows.longValue(r, "last_event")).orElse(0L);
            if (seen != null && seen != lastEvent) {
                throw HttpProblem.conflict("La fiche de " + tag + " a changé entre-temps (par exemple une autre correction) : "
                        + "rechargez la page, vérifiez les valeurs et recommencez.");
            }
            Map<Spec, Object> current = current(row);
            JsonArrayBuilder changes = Jsonp.arrayBuilder();
            Map<Spec, Object> after = new EnumMap<>(current);
            boolean changed = false;
            for (Map.Entry<Spec, Object> e : asked.entrySet()) {
                Object before = current.get(e.getKey());
                if (!same(before, e.getValue())) {
                    changes.add(Jsonp.objectBuilder().add("field", e.getKey().field())
                            .add("before", json(before)).add("after", json(e.getValue())));
                    after.put(e.getKey(), e.getValue());
                    changed = true;
                }
            }
            if (!changed) {
                throw HttpProblem.badRequest("Aucune caractéristique n'a changé : modifiez au moins une valeur.");
            }
            tx.createNamedUpdate("machine-set-specs").addParam("id", Rows.longValue(row, "id"))
                    .addParam("cpu", after.get(Spec.CPU)).addParam("ramGb", after.get(Spec.RAM))
                    .addParam("screenInches", after.get(Spec.SCREEN)).addParam("batteryHealth", after.get(Spec.BATTERY))
                    .addParam("webcam", after.get(Spec.WEBCAM)).execute();
            MachineHistory.record(tx, Rows.longValue(row, "id"), MachineEventKind.SPECS_CORRECTED, null, null, actor, note,
                    Jsonp.objectBuilder().add("changes", changes).build());
            return InventoryRepository.machine(tx, tag).orElseThrow();
        });
    }

    /** "Mémoire (Go) : 4 → 8" for each change of a SPECS_CORRECTED event's data, in French. */
    static List<String> describe(JsonObject data) {
        List<String> lines = new ArrayList<>();
        JsonValue changes = data.get("changes");
        if (changes == null || changes.getValueType() != JsonValue.ValueType.ARRAY) {
            return lines;
        }
        for (JsonValue c : changes.asJsonArray()) {
            if (c instanceof JsonObject o && o.get("field") instanceof JsonString field) {
                lines.add(Spec.labelOf(field.getString()) + " : " + french(o.get("before")) + " → " + french(o.get("after")));
            }
        }
        return lines;
    }

    private static String french(JsonValue value) {
        return switch (value) {
            case null -> "non renseigné";
            case JsonString s -> s.getString();
            case JsonNumber n -> Formats.number(n.bigDecimalValue());
            default -> value == JsonValue.TRUE ? "oui" : value == JsonValue.FALSE ? "non" : "non renseigné";
        };
    }

    private static Map<Spec, Object> current(DbRow row) {
        Map<Spec, Object> current = new EnumMap<>(Spec.class);
        current.put(Spec.CPU, Rows.text(row, "cpu"));
        current.put(Spec.RAM, Rows.decimal(row, "ram_gb"));
        current.put(Spec.SCREEN, Rows.decimal(row, "screen_inches"));
        current.put(Spec.BATTERY, Rows.intOrNull(row, "battery_health"));
        current.put(Spec.WEBCAM, Rows.bool(row, "webcam"));
        return current;
    }

    private static boolean same(Object before, Object after) {
        if (before instanceof BigDecimal b && after instanceof BigDecimal a) {
            return b.compareTo(a) == 0;
        }
        return Objects.equals(before, after);
    }

    private static JsonValue json(Object value) {
        JsonObjectBuilder holder = Jsonp.objectBuilder();
        switch (value) {
            case null -> holder.addNull("v");
            case BigDecimal d -> holder.add("v", plain(d));
            case Integer i -> holder.add("v", i);
            case Boolean b -> holder.add("v", b);
            default -> holder.add("v", value.toString());
        }
        return holder.build().get("v");
    }

    /** 8.0 as 8 and 10 as 10 (not 1E+1). */
    private static BigDecimal plain(BigDecimal d) {
        BigDecimal stripped = d.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static void putIfPresent(Map<Spec, Object> map, Spec spec, Object value) {
        if (value != null) {
            map.put(spec, value);
        }
    }
}
