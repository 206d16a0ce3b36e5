package fr.parcsolidaire.platform.http;

import io.helidon.webserver.http.ServerResponse;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The message shown after a save (docs/ui.md, "Confirmations"): a form's handler redirects with {@code ?saved=<key>}
 * ({@link #redirect}), and the page it lands on shows the key's French sentence in a {@code role="status"} region
 * that app.js gives the focus to. Each feature declares its keys once, at start-up; a key means one sentence only.
 */
public final class Confirmations {

    private static final Map<String, String> MESSAGES = new ConcurrentHashMap<>();

    private Confirmations() {
    }

    /** Declares what a key says; declaring it again with another sentence is a programming error. */
    public static void declare(String key, String message) {
        String before = MESSAGES.putIfAbsent(key, message);
        if (before != null && !before.equals(message)) {
            throw new IllegalStateException("confirmation " + key + " already says « " + before + " »");
        }
    }

    public static void declare(Map<String, String> messages) {
        messages.forEach(Confirmations::declare);
    }

    /** The sentence of a key, or null for a key nobody declared (a hand-typed address shows nothing). */
    public static String message(String key) {
        return key == null ? null : MESSAGES.get(key);
    }

    /** The confirmation of the request being answered, if it came back from a save. */
    public static String current() {
        return message(CurrentRequest.saved());
    }

    /** After a save: 303 to the page that shows the result, which then confirms it. */
    public static void redirect(ServerResponse res, String location, String key) {
        if (!MESSAGES.containsKey(key)) {
            throw new IllegalStateException("undeclared confirmation " + key);
        }
        Pages.redirect(res, location + (location.contains("?") ? "&" : "?") + "saved=" + key);
    }
}
