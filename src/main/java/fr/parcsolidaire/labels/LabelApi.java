package fr.parcsolidaire.labels;

import fr.parcsolidaire.platform.http.Guard;
import fr.parcsolidaire.platform.http.Input;
import fr.parcsolidaire.platform.http.Json;
import fr.parcsolidaire.platform.http.PublicUrls;
import fr.parcsolidaire.platform.http.Query;
import fr.parcsolidaire.platform.http.ValidationException;
import fr.parcsolidaire.platform.security.Permission;
import fr.parcsolidaire.platform.security.Principal;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Label printing for scripts: the layouts loaded from labels/, and a sheet as PDF for a list of tags. */
final class LabelApi implements HttpService {

    private final Guard guard;
    private final LabelService labels;
    private final PublicUrls urls;

    public LabelApi(Guard guard, LabelService labels, PublicUrls urls) {
        this.guard = guard;
        this.labels = labels;
        this.urls = urls;
    }

    @Override
    public void routing(HttpRules rules) {
        guard.on(rules)
                .get("/api/v1/labels/layouts", Permission.INVENTORY_WRITE, (req, res, who) ->
                        Json.ok(res, labels.layouts().all()))
                .post("/api/v1/labels", Permission.INVENTORY_WRITE, this::print)
                .get("/api/v1/labels/zpl", Permission.INVENTORY_WRITE, (req, res, who) -> zpl(req, res, labels, urls));
    }

    /** ?tags=A,B (or tags repeated)&size=62x29&dpi=203: the ZPL file, for the API and the print page alike. */
    static void zpl(ServerRequest req, ServerResponse res, LabelService labels, PublicUrls urls) {
        List<String> tags = new ArrayList<>();
        Query.all(req).getOrDefault("tags", List.of()).forEach(t -> tags.addAll(LabelService.splitTags(t)));
        LabelService.ZplRequest request = labels.zplRequest(req.query().first("size").orElse(null),
                req.query().first("dpi").orElse(null), tags);
        String zpl = labels.zpl(request, urls.base(req));
        res.headers().set(HeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + request.label().fileName() + "\"");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(zpl.getBytes(StandardCharsets.UTF_8));
    }

    private void print(ServerRequest req, ServerResponse res, Principal who) {
        JsonObject body = Json.object(req);
        LabelService.PrintRequest request = labels.request(Input.of(body), tags(body));
        send(res, labels.print(request, urls.base(req), who.user(), "tags"), request.layout().id());
    }

    static void send(ServerResponse res, byte[] pdf, String layoutId) {
        res.headers().set(HeaderNames.CONTENT_TYPE, "application/pdf");
        res.header(HeaderNames.CONTENT_DISPOSITION, "inline; filename=\"etiquettes-" + layoutId + ".pdf\"");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(pdf);
    }

    private static List<String> tags(JsonObject body) {
        List<String> tags = new ArrayList<>();
        List<JsonValue> values = Json.array(body, "tags", "tags");
        for (int i = 0; i < values.size(); i++) {
            if (!(values.get(i) instanceof JsonString s)) {
                throw new ValidationException(Map.of("tags[" + i + "]", "Un numéro d'inventaire (texte) est attendu."));
            }
            tags.add(s.getString());
        }
        return tags;
    }
}
