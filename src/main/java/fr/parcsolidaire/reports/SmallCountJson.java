package fr.parcsolidaire.reports;

import fr.parcsolidaire.platform.http.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

/**
 * Counts about people in the JSON API, as the dashboard's summary and the outcome report write them: the number and
 * its reason field at null, or the number at null and the reason it is hidden ("SMALL_COUNT": from 1 to 4;
 * "COMPLEMENTARY": hidden so that a small count cannot be worked out).
 */
public final class SmallCountJson {

    private SmallCountJson() {
    }

    public static void count(JsonObjectBuilder o, String key, String reason, SmallCount.Cell c) {
        if (c.suppressed()) {
            o.addNull(key).add(reason, c.mark().name());
        } else {
            o.add(key, c.value()).addNull(reason);
        }
    }

    /** A breakdown as a list of {code, label, count, suppressed}; a withheld one is an empty list named in {@code withheld}. */
    public static JsonArrayBuilder cells(SmallCount.Breakdown breakdown, String name, JsonArrayBuilder withheld) {
        JsonArrayBuilder a = Jsonp.arrayBuilder();
        if (breakdown.withheld()) {
            withheld.add(name);
        }
        for (SmallCount.Cell c : breakdown.cells()) {
            JsonObjectBuilder o = Jsonp.objectBuilder().add("code", c.code()).add("label", c.label());
            count(o, "count", "suppressed", c);
            a.add(o);
        }
        return a;
    }
}
