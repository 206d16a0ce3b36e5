package fr.parcsolidaire.platform.http;

import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Query strings, checked before any route reads them. Helidon 4.1.2's decoder throws on a '%' at the end
 * ("?q=%": a 500 on every page), turns bytes that are not UTF-8 into U+FFFD, and gives a name sent without
 * '=' ("?a") no value at all. The raw query is parsed once by {@link UrlEncoded} (escapes, UTF-8, number of
 * parameters): what it refuses is a 400 in French before routing. The request line itself is at most
 * 4 KiB (Helidon's max-prologue-length; longer: 414 in French), which bounds the cost.
 */
public final class Query {

    /** A 4 KiB request line holds fewer ("a&" is two bytes): the bound only matters if that limit is raised. */
    static final int MAX_PARAMETERS = 2048;

    private Query() {
    }

    public static void check(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String raw = req.query().rawValue();
        if (!raw.isEmpty()) {
            UrlEncoded.parseQuery(raw, MAX_PARAMETERS);
        }
        chain.proceed();
    }

    /** Every parameter with all its values; a name sent without '=' has one empty value. */
    public static Map<String, List<String>> all(ServerRequest req) {
        return UrlEncoded.parseQuery(req.query().rawValue(), MAX_PARAMETERS);
    }

    /** Every parameter with its first value. */
    public static Map<String, String> first(ServerRequest req) {
        Map<String, String> first = new LinkedHashMap<>();
        all(req).forEach((name, values) -> first.put(name, values.getFirst()));
        return first;
    }
}
