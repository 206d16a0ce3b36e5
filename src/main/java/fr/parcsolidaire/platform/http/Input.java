package fr.parcsolidaire.platform.http;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raw input read the same way from an HTML form ("machines[2].serial") and from a JSON body
 * ({"machines": [.., .., {"serial": ..}]}), so one validation serves pages and API, and the
 * faulty field is named the same in both.
 */
public interface Input {

    /** A scalar value as text, or null. */
    String text(String name);

    /** The items of a list; each knows its own field prefix. */
    List<Input> list(String name);

    /** A nested group of fields. */
    Input child(String name);

    /** The name the validation reports for a field of this input. */
    String field(String name);

    static Input of(Form form) {
        return new FormInput(form, "");
    }

    static Input of(JsonObject json) {
        return new JsonInput(json, "");
    }

    record FormInput(Form form, String prefix) implements Input {
        private static final Pattern INDEX = Pattern.compile("^\\[(\\d{1,3})]\\.");

        @Override
        public String text(String name) {
            return form.get(prefix + name);
        }

        @Override
        public List<Input> list(String name) {
            String start = prefix + name;
            TreeSet<Integer> indexes = new TreeSet<>();
            for (String key : form.names()) {
                if (key.startsWith(start)) {
                    Matcher m = INDEX.matcher(key.substring(start.length()));
                    if (m.find()) {
                        indexes.add(Integer.parseInt(m.group(1)));
                    }
                }
            }
            List<Input> items = new ArrayList<>();
            for (int i : indexes) {
                items.add(new FormInput(form, start + "[" + i + "]."));
            }
            return items;
        }

        @Override
        public Input child(String name) {
            return new FormInput(form, prefix + name + ".");
        }

        @Override
        public String field(String name) {
            return prefix + name;
        }
    }

    record JsonInput(JsonObject json, String prefix) implements Input {
        @Override
        public String text(String name) {
            return Json.text(json, name, field(name));
        }

        @Override
        public List<Input> list(String name) {
            List<Input> items = new ArrayList<>();
            List<JsonValue> values = Json.array(json, name, field(name));
            for (int i = 0; i < values.size(); i++) {
                String itemPrefix = prefix + name + "[" + i + "].";
                if (values.get(i).getValueType() == JsonValue.ValueType.OBJECT) {
                    items.add(new JsonInput(values.get(i).asJsonObject(), itemPrefix));
                } else {
                    throw new ValidationException(Map.of(prefix + name + "[" + i + "]", "Un objet est attendu."));
                }
            }
            return items;
        }

        @Override
        public Input child(String name) {
            return new JsonInput(Json.objectOrNull(json, name, field(name)), prefix + name + ".");
        }

        @Override
        public String field(String name) {
            return prefix + name;
        }
    }
}
